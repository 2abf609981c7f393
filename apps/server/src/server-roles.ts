import { SERVER_ROLES, type ServerRole } from '@orchestrator/shared/modules';

export type { ServerRole } from '@orchestrator/shared/modules';
export const ALL_ROLES: readonly ServerRole[] = SERVER_ROLES;

/** `server api relay`, `server all` or nothing (= all). */
export function parseRoles(args: readonly string[]): ServerRole[] {
  if (args.length === 0 || args.includes('all')) return [...ALL_ROLES];
  return args.map((arg) => {
    const role = ALL_ROLES.find((candidate) => candidate === arg);
    if (!role) throw new Error(`Unknown role "${arg}": use all, ${ALL_ROLES.join(', ')}`);
    return role;
  });
}
