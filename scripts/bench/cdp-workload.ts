/**
 * The benchmark's traffic: a deterministic (seeded) stream of Segment messages as an analytics SDK would
 * send them for a site with a pool of anonymous visitors. 70% track, 20% page, 10% identify; a fifth of
 * the visitors identify (user id + e-mail) after they have been browsing; a share of the identifies is a
 * known customer signing in on a second device, which links two anonymous ids to one user (a merge).
 */

export interface WorkloadOptions {
  /** How many messages. */
  events: number;
  /** Size of the pool of anonymous ids the messages are spread over. */
  anonymous: number;
  /** Share of identifies that sign a known user in on another device (a merge of two profiles). */
  mergeShare: number;
  /** Message ids are `${prefix}-${index}`; distinguishes runs and phases. */
  prefix: string;
  /** Anonymous ids, user ids and e-mails are built on this (default: `prefix`). */
  idPrefix?: string;
  seed: number;
  /** Event time of the first message; later ones follow a millisecond apart. */
  startTime: number;
}

export interface WorkloadMessage {
  type: 'track' | 'page' | 'identify';
  messageId: string;
  anonymousId: string;
  userId?: string;
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context: Record<string, unknown>;
  timestamp: string;
}

export interface WorkloadSummary {
  track: number;
  page: number;
  identify: number;
  /** Anonymous ids that got identified (first identify of a user or a second device). */
  identifiedAnonymousIds: number;
  /** Identifies that bring a second anonymous id to a known user. */
  secondDeviceIdentifies: number;
}

const TRACK_EVENTS = [
  'Product Viewed',
  'Product Added',
  'Cart Viewed',
  'Checkout Started',
  'Order Completed',
  'Form Submitted',
  'Video Played',
  'Signed In',
];
const PAGES = ['Home', 'Pricing', 'Docs', 'Blog', 'Product', 'Checkout', 'Contact'];
const PLANS = ['free', 'starter', 'pro', 'enterprise'];
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

/** mulberry32: small, fast, good enough to pick from lists reproducibly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The message ids are `${prefix}-${index}`: the index locates a message in the stream. */
export function messageIndex(messageId: string, prefix: string): number | undefined {
  if (!messageId.startsWith(`${prefix}-`)) return undefined;
  const index = Number(messageId.slice(prefix.length + 1));
  return Number.isInteger(index) ? index : undefined;
}

/**
 * The stream, generated lazily message by message (the full run never holds every message object).
 * Identifies take anonymous ids in a shuffled order, so each visitor has browsed for a while before.
 */
export function* workload(options: WorkloadOptions, summary?: WorkloadSummary): Generator<WorkloadMessage> {
  const next = random(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const ids = options.idPrefix ?? options.prefix;
  const anonymousId = (n: number) => `${ids}-anon-${n}`;
  const userId = (n: number) => `${ids}-user-${n}`;
  // Who is identified, in which order: the first fifth of a seeded shuffle of the pool.
  const order = Array.from({ length: options.anonymous }, (_, n) => n);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const toIdentify = Math.max(1, Math.floor(options.anonymous / 5));
  let identified = 0;
  /** anonymous id → user number, for the visitors identified so far. */
  const userOf = new Map<number, number>();
  const users: number[] = [];
  const counts: WorkloadSummary = summary ?? {
    track: 0,
    page: 0,
    identify: 0,
    identifiedAnonymousIds: 0,
    secondDeviceIdentifies: 0,
  };

  for (let index = 0; index < options.events; index++) {
    const roll = next();
    const timestamp = new Date(options.startTime + index).toISOString();
    const messageId = `${options.prefix}-${index}`;
    const context = {
      library: { name: 'analytics.js', version: '5.2.0' },
      userAgent: USER_AGENT,
      ip: `10.${index % 200}.${(index >> 8) % 250}.${index % 250}`,
      locale: 'en-US',
    };

    if (roll >= 0.9) {
      counts.identify += 1;
      let anonymous: number;
      let user: number;
      if (identified < toIdentify) {
        anonymous = order[identified++]!;
        counts.identifiedAnonymousIds += 1;
        const secondDevice = users.length > 0 && next() < options.mergeShare;
        if (secondDevice) {
          user = pick(users);
          counts.secondDeviceIdentifies += 1;
        } else {
          user = users.length;
          users.push(user);
        }
        userOf.set(anonymous, user);
      } else {
        // Everyone due is identified: a known visitor updates their traits.
        anonymous = order[Math.floor(next() * toIdentify)]!;
        user = userOf.get(anonymous)!;
      }
      yield {
        type: 'identify',
        messageId,
        anonymousId: anonymousId(anonymous),
        userId: userId(user),
        traits: {
          email: `user-${user}@${ids}.example.com`,
          name: `User ${user}`,
          plan: pick(PLANS),
          logins: Math.floor(next() * 50),
        },
        context,
        timestamp,
      };
      continue;
    }

    const anonymous = Math.floor(next() * options.anonymous);
    const user = userOf.get(anonymous);
    const who = {
      anonymousId: anonymousId(anonymous),
      ...(user !== undefined && { userId: userId(user) }),
    };
    if (roll < 0.7) {
      counts.track += 1;
      yield {
        type: 'track',
        messageId,
        ...who,
        event: pick(TRACK_EVENTS),
        properties: {
          productId: `sku-${Math.floor(next() * 5000)}`,
          price: Math.round(next() * 20_000) / 100,
          currency: 'EUR',
          quantity: 1 + Math.floor(next() * 3),
        },
        context,
        timestamp,
      };
    } else {
      counts.page += 1;
      const name = pick(PAGES);
      const path = `/${name.toLowerCase()}`;
      yield {
        type: 'page',
        messageId,
        ...who,
        name,
        properties: { path, url: `https://shop.example.com${path}`, title: `${name} | Shop`, referrer: '' },
        context,
        timestamp,
      };
    }
  }
}
