import { z } from 'zod';
import { apiClient } from '@orchestrator/shared/api-client';
import {
  FormListResponseSchema,
  FormSchema,
  PublishResponseSchema,
  PublishedVersionListResponseSchema,
} from '../../contracts/index.ts';
import type {
  Form,
  FormDefinition,
  FormListResponse,
  PublishResponse,
  PublishedVersion,
} from '../../contracts/index.ts';
import { query } from './query.ts';

export const API = '/api/v1/forms';

/** Where the module is mounted by the shell; the pages link to each other with absolute paths. */
export const FORMS_PATH = '/forms';

export function formPath(formId: string, page: 'edit' | 'submissions' | 'integrations'): string {
  return `${FORMS_PATH}/${encodeURIComponent(formId)}/${page}`;
}

export function formApiPath(formId: string): string {
  return `${API}/${encodeURIComponent(formId)}`;
}

export function listForms(
  params: { q?: string; cursor?: string; limit: number },
  signal: AbortSignal,
): Promise<FormListResponse> {
  return apiClient.get(`${API}${query(params)}`, FormListResponseSchema, { signal });
}

export function createForm(title: string): Promise<Form> {
  return apiClient.post(API, { title }, FormSchema);
}

export function fetchForm(formId: string, signal?: AbortSignal): Promise<Form> {
  return apiClient.get(formApiPath(formId), FormSchema, { signal });
}

export function saveForm(formId: string, definition: FormDefinition, signal?: AbortSignal): Promise<Form> {
  return apiClient.put(formApiPath(formId), definition, FormSchema, { signal });
}

export function deleteForm(formId: string): Promise<void> {
  return apiClient.delete(formApiPath(formId));
}

export function publishForm(formId: string): Promise<PublishResponse> {
  return apiClient.post(`${formApiPath(formId)}/publish`, {}, PublishResponseSchema);
}

export function unpublishForm(formId: string): Promise<Form> {
  return apiClient.post(`${formApiPath(formId)}/unpublish`, {}, FormSchema);
}

export async function fetchVersions(formId: string, signal: AbortSignal): Promise<PublishedVersion[]> {
  const { items } = await apiClient.get(
    `${formApiPath(formId)}/versions`,
    PublishedVersionListResponseSchema,
    {
      signal,
    },
  );
  return items;
}

/** The definition the builder edits, out of a form as the API answers it. */
export function definitionOf(form: Form): FormDefinition {
  const { title, fields, hiddenFields, logic, settings } = form;
  return { title, fields, hiddenFields, logic, settings };
}

export const AnyAnswerSchema = z.unknown();
