import { TENANT_HEADER } from '@orchestrator/shared/contracts';
import { ApiProblem, apiClient, getSession } from '@orchestrator/shared/api-client';
import { SubmissionListResponseSchema, SubmissionSchema } from '../../contracts/index.ts';
import type { Submission, SubmissionCategory, SubmissionListResponse } from '../../contracts/index.ts';
import { formApiPath } from './forms-api.ts';
import { query } from './query.ts';

export interface SubmissionQuery {
  q: string;
  category: SubmissionCategory | 'all' | undefined;
  sort: string;
  order: 'asc' | 'desc';
  cursor: string | undefined;
  limit: number;
}

export function listSubmissions(
  formId: string,
  params: SubmissionQuery,
  signal: AbortSignal,
): Promise<SubmissionListResponse> {
  return apiClient.get(
    `${formApiPath(formId)}/submissions${query({ ...params })}`,
    SubmissionListResponseSchema,
    { signal },
  );
}

export function setSubmissionCategory(
  formId: string,
  submissionId: string,
  category: SubmissionCategory,
): Promise<Submission> {
  return apiClient.patch(
    `${formApiPath(formId)}/submissions/${encodeURIComponent(submissionId)}`,
    { category },
    SubmissionSchema,
  );
}

function fileNameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]!);
    } catch {
      // Fall back to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1];
}

/**
 * Downloads the server's CSV of the submissions (same search and category as the table). The API
 * needs the bearer token, so the file is fetched and handed to the browser as a download.
 */
export async function downloadSubmissionsCsv(
  formId: string,
  params: Pick<SubmissionQuery, 'q' | 'category'>,
): Promise<string> {
  const session = getSession();
  const headers: Record<string, string> = { accept: 'text/csv, application/problem+json' };
  if (session) {
    headers.authorization = `Bearer ${session.token}`;
    headers[TENANT_HEADER] = session.tenant.id;
  }
  let response: Response;
  try {
    response = await fetch(`${formApiPath(formId)}/submissions/export.csv${query({ ...params })}`, {
      headers,
    });
  } catch (error) {
    throw ApiProblem.unreachable(error);
  }
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  const fileName = fileNameFrom(response.headers.get('content-disposition')) ?? 'submissions.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the blob goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
