export interface AuthIdentity {
  userId: string;
  email: string;
}

export interface AuthSession extends AuthIdentity {
  accessToken: string;
}

/**
 * Who a person is. Locally: scrypt password hashes and JWTs we sign; in staging: Supabase Auth.
 * Workspaces and roles are ours, not the provider's.
 */
export interface AuthProvider {
  /** Creates the credential; fails with a ConflictError when the e-mail is taken. */
  signUp(input: { email: string; password: string; name: string }): Promise<AuthSession>;
  /** Fails with an UnauthorizedError on a wrong e-mail or password (without saying which). */
  signIn(input: { email: string; password: string }): Promise<AuthSession>;
  /** Fails with an UnauthorizedError when the token is bad or expired. */
  verify(accessToken: string): Promise<AuthIdentity>;
}
