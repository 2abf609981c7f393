/**
 * The benchmark's HTTP client, in a worker thread of its own so that building and sending requests
 * does not run on the server's event loop. It posts `/v1/batch` requests (HTTP Basic with the write key,
 * as the Segment SDKs do) to 127.0.0.1 over keep-alive connections and reports when each got its 200.
 *
 * - `max`: every request body is built before the clock starts; then `clients` loops send them back to
 *   back as fast as the server answers.
 * - `rate`: an open loop: request k goes out at start + k·batch/rate seconds whether or not earlier
 *   ones were answered (at most `clients` in flight; beyond that sends are late, which is reported).
 *
 * Bounded both ways: a fixed number of requests, and `maxSeconds` after which it stops sending.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { workload, type WorkloadOptions } from './cdp-workload.ts';

export interface LoadClientOptions {
  url: string;
  writeKey: string;
  workload: WorkloadOptions;
  batchSize: number;
  clients: number;
  mode: 'max' | 'rate';
  /** Events per second in `rate` mode. */
  rate?: number;
  maxSeconds: number;
}

/** Messages to the main thread. Times are `performance.timeOrigin + performance.now()` (shared clock). */
export type LoadClientReport =
  | { kind: 'ready'; requests: number }
  | { kind: 'started'; at: number }
  | { kind: 'acks'; first: Int32Array; count: Int32Array; ackAt: Float64Array; sentAt: Float64Array }
  | {
      kind: 'done';
      at: number;
      sent: number;
      failed: number;
      retries: number;
      lateSends: number;
      /** CPU seconds of this thread since it started (process.threadCpuUsage()). */
      cpuSeconds: number;
      error?: string;
    };

const now = () => performance.timeOrigin + performance.now();
const threadCpuSeconds = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1e6;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MAX_ATTEMPTS = 5;

interface Batch {
  first: number;
  count: number;
  body: string;
}

function* batches(options: LoadClientOptions): Generator<Batch> {
  let pending: unknown[] = [];
  let first = 0;
  let index = 0;
  for (const message of workload(options.workload)) {
    pending.push(message);
    index++;
    if (pending.length === options.batchSize) {
      yield { first, count: pending.length, body: JSON.stringify({ batch: pending }) };
      pending = [];
      first = index;
    }
  }
  if (pending.length > 0) yield { first, count: pending.length, body: JSON.stringify({ batch: pending }) };
}

async function run(options: LoadClientOptions): Promise<void> {
  const port = parentPort!;
  const target = new URL('/v1/batch', options.url);
  if (target.hostname !== '127.0.0.1') throw new Error('The load client only talks to 127.0.0.1');
  const authorization = `Basic ${Buffer.from(`${options.writeKey}:`).toString('base64')}`;
  const deadline = (start: number) => start + options.maxSeconds * 1000;

  const requests = Math.ceil(options.workload.events / options.batchSize);
  const prepared = options.mode === 'max' ? [...batches(options)] : undefined;
  const source = prepared ? prepared.values() : batches(options);
  port.postMessage({ kind: 'ready', requests } satisfies LoadClientReport);

  // Acks are sent to the main thread in small bundles (typed arrays), every 50 ms.
  let acks: Array<[number, number, number, number]> = [];
  const flushAcks = () => {
    if (acks.length === 0) return;
    const report: LoadClientReport = {
      kind: 'acks',
      first: Int32Array.from(acks, (ack) => ack[0]),
      count: Int32Array.from(acks, (ack) => ack[1]),
      sentAt: Float64Array.from(acks, (ack) => ack[2]),
      ackAt: Float64Array.from(acks, (ack) => ack[3]),
    };
    port.postMessage(report);
    acks = [];
  };
  const ackTimer = setInterval(flushAcks, 50);

  let sent = 0;
  let failed = 0;
  let retries = 0;
  let lateSends = 0;
  let error: string | undefined;

  const send = async (batch: Batch) => {
    const sentAt = now();
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(target, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: batch.body,
        });
        const text = await response.text();
        if (response.status === 200) break;
        // 5xx and 429 are worth retrying (as the SDKs do); a 4xx is a bug in the benchmark.
        if (response.status < 500 && response.status !== 429) {
          throw Object.assign(new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`), { fatal: true });
        }
        if (attempt >= MAX_ATTEMPTS) throw new Error(`HTTP ${response.status} after ${attempt} attempts`);
      } catch (caught) {
        if ((caught as { fatal?: boolean }).fatal || attempt >= MAX_ATTEMPTS) throw caught;
      }
      retries++;
      await sleep(100 * attempt);
    }
    sent++;
    acks.push([batch.first, batch.count, sentAt, now()]);
  };

  const start = now();
  port.postMessage({ kind: 'started', at: start } satisfies LoadClientReport);
  try {
    if (options.mode === 'max') {
      const loop = async () => {
        for (let next = source.next(); !next.done && error === undefined; next = source.next()) {
          if (now() > deadline(start)) break;
          await send(next.value);
        }
      };
      await Promise.all(Array.from({ length: options.clients }, loop)).catch((caught: unknown) => {
        error = String(caught);
      });
    } else {
      const interval = (options.batchSize / options.rate!) * 1000;
      const inFlight = new Set<Promise<void>>();
      let k = 0;
      for (let next = source.next(); !next.done && error === undefined; next = source.next(), k++) {
        const due = start + k * interval;
        if (due > deadline(start)) break;
        const wait = due - now();
        if (wait > 0) await sleep(wait);
        else if (wait < -interval) lateSends++;
        while (inFlight.size >= options.clients) await Promise.race(inFlight);
        const request = send(next.value)
          .catch((caught: unknown) => {
            failed++;
            error ??= String(caught);
          })
          .finally(() => inFlight.delete(request));
        inFlight.add(request);
      }
      await Promise.all(inFlight);
    }
  } finally {
    clearInterval(ackTimer);
    flushAcks();
  }
  port.postMessage({
    kind: 'done',
    at: now(),
    sent,
    failed,
    retries,
    lateSends,
    cpuSeconds: threadCpuSeconds(),
    error,
  } satisfies LoadClientReport);
}

run(workerData as LoadClientOptions).catch((caught: unknown) => {
  parentPort!.postMessage({
    kind: 'done',
    at: now(),
    sent: 0,
    failed: 1,
    retries: 0,
    lateSends: 0,
    cpuSeconds: threadCpuSeconds(),
    error: String(caught),
  } satisfies LoadClientReport);
});
