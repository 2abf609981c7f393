import { Kafka, logLevel, type Admin, type Consumer, type EachBatchPayload, type Producer } from 'kafkajs';
import { BatchCoalescer } from './batch-coalescer.ts';
import { KeyPartitioner, kafkaPartitionOf } from './kafka-key-partitioner.ts';
import { packRecords, recordOf, unpackRecord } from './kafka-record-packing.ts';
import { OffsetCommitBatcher } from './offset-commit-batcher.ts';
import { startSubscriptionMembers } from './subscription-members.ts';
import type { EventBus, OutgoingMessage, SubscribeOptions, Subscription } from '../ports/index.ts';

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId?: string;
  /** Partitions of topics this bus creates. */
  partitions?: number;
  /**
   * Put before every consumer group id (KAFKA_GROUP_PREFIX): suites sharing a cluster each keep their
   * own offsets. Default: none.
   */
  groupPrefix?: string;
  /**
   * Where a group with no committed offset starts (KAFKA_NEW_GROUPS_FROM): `beginning` (default) reads
   * the topic's history, `end` only what is published after it subscribed — for short-lived groups
   * (tests with their own prefix) on a broker whose topics hold other runs' history.
   */
  newGroupsFrom?: 'beginning' | 'end';
  /**
   * Whether a publish call's messages for one partition travel as one record (KAFKA_PACK_RECORDS,
   * default true; see kafka-record-packing.ts). Off, each message is a record of its own, for readers
   * of the topics outside the suite. Consumers read both forms either way.
   */
  packRecords?: boolean;
  logError?: (message: string, error: unknown) => void;
}

/**
 * How long a subscription's first batch waits for others while its handler is idle. kafkajs hands the
 * partitions of a fetch to eachBatch over several turns of the event loop, and members fetch apart:
 * the batches of one produce arrive a moment apart. Joining them makes one handler transaction of
 * them instead of several (CDP at 200 events/s: builder transactions of 9 messages instead of 3,
 * ~35% less CPU, p99 to visible 52 against 145 ms).
 */
const LINGER_MS = 2;
/**
 * How long a batch waits for its subscription's call in flight before one starts beside it (members
 * permitting). On a busy host a builder transaction takes ~50 ms at 200 events/s, as long as requests
 * take to arrive: waiting for it queued every batch behind the last (70–80 ms p50 to the builder).
 */
const PARALLEL_AFTER_MS = 10;
/**
 * How long a handled offset may wait to be committed. One request per fetch doubled the requests of a
 * consumer at low rates (at 200 events/s the suite sent as many OffsetCommits as Fetches, ~130 a second).
 */
const COMMIT_INTERVAL_MS = 500;
/** How long a topic's partition count is trusted before it is read again (Kafka clients' metadata age). */
const PARTITION_COUNT_MAX_AGE_MS = 5 * 60_000;
/** Commit failures expected while the group rebalances: the partitions' next owner redelivers. */
const REBALANCE_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);

/** A consumer of this process, with what it must do before it leaves the group. */
interface Member {
  consumer: Consumer;
  topic: string;
  commits: OffsetCommitBatcher;
  /** Its eachBatch calls under way. */
  handling: Set<Promise<void>>;
  stopping: boolean;
}

/**
 * The EventBus on Apache Kafka (staging, and CI's contract run). Keys pick partitions, so one profile's
 * events stay in order; a consumer commits a batch's offsets only after its handler succeeded.
 */
export class KafkaEventBus implements EventBus {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;
  private readonly knownTopics = new Map<string, Promise<void>>();
  private readonly partitionCounts = new Map<string, { count: Promise<number>; readAt: number }>();
  private readonly members = new Set<Member>();
  private readonly partitions: number;
  private readonly groupPrefix: string;
  private readonly newGroupsFrom: 'beginning' | 'end';
  private readonly packs: boolean;
  private readonly logError: (message: string, error: unknown) => void;

