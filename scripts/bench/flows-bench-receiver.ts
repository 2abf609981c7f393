/**
 * The webhook receiver and the Segment load client of `npm run bench:flows`, in a worker thread so
 * their work and their clocks do not depend on the suite's busy event loop: the receiver answers every
 * POST with 200 and reports `[benchId, arrivedAt]` pairs (epoch ms) to the parent every 20 ms; on
 * `{ segment }` the thread POSTs tracks to `/v1/batch` at a fixed rate and reports `[benchId,
 * acceptedAt]` pairs (the 200) the same way, then `{ segmentDone }`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';

const now = () => performance.timeOrigin + performance.now();
let pending: Array<[string, number]> = [];
let accepted: Array<[string, number]> = [];

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const arrivedAt = now();
    try {
      const { id } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: string };
      if (id) pending.push([id, arrivedAt]);
    } catch {
      // not a bench request
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  parentPort!.postMessage({ port: (server.address() as AddressInfo).port });
});
setInterval(() => {
  if (pending.length > 0) parentPort!.postMessage({ arrivals: pending });
  if (accepted.length > 0) parentPort!.postMessage({ accepted });
  pending = [];
  accepted = [];
}, 20);

interface SegmentLoad {
  url: string;
  writeKey: string;
  rate: number;
  seconds: number;
}

async function sendTracks({ url, writeKey, rate, seconds }: SegmentLoad): Promise<void> {
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  const perRequest = 10;
  const intervalMs = (1000 * perRequest) / rate;
  const begin = now();
  const inFlight: Array<Promise<void>> = [];
  for (let request = 0; now() - begin < seconds * 1000; request += 1) {
    const ids = Array.from({ length: perRequest }, () => crypto.randomUUID());
    const batch = ids.map((benchId) => ({
      type: 'track',
      // The bench id as messageId too: e2e-stages.ts matches the builder's commits by it.
      messageId: benchId,
      userId: `bench-${benchId}`,
      event: 'Bench Event',
      properties: { plan: 'pro', benchId },
    }));
    inFlight.push(
      fetch(`${url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body: JSON.stringify({ batch }),
      }).then(async (response) => {
        await response.text();
        if (!response.ok) throw new Error(`/v1/batch answered ${response.status}`);
        const at = now();
        for (const id of ids) accepted.push([id, at]);
      }),
    );
    const next = begin + (request + 1) * intervalMs;
    if (next > now()) await new Promise((done) => setTimeout(done, next - now()));
  }
  await Promise.all(inFlight);
}

parentPort!.on('message', (message: { segment?: SegmentLoad }) => {
  if (!message.segment) return;
  void sendTracks(message.segment).then(
    () => setTimeout(() => parentPort!.postMessage({ segmentDone: true }), 50),
    (error: unknown) => parentPort!.postMessage({ segmentDone: true, error: String(error) }),
  );
});
