import { recordAudit } from '@orchestrator/shared/audit';
import type { AuthResponse, LoginRequest, MeResponse, SignupRequest } from '@orchestrator/shared/contracts';
import { ConflictError, ForbiddenError, NotFoundError } from '@orchestrator/shared/errors';
import type { AuthProvider, AuthSession, Database } from '@orchestrator/shared/ports';
import type { AccountsRepository } from './accounts-repository.ts';
import { slugForWorkspace } from './workspace-slug.ts';

/** Sign-up creates a person, their workspace and their owner membership; sign-in finds the workspace. */
export class AccountsService {
  constructor(
    private readonly database: Database,
    private readonly authProvider: AuthProvider,
    private readonly accounts: AccountsRepository,
  ) {}

  async signUp(request: SignupRequest, requestId?: string): Promise<AuthResponse> {
    const session = await this.createCredential(request);
    const { user, tenant } = await this.database.systemTx(async (tx) => {
      const user = await this.accounts.upsertUser(tx, {
        id: session.userId,
        email: session.email,
        name: request.name,
      });
      const tenant = await this.accounts.createTenant(
        tx,
        request.workspace,
        slugForWorkspace(request.workspace),
      );
      await this.accounts.addMembership(tx, tenant.id, user.id, 'owner');
      await recordAudit(tx, {
        tenantId: tenant.id,
        actorUserId: user.id,
        action: 'workspace.created',
        targetType: 'tenant',
        targetId: tenant.id,
        details: { name: tenant.name, slug: tenant.slug },
        requestId,
      });
      return { user, tenant };
    });
    return { token: session.accessToken, user, tenant, role: 'owner' };
  }

  async signIn(request: LoginRequest): Promise<AuthResponse> {
    const session = await this.authProvider.signIn(request);
    return this.database.systemTx(async (tx) => {
      const user =
        (await this.accounts.findUser(tx, session.userId)) ??
        (await this.accounts.upsertUser(tx, {
          id: session.userId,
          email: session.email,
          name: session.email.split('@')[0]!,
        }));
      const [first] = await this.accounts.membershipsOf(tx, user.id);
      if (!first) throw new ForbiddenError('This account has no workspace; sign up to create one');
      return { token: session.accessToken, user, tenant: first.tenant, role: first.role };
    });
  }

  async me(userId: string, tenantId: string): Promise<MeResponse> {
    return this.database.systemTx(async (tx) => {
      const user = await this.accounts.findUser(tx, userId);
      const memberships = await this.accounts.membershipsOf(tx, userId);
      const current = memberships.find((membership) => membership.tenant.id === tenantId);
      if (!user || !current) throw new NotFoundError('No such member of this workspace');
      return { user, tenant: current.tenant, role: current.role, memberships };
    });
  }

  /**
   * A credential whose workspace was never created (the process died between the two steps) is
   * finished on the next sign-up with the same password, instead of locking its owner out for good.
   */
  private async createCredential(request: SignupRequest): Promise<AuthSession> {
    try {
      return await this.authProvider.signUp(request);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const session = await this.authProvider.signIn(request).catch(() => {
        throw error;
      });
      const hasWorkspace = await this.database.systemTx(
        async (tx) => (await this.accounts.membershipsOf(tx, session.userId)).length > 0,
      );
      if (hasWorkspace) throw error;
      return session;
    }
  }
}
