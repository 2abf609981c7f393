import { z } from 'zod';

/** What one process does. Local mode runs them all in one; staging scales each on its own. */
export const ServerRoleSchema = z.enum(['api', 'relay', 'cdp-worker', 'flows-worker']);
export type ServerRole = z.infer<typeof ServerRoleSchema>;
export const ALL_ROLES: readonly ServerRole[] = ServerRoleSchema.options;

/** `server api relay`, `server all` or nothing (= all). */
export function parseRoles(args: readonly string[]): ServerRole[] {
  if (args.length === 0 || args.includes('all')) return [...ALL_ROLES];
  return args.map((arg) => {
    const parsed = ServerRoleSchema.safeParse(arg);
    if (!parsed.success) throw new Error(`Unknown role "${arg}": use all, ${ALL_ROLES.join(', ')}`);
    return parsed.data;
  });
}
