import { randomUUID } from 'node:crypto';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import type { CdpMessage } from '@orchestrator/shared/ports';
import type { RunningSuite } from '../suite.ts';
import { call } from './start-test-suite.ts';

/** A workspace signed up through the API: its owner's token and its tenant id. */
export interface TestWorkspace {
  token: string;
  tenantId: string;
}

/** Signs a new owner up with a workspace named `name` (a unique e-mail each time). */
export async function signUpWorkspace(suite: RunningSuite, name: string): Promise<TestWorkspace> {
  const { body } = await call(suite, 'POST', '/api/v1/auth/signup', {
    body: {
      email: `${name}-${randomUUID().slice(0, 8)}@acme.io`,
      password: 'correct horse battery',
      name,
      workspace: name,
    },
  });
  return { token: body.token, tenantId: body.tenant.id };
}

/**
 * Sends CDP messages as a module does: through the CdpClient in a transaction of the workspace's; the
 * relay and the cdp-worker do the rest.
 */
export async function sendCdpMessages(
  suite: RunningSuite,
  workspace: TestWorkspace,
  messages: readonly CdpMessage[],
): Promise<void> {
  const cdp = await resolve(suite.container, TOKENS.CdpClient);
  const database = await resolve(suite.container, TOKENS.Database);
  await database.tenantTx(workspace.tenantId, (tx) => cdp.enqueue(tx, workspace.tenantId, messages));
}
