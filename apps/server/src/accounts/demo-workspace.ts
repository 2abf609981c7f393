import { ConflictError } from '@orchestrator/shared/errors';
import type { AccountsService } from './accounts-service.ts';

export const DEMO_LOGIN = { email: 'demo@orchestrator.local', password: 'orchestrator-demo' } as const;

/** Local mode's seeded workspace, so a first start lands somewhere to click around. Idempotent. */
export async function seedDemoWorkspace(accounts: AccountsService): Promise<'created' | 'existing'> {
  try {
    await accounts.signUp({ ...DEMO_LOGIN, name: 'Demo User', workspace: 'Demo Workspace' });
    return 'created';
  } catch (error) {
    if (error instanceof ConflictError) return 'existing';
    throw error;
  }
}
