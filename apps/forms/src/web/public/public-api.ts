import { apiClient, isApiProblem } from '@orchestrator/shared/api-client';
import { PublicFormResponseSchema, PublicSubmissionResponseSchema } from '../../contracts/index.ts';
import type { PublicFormResponse, PublicSubmissionRequest } from '../../contracts/index.ts';
import { sentence } from '../renderer/messages.ts';
import type { SubmitOutcome } from '../renderer/types.ts';

const API = '/api/v1/public/forms';

function formPath(slug: string): string {
  return `${API}/${encodeURIComponent(slug)}`;
}

/** The published form; a `version` the respondent started on, if it still exists, else the current one. */
export async function fetchPublicForm(
  slug: string,
  version: number | undefined,
  signal: AbortSignal,
): Promise<PublicFormResponse> {
  if (version !== undefined) {
    try {
      return await apiClient.get(`${formPath(slug)}?version=${version}`, PublicFormResponseSchema, {
        signal,
      });
    } catch (error) {
      if (!isApiProblem(error) || error.status !== 404) throw error;
    }
  }
  return apiClient.get(formPath(slug), PublicFormResponseSchema, { signal });
}

/** Sends a response and says how it went, in the respondent's words; never throws. */
export async function submitResponse(slug: string, body: PublicSubmissionRequest): Promise<SubmitOutcome> {
  try {
    await apiClient.post(`${formPath(slug)}/submissions`, body, PublicSubmissionResponseSchema);
    return { status: 'submitted' };
  } catch (error) {
    if (!isApiProblem(error)) {
      return {
        status: 'failed',
        title: 'Your answers could not be sent',
        detail: 'Try again.',
        final: false,
      };
    }
    switch (error.status) {
      case 422: {
        const fieldErrors: Record<string, string> = {};
        const otherErrors: string[] = [];
        for (const { field, message } of error.errors) {
          const match = /^(?:body\.)?answers\.([^.]+)/.exec(field);
          if (match && fieldErrors[match[1]!] === undefined) fieldErrors[match[1]!] = sentence(message);
          else if (!match) otherErrors.push(sentence(message));
        }
        if (Object.keys(fieldErrors).length === 0 && otherErrors.length === 0) {
          otherErrors.push(error.detail ?? error.title);
        }
        return { status: 'invalid', fieldErrors, otherErrors };
      }
      case 410:
        return { status: 'failed', final: true, title: 'This form is closed', detail: error.detail };
      case 409:
        return {
          status: 'failed',
          final: true,
          title: 'This form is no longer taking responses',
          detail: error.detail ?? 'It has received all the responses it can take.',
        };
      case 429:
        return {
          status: 'failed',
          final: false,
          title: 'Too many responses from your network',
          detail: 'Wait a minute, then send again. Your answers are kept.',
        };
      case 413:
        return {
          status: 'failed',
          final: false,
          title: 'Your answers are too large to send',
          detail: 'Choose a smaller file, or shorten your longest answer.',
        };
      case 0:
        return {
          status: 'failed',
          final: false,
          title: 'Cannot reach the server',
          detail: 'Check your connection, then send again. Your answers are kept.',
        };
      default:
        return {
          status: 'failed',
          final: false,
          title: 'Your answers could not be sent',
          detail: `${error.detail ?? error.title} Your answers are kept; try again.`,
        };
    }
  }
}
