import { z } from 'zod';
import { recordAudit } from '@orchestrator/shared/audit';
import type { Principal } from '@orchestrator/shared/http';
import type { Tx } from '@orchestrator/shared/ports';
import type { Request } from 'express';

export const FlowIdParamsSchema = z.object({ id: z.uuid() });

/** Who may change flows. Publishing an ops-only node (Kestra) also needs the ops role (or admin). */
export const FLOW_EDITORS = ['admin', 'member', 'ops'] as const;

/** An entry in the workspace audit log about a flow (or one of its runs). */
export function auditFlow(
  tx: Tx,
  principal: Principal,
  req: Request,
  action: string,
  targetId: string,
  details = {},
) {
  return recordAudit(tx, {
    tenantId: principal.tenantId,
    actorUserId: principal.userId,
    actorApiKeyId: principal.apiKeyId,
    action,
    targetType: 'flow',
    targetId,
    details,
    requestId: req.id,
  });
}