  constructor(options: KafkaEventBusOptions) {
    this.logError = options.logError ?? ((message, error) => console.error(message, error));
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'orchestrator',
      brokers: options.brokers,
      logLevel: logLevel.ERROR,
      // kafkajs's own errors go to our logger; failed handlers are already logged below, once.
      logCreator:
        () =>
        ({ log }) => {
          if (!log.message.startsWith('[Runner] Error when calling eachBatch')) {
            this.logError(`kafka: ${log.message}`, log.error ?? log.stack);
          }
        },
      retry: { initialRetryTime: 100, retries: 8 },
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({ createPartitioner: KeyPartitioner });
    this.partitions = options.partitions ?? 8;
    this.groupPrefix = options.groupPrefix ?? '';
    this.newGroupsFrom = options.newGroupsFrom ?? 'beginning';
    this.packs = options.packRecords ?? true;
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopic(topic);
    if (!this.packs) {
      await this.producer.send({ topic, acks: -1, messages: messages.map(recordOf) });
      return;
    }
    const partitions = await this.partitionCountOf(topic);
    await this.producer.send({
      topic,
      acks: -1,
      // A partition's messages of this call travel as one record (kafka-record-packing.ts), in the
      // partition the key's own record would have gone to.
      messages: packRecords(messages, (key) => kafkaPartitionOf(key, partitions)),
    });
  }

