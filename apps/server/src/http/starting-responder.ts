import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServerStartingError } from '@orchestrator/shared/errors';
import { problemFor } from '@orchestrator/shared/http';

/** What every request but the probes gets while the suite starts: try again in 2 s. */
const STARTING = new ServerStartingError(2);

/**
 * What the server answers between listening and the app being attached (migrations, seeding, the
 * workers starting): the process is alive (`/healthz` 200, so a liveness probe does not restart a
 * slow migration), not ready (`/readyz` 503), and every other request gets a 503 problem with
 * Retry-After. A request with no handler at all would never be answered.
 */
export function startingResponder(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/healthz') {
    reply(res, 200, 'application/json', { status: 'starting' });
    return;
  }
  res.setHeader('Retry-After', String(STARTING.retryAfterSeconds));
  if (path === '/readyz') {
    reply(res, 503, 'application/json', { status: 'starting' });
    return;
  }
  reply(res, 503, 'application/problem+json', problemFor(STARTING));
}

function reply(res: ServerResponse, status: number, contentType: string, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.end(JSON.stringify(body));
}
