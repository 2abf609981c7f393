import { z } from 'zod';

export const RoleSchema = z.enum(['owner', 'admin', 'member', 'viewer', 'ops']);
export type Role = z.infer<typeof RoleSchema>;

export const SignupRequestSchema = z.object({
  email: z.email('must be an e-mail address').max(320),
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  name: z.string().trim().min(1, 'is required').max(200),
  workspace: z.string().trim().min(1, 'is required').max(200),
});
export type SignupRequest = z.infer<typeof SignupRequestSchema>;

export const LoginRequestSchema = z.object({
  email: z.email('must be an e-mail address').max(320),
  password: z.string().min(1, 'is required').max(200),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const UserSchema = z.object({ id: z.uuid(), email: z.email(), name: z.string() });
export type User = z.infer<typeof UserSchema>;

export const TenantSchema = z.object({ id: z.uuid(), name: z.string(), slug: z.string() });
export type Tenant = z.infer<typeof TenantSchema>;

export const AuthResponseSchema = z.object({
  token: z.string(),
  user: UserSchema,
  tenant: TenantSchema,
  role: RoleSchema,
});
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

export const MeResponseSchema = z.object({
  user: UserSchema,
  tenant: TenantSchema,
  role: RoleSchema,
  memberships: z.array(z.object({ tenant: TenantSchema, role: RoleSchema })),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

/** The header a client sends to pick one of its workspaces; without it, the oldest membership is used. */
export const TENANT_HEADER = 'x-tenant-id';