  /** The topic's partition count, read from the cluster and kept for a few minutes. */
  private partitionCountOf(topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic);
    if (known && Date.now() - known.readAt < PARTITION_COUNT_MAX_AGE_MS) return known.count;
    const count = retryingRetriable(() => this.admin.fetchTopicMetadata({ topics: [topic] })).then(
      ({ topics }) => topics[0]?.partitions.length || this.partitions,
    );
    count.catch(() => this.partitionCounts.delete(topic));
    this.partitionCounts.set(topic, { count, readAt: Date.now() });
    return count;
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.ensureTopic(options.topic);
    const maxBatchSize = options.maxBatchSize ?? 500;
    const members = Math.max(1, options.members ?? 1);
    const groupId = this.groupIdOf(options);
    if (this.newGroupsFrom === 'end') await this.startNewGroupAtEnd(groupId, options.topic);
    // kafkajs hands each partition of a fetch to its own eachBatch, and each member fetches its own
    // partitions; the coalescer makes joint handler calls of what arrives together.
    const coalescer = new BatchCoalescer(options.handler, {
      maxMessages: maxBatchSize * 4,
      concurrency: members,
      parallelFrom: maxBatchSize / 4,
      parallelAfterMs: PARALLEL_AFTER_MS,
      lingerMs: LINGER_MS,
    });
    return startSubscriptionMembers(
      members,
      () => this.startMember(groupId, options, maxBatchSize, coalescer),
      (member) => this.stopMember(member),
    );
  }

  private async startMember(
    groupId: string,
    options: SubscribeOptions,
    maxBatchSize: number,
    coalescer: BatchCoalescer,
  ): Promise<Member> {
    const consumer = this.kafka.consumer({
      // One Kafka group per (group, topic): kafkajs's assigners assume every member of a group subscribes
      // to the same topics, and the Postgres log keeps offsets per (group, topic) too.
      groupId,
      retry: { initialRetryTime: 100, retries: 5, restartOnFailure: async () => true },
    });
    const commits = new OffsetCommitBatcher((offsets) => consumer.commitOffsets(offsets), {
      intervalMs: COMMIT_INTERVAL_MS,
      onError: (error, offsets) => {
        if (REBALANCE_ERRORS.has((error as { type?: string }).type ?? '')) return;
        this.logError(
          `could not commit the offsets of ${groupId} (${offsets.length} partitions); their last messages may be redelivered`,
          error,
        );
      },
    });
    const member: Member = { consumer, topic: options.topic, commits, handling: new Set(), stopping: false };
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: options.topic, fromBeginning: true });
      // Before the group moves partitions, commit what was handled: their next owner starts from there.
      consumer.on(consumer.events.REBALANCING, () => void commits.flush());
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: this.partitions,
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          // Leaving: not handled, not resolved — the partition's next owner fetches these messages again.
          if (member.stopping) return;
          const handling = this.handleBatch(payload, options, maxBatchSize, coalescer, commits);
          member.handling.add(handling);
          try {
            await handling;
          } finally {
            member.handling.delete(handling);
          }
        },
      });
    } catch (error) {
      // Never running, it has nothing to commit; close() must not try to pause it.
      await consumer.disconnect().catch(() => {});
      throw error;
    }
    this.members.add(member);
    return member;
  }

  private async handleBatch(
    { batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload,
    options: SubscribeOptions,
    maxBatchSize: number,
    coalescer: BatchCoalescer,
    commits: OffsetCommitBatcher,
  ): Promise<void> {
    // A packed record's messages are delivered like the others, maxBatchSize at a time; its offset is
    // resolved only once the last of them is handled (a crash in between redelivers the whole record).
    const delivered = batch.messages.flatMap((record) => unpackRecord(batch.topic, batch.partition, record));
    for (let start = 0; start < delivered.length; start += maxBatchSize) {
      if (!isRunning() || isStale()) return;
      const chunk = delivered.slice(start, start + maxBatchSize);
      try {
        await coalescer.deliver(chunk);
      } catch (error) {
        this.logError(
          `handler of ${options.group} failed on ${batch.topic}[${batch.partition}] at offset ${chunk[0]!.offset}; it will be redelivered`,
          error,
        );
        // Throwing makes kafkajs seek back to the first unresolved offset and retry with backoff.
        throw error;
      }
      const last = chunk[chunk.length - 1]!;
      // Handled whole: the records up to the chunk's last one, or up to the one before it when the
      // next chunk goes on with it (nothing new if the chunk lay inside that one record).
      const unfinished = delivered[start + chunk.length]?.offset === last.offset;
      if (!unfinished || chunk[0]!.offset !== last.offset) {
        const done = unfinished ? last.offset - 1 : last.offset;
        resolveOffset(String(done));
        commits.commit({ topic: batch.topic, partition: batch.partition, offset: String(done + 1) });
      }
      await heartbeat();
    }
  }

  /** Stops fetching, lets the batches under way finish, commits what they handled, leaves the group. */
  private async stopMember(member: Member): Promise<void> {
    this.members.delete(member);
    member.stopping = true;
    member.consumer.pause([{ topic: member.topic }]);
    await Promise.allSettled([...member.handling]);
    await member.commits.flush();
    await member.consumer.disconnect();
  }

  /** The Kafka group id of a subscription: one per (group, topic), after the configured prefix. */
  groupIdOf(options: Pick<SubscribeOptions, 'group' | 'topic'>): string {
    return `${this.groupPrefix}${options.group}.${options.topic}`;
  }

  /**
   * Commits the topic's current end for a group that has no offset yet, before it joins: whatever is
   * published once subscribe() returned is delivered, nothing older. A group with offsets is left alone.
   */
  private async startNewGroupAtEnd(groupId: string, topic: string): Promise<void> {
    const isNew = async () =>
      (await this.admin.fetchOffsets({ groupId, topics: [topic] })).every((entry) =>
        entry.partitions.every((partition) => Number(partition.offset) < 0),
      );
    if (!(await isNew())) return;
    const ends = await retryingRetriable(() => this.admin.fetchTopicOffsets(topic));
    try {
      await retryingRetriable(() =>
        this.admin.setOffsets({
          groupId,
          topic,
          partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
        }),
      );
    } catch (error) {
      // Another member of the group joined meanwhile and owns the offsets now.
      if (await isNew()) throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.members].map((member) => this.stopMember(member)));
    if (this.connected) {
      await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
    }
  }

  private connect(): Promise<void> {
    this.connected ??= Promise.all([this.producer.connect(), this.admin.connect()]).then(() => undefined);
    return this.connected;
  }

  private ensureTopic(topic: string): Promise<void> {
    let ready = this.knownTopics.get(topic);
    if (!ready) {
      ready = this.connect()
        .then(() =>
          retryingRetriable(() =>
            this.admin.createTopics({
              topics: [{ topic, numPartitions: this.partitions }],
              waitForLeaders: true,
            }),
          ),
        )
        .then(() => undefined);
      ready.catch(() => this.knownTopics.delete(topic));
      this.knownTopics.set(topic, ready);
    }
    return ready;
  }
}

/**
 * Runs an admin call again on a retriable protocol error, with a growing pause. Right after a topic is
 * created a busy broker can still answer "not the leader" or "does not host this topic-partition",
 * and kafkajs gives up on those at once in fetchTopicOffsets, setOffsets and createTopics' wait for
 * leaders.
 * (Creating a topic that exists already is not an error: createTopics then resolves false.)
 */
async function retryingRetriable<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= 10 || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((resume) => setTimeout(resume, 100 * attempt));
    }
  }
}
