import type { IconName } from '@orchestrator/shared/ui';
import type { HandleSpec, NodeTypeDefinition } from './node-type.ts';

/** Checks a node file against the definition while keeping its own config type. */
export function defineNodeType<Config>(
  definition: NodeTypeDefinition<Config> & { icon: IconName },
): NodeTypeDefinition<Config> {
  return definition;
}

export const NEXT_HANDLE: HandleSpec = { id: 'next', label: 'Next' };
/** Actions leave by it when their last attempt failed; unconnected, the run fails instead. */
export const ERROR_HANDLE: HandleSpec = { id: 'error', label: 'Error', kind: 'error' };
export const ACTION_OUTPUTS: HandleSpec[] = [NEXT_HANDLE, ERROR_HANDLE];

/** Accent colours of the categories, so the palette and canvas read at a glance. */
export const CATEGORY_COLORS = {
  trigger: '#0f766e',
  logic: '#6d28d9',
  wait: '#b45309',
  action: '#1d4ed8',
  exit: '#475569',
} as const;
