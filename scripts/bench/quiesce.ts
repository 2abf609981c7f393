/**
 * Before a latency phase: waits until the suite has caught up with what the phase before it sent — every
 * live consumer group of the given topics at the end of its topic, the outbox and the embedding queue
 * empty — so the latencies measured at a rate are those of that rate, not of a backlog still draining.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Database } from '@orchestrator/shared/ports';

export interface Quiet {
  /** Seconds it took (0: nothing was left). */
  seconds: number;
  /** What was left when it gave up (0: it caught up). */
  backlog: number;
}

const now = () => performance.timeOrigin + performance.now();

/** `brokers`: the Kafka bus's (absent: the Postgres-log bus, whose groups are in the database). */
export async function waitUntilQuiet(
  database: Database,
  brokers: string[] | undefined,
  topics: readonly string[],
  timeoutMs: number,
): Promise<Quiet> {
  const admin =
    brokers && new Kafka({ clientId: 'bench-quiesce', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin?.connect();
  const started = now();
  let backlog = Infinity;
  try {
    while (now() - started < timeoutMs) {
      backlog =
        (await tableBacklog(database, topics, admin === undefined)) +
        (admin ? await consumerLag(admin, topics) : 0);
      if (backlog === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await admin?.disconnect();
  }
  return { seconds: Math.round((now() - started) / 100) / 10, backlog };
}

/** Outbox rows, embedding jobs, and (on the Postgres-log bus) events the live groups have not handled. */
async function tableBacklog(database: Database, topics: readonly string[], pgLog: boolean): Promise<number> {
  return database.systemTx(async (tx) => {
    const { rows } = await tx.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM cdp_embedding_jobs) +
         CASE WHEN $2 THEN (
           SELECT coalesce(sum(greatest(0, p.next_offset - 1 - o.committed)), 0)
           FROM bus_consumer_offsets o JOIN bus_partitions p ON p.topic = o.topic AND p.partition = o.partition
           WHERE o.topic = ANY($1::text[]) AND o.owner IS NOT NULL AND o.lease_until > now()
         ) ELSE 0 END AS n`,
      [topics, pgLog],
    );
    return Number(rows[0]!.n);
  });
}

/** Messages of `topics` not yet committed by the Kafka groups that have members now. */
async function consumerLag(admin: Admin, topics: readonly string[]): Promise<number> {
  const wanted = (await admin.listGroups()).groups
    .map(({ groupId }) => ({ groupId, topic: topics.find((topic) => groupId.endsWith(`.${topic}`)) }))
    .filter((group): group is { groupId: string; topic: string } => group.topic !== undefined);
  if (wanted.length === 0) return 0;
  const { groups } = await admin.describeGroups(wanted.map(({ groupId }) => groupId));
  const live = new Set(groups.filter((group) => group.members.length > 0).map((group) => group.groupId));
  let lag = 0;
  for (const { groupId, topic } of wanted) {
    if (!live.has(groupId)) continue;
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((entry) => [entry.partition, entry]));
    for (const entry of (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? []) {
      const end = ends.get(entry.partition);
      const committed = Number(entry.offset) < 0 ? Number(end?.low ?? 0) : Number(entry.offset);
      lag += Math.max(0, Number(end?.high ?? 0) - committed);
    }
  }
  return lag;
}
