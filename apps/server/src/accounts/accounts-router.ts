import {
  AuthResponseSchema,
  LoginRequestSchema,
  MeResponseSchema,
  SignupRequestSchema,
} from '@orchestrator/shared/contracts';
import { ApiRouter, principalOf, type ApiKernel } from '@orchestrator/shared/http';
import { BadRequestError } from '@orchestrator/shared/errors';
import type { AccountsService } from './accounts-service.ts';

/** The auth contract of DESIGN.md §5: sign-up, log-in, and who am I. */
export function accountsRouter(kernel: ApiKernel, accounts: AccountsService): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/auth', 'Auth');

  api.post(
    '/signup',
    {
      summary: 'Create an account and its workspace',
      public: true,
      body: SignupRequestSchema,
      response: AuthResponseSchema,
    },
    ({ body, req }) => accounts.signUp(body, req.id),
  );

  api.post(
    '/login',
    { summary: 'Sign in', public: true, status: 200, body: LoginRequestSchema, response: AuthResponseSchema },
    ({ body }) => accounts.signIn(body),
  );

  api.get(
    '/me',
    { summary: 'The signed-in person, workspace and role', response: MeResponseSchema },
    ({ req }) => {
      const principal = principalOf(req);
      if (!principal.userId) throw new BadRequestError('API keys act for a workspace, not a person');
      return accounts.me(principal.userId, principal.tenantId);
    },
  );

  return api;
}
