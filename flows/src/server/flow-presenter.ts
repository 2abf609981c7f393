import { NotFoundError } from '@orchestrator/shared/errors';
import type { Principal } from '@orchestrator/shared/http';
import type { Tx } from '@orchestrator/shared/ports';
import type { Flow, FlowListItem } from '../contracts/index.ts';
import { validateGraph, type NodeCapability } from '../domain/index.ts';
import type { FlowsRepository, StoredFlow } from './flows-repository.ts';
import { unavailableReason } from './node-catalog.ts';

/** How the API shows flows: list items, and full flows with the draft's problems for this user. */
export function flowPresenter(capabilities: ReadonlySet<NodeCapability>) {
  const problemsOf = (flow: Pick<StoredFlow, 'graph'>, principal: Principal) =>
    validateGraph(flow.graph, {
      isAvailable: (type) => unavailableReason(type, capabilities, principal.role) === null,
    });
  const listItem = (flow: StoredFlow): FlowListItem => ({
    id: flow.id,
    name: flow.name,
    status: flow.status,
    settings: flow.settings,
    activeVersion: flow.activeVersion,
    hasUnpublishedChanges: flow.hasUnpublishedChanges,
    stats: flow.stats,
    createdAt: flow.createdAt,
    updatedAt: flow.updatedAt,
  });
  const present = (flow: StoredFlow, principal: Principal): Flow => ({
    ...listItem(flow),
    graph: flow.graph,
    problems: problemsOf(flow, principal),
  });
  return { problemsOf, listItem, present };
}

export type FlowPresenter = ReturnType<typeof flowPresenter>;

/** The flow, or a 404. */
export async function loadFlow(
  flows: FlowsRepository,
  tx: Tx,
  id: string,
  lock = false,
): Promise<StoredFlow> {
  const flow = await flows.get(tx, id, { lock });
  if (!flow) throw new NotFoundError('No such flow');
  return flow;
}
