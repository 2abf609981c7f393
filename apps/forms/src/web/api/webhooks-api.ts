import { apiClient } from '@orchestrator/shared/api-client';
import {
  DeliveryListResponseSchema,
  DeliverySchema,
  WebhookListResponseSchema,
  WebhookSchema,
} from '../../contracts/index.ts';
import type {
  CreateWebhookRequest,
  Delivery,
  DeliveryListResponse,
  UpdateWebhookRequest,
  Webhook,
} from '../../contracts/index.ts';
import { formApiPath } from './forms-api.ts';
import { query } from './query.ts';

function webhooksPath(formId: string): string {
  return `${formApiPath(formId)}/webhooks`;
}

function webhookPath(formId: string, webhookId: string): string {
  return `${webhooksPath(formId)}/${encodeURIComponent(webhookId)}`;
}

export async function listWebhooks(formId: string, signal: AbortSignal): Promise<Webhook[]> {
  const { items } = await apiClient.get(webhooksPath(formId), WebhookListResponseSchema, { signal });
  return items;
}

export function createWebhook(formId: string, body: CreateWebhookRequest): Promise<Webhook> {
  return apiClient.post(webhooksPath(formId), body, WebhookSchema);
}

export function updateWebhook(
  formId: string,
  webhookId: string,
  body: UpdateWebhookRequest,
): Promise<Webhook> {
  return apiClient.patch(webhookPath(formId, webhookId), body, WebhookSchema);
}

export function deleteWebhook(formId: string, webhookId: string): Promise<void> {
  return apiClient.delete(webhookPath(formId, webhookId));
}

export function listDeliveries(
  formId: string,
  webhookId: string,
  cursor: string | undefined,
  signal: AbortSignal,
): Promise<DeliveryListResponse> {
  return apiClient.get(
    `${webhookPath(formId, webhookId)}/deliveries${query({ cursor, limit: 20 })}`,
    DeliveryListResponseSchema,
    { signal },
  );
}

export function redeliver(formId: string, webhookId: string, deliveryId: string): Promise<Delivery> {
  return apiClient.post(
    `${webhookPath(formId, webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
    {},
    DeliverySchema,
  );
}
