import { Container } from 'inversify';
import type { Config } from '../config/index.ts';
import { TOKENS, type Token } from './tokens.ts';

/** One set of bindings for every port: `local` (embedded engines and mocks) or `staging` (real clients). */
export interface BindingSet {
  name: 'local' | 'staging';
  bind(container: Container, config: Config): void;
  /** Runs after the container is closed: stop mock servers, etc. */
  dispose?(): Promise<void>;
}

/** Async resolution, because databases, buses and mock servers are opened asynchronously. */
export function resolve<T>(container: Container, token: Token<T>): Promise<T> {
  return container.getAsync<T>(token);
}

export function resolveOptional<T>(container: Container, token: Token<T>): Promise<T | undefined> {
  return container.isBound(token) ? container.getAsync<T>(token) : Promise.resolve(undefined);
}

export function createContainer(bindings: BindingSet, config: Config): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Config).toConstantValue(config);
  bindings.bind(container, config);
  return container;
}

export { Container };

/** Typed look-ups inside `toDynamicValue` factories. */
export interface ResolutionContextLike {
  get<T>(token: symbol): T;
  getAsync<T>(token: symbol): Promise<T>;
}
export const dependency = <T>(ctx: ResolutionContextLike, token: Token<T>): T => ctx.get<T>(token);
export const asyncDependency = <T>(ctx: ResolutionContextLike, token: Token<T>): Promise<T> =>
  ctx.getAsync<T>(token);
