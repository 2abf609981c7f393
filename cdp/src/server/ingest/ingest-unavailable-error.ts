import { DomainError } from '@orchestrator/shared/errors';

/**
 * The ingest could not store what it was sent (event bus or database down). A 503 tells the Segment
 * SDKs to keep the batch and retry it later; nothing of the request was accepted.
 */
export class IngestUnavailableError extends DomainError {
  readonly status = 503;
  readonly title = 'Service unavailable';
  readonly code = 'unavailable';
}
