import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { ConflictError, UnauthorizedError } from '../errors/index.ts';
import type { AuthIdentity, AuthProvider, AuthSession, Database } from '../ports/index.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';

const ISSUER = 'orchestrator-local';
const AUDIENCE = 'orchestrator';
/** A hash of a password nobody has, so unknown e-mails cost the same time as wrong passwords. */
const DUMMY_HASH = hashPassword(randomUUID());

/** Local mode's identity provider: scrypt password hashes in `local_credentials`, HS256 JWTs via jose. */
export class LocalAuthProvider implements AuthProvider {
  private readonly key: Uint8Array;

  constructor(
    private readonly database: Database,
    secret: string,
    private readonly tokenTtl = '12h',
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async signUp(input: { email: string; password: string; name: string }): Promise<AuthSession> {
    const email = input.email.trim().toLowerCase();
    const userId = randomUUID();
    const passwordHash = await hashPassword(input.password);
    const inserted = await this.database.systemTx((tx) =>
      tx.query(
        `INSERT INTO local_credentials (email, user_id, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO NOTHING`,
        [email, userId, passwordHash],
      ),
    );
    if (inserted.rowCount === 0) throw new ConflictError('An account with this e-mail already exists');
    return { userId, email, accessToken: await this.issue(userId, email) };
  }

  async signIn(input: { email: string; password: string }): Promise<AuthSession> {
    const email = input.email.trim().toLowerCase();
    const { rows } = await this.database.systemTx((tx) =>
      tx.query<{ user_id: string; password_hash: string }>(
        'SELECT user_id, password_hash FROM local_credentials WHERE email = $1',
        [email],
      ),
    );
    const credential = rows[0];
    const valid = await verifyPassword(input.password, credential?.password_hash ?? (await DUMMY_HASH));
    if (!credential || !valid) throw new UnauthorizedError('Wrong e-mail or password');
    return { userId: credential.user_id, email, accessToken: await this.issue(credential.user_id, email) };
  }

  async verify(accessToken: string): Promise<AuthIdentity> {
    try {
      const { payload } = await jwtVerify(accessToken, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.email !== 'string')
        throw new Error('claims missing');
      return { userId: payload.sub, email: payload.email };
    } catch {
      throw new UnauthorizedError('The access token is invalid or expired; sign in again');
    }
  }

  private issue(userId: string, email: string): Promise<string> {
    return new SignJWT({ email })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(this.tokenTtl)
      .sign(this.key);
  }
}
