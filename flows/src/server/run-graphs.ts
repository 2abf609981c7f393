import type { Database } from '@orchestrator/shared/ports';
import type { FlowGraph, FlowNode, FlowSettings } from '../contracts/index.ts';
import { graphOf, settingsOf } from './flows-repository.ts';

/** A version's graph in execution form: nodes by id and edges by (source, handle). */
export class CompiledGraph {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly targets = new Map<string, string>();

  constructor(
    graph: FlowGraph,
    readonly settings: FlowSettings,
  ) {
    for (const node of graph.nodes) this.nodes.set(node.id, node);
    for (const edge of graph.edges) {
      const key = `${edge.source}\u0000${edge.sourceHandle ?? 'next'}`;
      if (!this.targets.has(key)) this.targets.set(key, edge.target);
    }
  }

  node(id: string): FlowNode | undefined {
    return this.nodes.get(id);
  }

  /** The node an edge from `handle` of `nodeId` leads to, if one is connected. */
  target(nodeId: string, handle: string): string | undefined {
    return this.targets.get(`${nodeId}\u0000${handle}`);
  }
}

export interface RunGraph {
  graph: CompiledGraph;
  /** The flow's webhook signing secret. */
  signingSecret: string;
}

const CACHE_LIMIT = 2_000;

/**
 * The graph a run executes: its version's (immutable, so cached by flow and version), or the draft
 * frozen on a test run. The signing secret comes along (it is per flow and never changes). The cache
 * keeps the load in flight too: the runs of a burst advancing at once share one query instead of
 * each running its own before the first answer lands.
 */
export class RunGraphs {
  private readonly cache = new Map<string, Promise<RunGraph | undefined>>();

  constructor(private readonly database: Database) {}

  async of(run: {
    flowId: string;
    version: number;
    test: boolean;
    testGraph: unknown;
    testSettings: unknown;
  }): Promise<RunGraph | undefined> {
    if (run.version === 0) {
      const secret = await this.secretOf(run.flowId);
      if (secret === undefined) return undefined;
      return {
        graph: new CompiledGraph(graphOf(run.testGraph), settingsOf(run.testSettings)),
        signingSecret: secret,
      };
    }
    const key = `${run.flowId}:${run.version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const loading = this.load(run.flowId, run.version);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, loading);
    // A version not found (or a failed load) is asked again next time, not remembered.
    loading.then(
      (loaded) => loaded === undefined && this.cache.delete(key),
      () => this.cache.delete(key),
    );
    return loading;
  }

  private async load(flowId: string, version: number): Promise<RunGraph | undefined> {
    const { rows } = await this.database.systemQuery<{
      graph: unknown;
      settings: unknown;
      signing_secret: string;
    }>(
      `SELECT v.graph, v.settings, f.signing_secret FROM flow_versions v JOIN flows f ON f.id = v.flow_id
       WHERE v.flow_id = $1 AND v.version = $2`,
      [flowId, version],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      graph: new CompiledGraph(graphOf(row.graph), settingsOf(row.settings)),
      signingSecret: row.signing_secret,
    };
  }

  private async secretOf(flowId: string): Promise<string | undefined> {
    const { rows } = await this.database.systemQuery<{ signing_secret: string }>(
      'SELECT signing_secret FROM flows WHERE id = $1',
      [flowId],
    );
    return rows[0]?.signing_secret;
  }
}
