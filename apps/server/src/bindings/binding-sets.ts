import type { Config } from '@orchestrator/shared/config';
import type { BindingSet } from '@orchestrator/shared/di';
import { localBindings } from './local-bindings.ts';
import { stagingBindings } from './staging-bindings.ts';

/** The only place that reads APP_MODE: it picks one of exactly two binding sets. */
export function bindingSetFor(config: Config): BindingSet {
  return config.APP_MODE === 'staging' ? stagingBindings() : localBindings();
}
