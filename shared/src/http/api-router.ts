import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { Role } from '../contracts/index.ts';
import { ValidationError } from '../errors/index.ts';
import type { OpenApiRegistry } from './openapi-registry.ts';
import { requireRole } from './require-role.ts';
import { fieldErrorsFrom } from './zod-field-errors.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteDefinition<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
  R extends z.ZodType | undefined,
> {
  summary: string;
  body?: B;
  query?: Q;
  params?: P;
  response?: R;
  /** Success status; 204 sends no body. */
  status?: number;
  /** Reachable without a token (sign-up, public pages). */
  public?: boolean;
  /** Roles allowed; any member by default. */
  roles?: Role[];
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  req: Request;
  res: Response;
}

/** What every API router needs from the host: auth, per-tenant rate limits and the OpenAPI registry. */
export interface ApiKernel {
  openapi: OpenApiRegistry;
  authenticate: RequestHandler;
  rateLimit: RequestHandler;
}

/**
 * An Express router whose routes are declared with zod schemas: input is validated (422 problem+json
 * naming each bad field), auth and roles are enforced, and the route is added to the OpenAPI document.
 */
export class ApiRouter {
  readonly router = Router();

  constructor(
    private readonly kernel: ApiKernel,
    /** Mount path, e.g. `/api/v1/crm`; used for the OpenAPI paths. */
    readonly basePath: string,
    private readonly tag: string,
  ) {}

  get = this.method('get');
  post = this.method('post');
  put = this.method('put');
  patch = this.method('patch');
  delete = this.method('delete');

  private method(method: Method) {
    return <
      B extends z.ZodType | undefined = undefined,
      Q extends z.ZodType | undefined = undefined,
      P extends z.ZodType | undefined = undefined,
      R extends z.ZodType | undefined = undefined,
    >(
      path: string,
      definition: RouteDefinition<B, Q, P, R>,
      handler: (
        input: RouteInput<Infer<B>, Infer<Q>, Infer<P>>,
      ) => Promise<R extends z.ZodType ? z.input<R> : unknown>,
    ): void => {
      const status = definition.status ?? (method === 'post' ? 201 : 200);
      this.kernel.openapi.add({
        method,
        path: this.basePath + path,
        summary: definition.summary,
        tag: this.tag,
        secured: !definition.public,
        status,
        body: definition.body,
        query: definition.query,
        params: definition.params,
        response: definition.response,
      });
      const guards: RequestHandler[] = definition.public
        ? [this.kernel.rateLimit]
        : [
            this.kernel.authenticate,
            this.kernel.rateLimit,
            ...(definition.roles ? [requireRole(definition.roles)] : []),
          ];
      this.router[method](path, ...guards, async (req, res) => {
        const input = {
          body: parse(definition.body, req.body ?? {}, 'body'),
          query: parse(definition.query, req.query, 'query'),
          params: parse(definition.params, req.params, 'params'),
          req,
          res,
        } as RouteInput<Infer<B>, Infer<Q>, Infer<P>>;
        const result = await handler(input);
        if (res.headersSent) return;
        if (status === 204) res.status(204).end();
        else res.status(status).json(result);
      });
    };
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(`The request ${part} is invalid`, fieldErrorsFrom(result.error, part));
  }
  return result.data;
}
