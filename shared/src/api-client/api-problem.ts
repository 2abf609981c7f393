import { ProblemSchema } from '@orchestrator/shared/contracts';
import type { Problem } from '@orchestrator/shared/contracts';
import type { ResponseSchema } from './api-client.ts';

/**
 * The problem document as the server sent it: the RFC 9457 members plus any extension members
 * (§3.2), such as the `problems` list a refused flow publish carries.
 */
export type ProblemDocument = Problem & { readonly [member: string]: unknown };

/** Extension members are kept, not stripped, so callers can read what their endpoint adds. */
const ProblemDocumentSchema = ProblemSchema.loose();

export interface ApiFieldError {
  /** Where the bad value was, e.g. `body.email`. */
  field: string;
  message: string;
}

/**
 * An API call that did not succeed, shaped like the RFC 9457 problem the server answered with.
 * Network failures and non-problem answers (a proxy's HTML error page) are turned into the same shape,
 * so pages have one kind of error to show.
 */
export class ApiProblem extends Error {
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: ApiFieldError[];
  /** The whole document, extension members included; read those through `member`. */
  readonly problem: ProblemDocument;

  constructor(problem: Pick<Problem, 'status' | 'title'> & Partial<ProblemDocument>) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.problem = { ...problem, type: this.type };
  }

  /**
   * An extension member of the problem, checked against the schema of what the endpoint documents;
   * undefined when the member is absent or has another shape (an older server, a proxy's answer).
   */
  member<T>(name: string, schema: ResponseSchema<T>): T | undefined {
    if (!Object.hasOwn(this.problem, name)) return undefined;
    const parsed = schema.safeParse(this.problem[name]);
    return parsed.success ? parsed.data : undefined;
  }

  static async fromResponse(response: Response): Promise<ApiProblem> {
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = ProblemDocumentSchema.safeParse(body);
    if (parsed.success) return new ApiProblem(parsed.data);
    return new ApiProblem({
      status: response.status,
      title: response.statusText || `Request failed with status ${response.status}`,
      detail: 'The server answered with an unexpected error. Try again in a moment.',
    });
  }

  static unreachable(cause: unknown): ApiProblem {
    const problem = new ApiProblem({
      status: 0,
      title: 'Cannot reach the server',
      detail: 'Check your connection, then try again.',
    });
    problem.cause = cause;
    return problem;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}
