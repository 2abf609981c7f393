// The browser's authenticated client of the suite's API, shared by the shell and every module's pages.
export { apiClient } from './api-client.ts';
export type { RequestOptions, ResponseSchema } from './api-client.ts';
export { ApiProblem, isApiProblem } from './api-problem.ts';
export type { ApiFieldError, ProblemDocument } from './api-problem.ts';
export { formErrorsFromProblem } from './field-errors.ts';
export type { FormErrors } from './field-errors.ts';
export { clearSession, getSession, setSession, subscribeToSession } from './session-store.ts';
export type { Session } from './session-store.ts';
export { useApiResource } from './use-api-resource.ts';
export type { ApiResource } from './use-api-resource.ts';
