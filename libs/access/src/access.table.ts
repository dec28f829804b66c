import { deadIntentSubject, intentConsumerName, streamCatalog, subjectCatalog, type StreamName } from '@mirrorbook/contracts';
import { envToken } from './nats-authorization.renderer';

/** What one identity may do on NATS: subjects it may publish to and subscribe to (wildcards allowed). */
export interface NatsGrant {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
}

/** What one identity may do in Redis: key patterns it may read and (read and) write. */
export interface RedisGrant {
  readonly read: readonly string[];
  readonly write: readonly string[];
}

/** One service's identity on the bus and in Redis: `price-feed`, `strategy`, `gateway`, `cli`, `executor-<wallet>`. */
export interface ServiceIdentity {
  readonly name: string;
  readonly nats: NatsGrant;
  readonly redis: RedisGrant;
}

/** Replies to requests (JetStream API answers, publish acks) come to the client's inbox. */
const INBOX = '_INBOX.>';
/** nats.js asks whether JetStream is enabled before it hands out a manager. */
const JS_ACCOUNT_INFO = '$JS.API.INFO';

const all = (prefix: string) => `${prefix}.>`;
const heartbeatOf = (app: string) => `${subjectCatalog.heartbeat.prefix}.${app}.>`;

/** Create, update and read the definition of a stream the service declares at start. */
function streamOwner(stream: StreamName): string[] {
  return ['INFO', 'CREATE', 'UPDATE'].map((op) => `$JS.API.STREAM.${op}.${stream}`);
}

/** Read a stream: its info, single messages, and ordered (ephemeral) consumers over it. */
function streamReader(stream: StreamName): string[] {
  return [
    `$JS.API.STREAM.INFO.${stream}`,
    `$JS.API.STREAM.MSG.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}.>`,
    `$JS.API.CONSUMER.CREATE.${stream}`,
    `$JS.API.CONSUMER.CREATE.${stream}.>`,
    `$JS.API.CONSUMER.INFO.${stream}.>`,
    `$JS.API.CONSUMER.DELETE.${stream}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.>`,
  ];
}

/** Manage and pull one durable consumer, and acknowledge its messages. */
function durableConsumer(stream: StreamName, durable: string): string[] {
  return [
    `$JS.API.CONSUMER.INFO.${stream}.${durable}`,
    `$JS.API.CONSUMER.CREATE.${stream}.${durable}`,
    `$JS.API.CONSUMER.CREATE.${stream}.${durable}.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${durable}`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`,
    `$JS.ACK.${stream}.${durable}.>`,
  ];
}

/** The subjects a stream keeps, as publish permissions (core and JetStream publishes alike). */
function streamSubjects(stream: StreamName): string[] {
  return [...streamCatalog[stream].subjects];
}

const priceFeed: ServiceIdentity = {
  name: 'price-feed',
  nats: {
    publish: [all('md'), heartbeatOf('price-feed'), JS_ACCOUNT_INFO, ...streamOwner('MD')],
    subscribe: [INBOX],
  },
  redis: { read: [], write: ['md:*', 'ratelimit:*'] },
};

const strategy: ServiceIdentity = {
  name: 'strategy',
  nats: {
    publish: [...streamSubjects('INTENTS'), heartbeatOf('strategy'), JS_ACCOUNT_INFO, ...streamOwner('INTENTS')],
    subscribe: [all('md'), all(subjectCatalog.botState.prefix), all(subjectCatalog.execReport.prefix), INBOX],
  },
  redis: { read: ['bot:*', 'bots:bootstrap', 'balances:*', 'positions:*', 'fees:*', 'orders:*', 'md:*'], write: ['strategy:*', 'ratelimit:*'] },
};

/** The executor of one wallet: it reports, stores and consumes for that wallet only. */
function executorOf(wallet: string): ServiceIdentity {
  return {
    name: `executor-${wallet}`,
    nats: {
      publish: [
        `${subjectCatalog.execReport.prefix}.${wallet}`,
        `${subjectCatalog.orderEvent.prefix}.${wallet}.>`,
        deadIntentSubject(wallet),
        heartbeatOf('executor'),
        JS_ACCOUNT_INFO,
        ...streamOwner('EXEC'),
        ...streamOwner('INTENTS'),
        ...streamOwner('DLQ'),
        ...durableConsumer('INTENTS', intentConsumerName(wallet)),
      ],
      subscribe: [all(subjectCatalog.botState.prefix), `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.INTENTS.${intentConsumerName(wallet)}`, INBOX],
    },
    redis: {
      read: ['bot:*', 'bots:bootstrap', 'md:*'],
      write: [
        `lease:executor:${wallet}`,
        `fence:executor:${wallet}`,
        `instance:executor:${wallet}:*`,
        // an address is claimed by the wallet id that signs for it; any executor must be able to find it taken
        'address:executor:*',
        `seq:${wallet}`,
        `orders:${wallet}:*`,
        `applied:${wallet}:*`,
        `balances:${wallet}`,
        `positions:${wallet}`,
        `fees:${wallet}`,
        'ratelimit:*',
      ],
    },
  };
}

const gateway: ServiceIdentity = {
  name: 'gateway',
  nats: {
    // md.quality: the book-quality figures it measures (apps/gateway/src/quality); nothing else of md.*
    publish: [
      all(subjectCatalog.botState.prefix),
      all(subjectCatalog.mdQuality.prefix),
      heartbeatOf('gateway'),
      JS_ACCOUNT_INFO,
      ...streamReader('MD'),
      ...streamReader('EXEC'),
    ],
    subscribe: [all('md'), all('svc.heartbeat'), all(subjectCatalog.botState.prefix), INBOX],
  },
  // quality:*: the latest md.quality payload per market, for the CLI (which hears no md.*)
  redis: { read: ['md:*', 'orders:*', 'balances:*', 'positions:*', 'fees:*', 'lease:*', 'strategy:*'], write: ['bot:*', 'bots:bootstrap', 'quality:*'] },
};

/** The simulator: its heartbeat only (it keeps its chain in memory). */
const injectiveSim: ServiceIdentity = {
  name: 'injective-sim',
  nats: { publish: [heartbeatOf('injective-sim')], subscribe: [INBOX] },
  redis: { read: [], write: [] },
};

/** The operator's CLI: reads, and holds a wallet's executor lease for the length of its own writes. */
const cli: ServiceIdentity = {
  name: 'cli',
  nats: { publish: [], subscribe: ['svc.heartbeat.>', INBOX] },
  redis: { read: ['*'], write: ['lease:executor:*', 'fence:executor:*'] },
};

/** The identity of one executor process signing for `wallets`: `executor-<wallet>`, or `executor-w1-w2` for a group. */
export function executorIdentityName(wallets: readonly string[]): string {
  return `executor-${wallets.join('-')}`;
}

/** Each item once, in the order first seen. */
function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

/**
 * The executor process of several wallets (`EXECUTOR_WALLETS`): exactly the union of its wallets'
 * own rights, nothing more.
 */
function executorGroupOf(wallets: readonly string[]): ServiceIdentity {
  const each = wallets.map(executorOf);
  return {
    name: executorIdentityName(wallets),
    nats: { publish: union(each.map((i) => i.nats.publish)), subscribe: union(each.map((i) => i.nats.subscribe)) },
    redis: { read: union(each.map((i) => i.redis.read)), write: union(each.map((i) => i.redis.write)) },
  };
}

/**
 * Every identity of a deployment whose executors sign for `wallets`: one executor identity per
 * wallet (the default: one wallet per process), except the wallets of each of `groups`, which
 * share one (`executor-w1-w2`, one process for them all). Throws when a group has fewer than two
 * wallets, names a wallet not in `wallets` or one already grouped, or when two identities would
 * share a password variable (`envToken`).
 */
export function serviceIdentities(wallets: readonly string[], groups: readonly (readonly string[])[] = []): ServiceIdentity[] {
  const grouped = new Set<string>();
  for (const group of groups) {
    if (group.length < 2) throw new Error(`executor group ${group.join(',') || '(empty)'}: a group has at least two wallets (one wallet per process is the default)`);
    for (const wallet of group) {
      if (!wallets.includes(wallet)) throw new Error(`executor group ${group.join(',')}: wallet ${wallet} is not a wallet of config/bots.json`);
      if (grouped.has(wallet)) throw new Error(`executor group ${group.join(',')}: wallet ${wallet} is in two groups (or twice in one)`);
      grouped.add(wallet);
    }
  }
  const executors = wallets.flatMap((wallet) => {
    if (!grouped.has(wallet)) return [executorOf(wallet)];
    const group = groups.find((g) => g.includes(wallet))!;
    return group[0] === wallet ? [executorGroupOf(group)] : [];
  });
  const identities = [priceFeed, strategy, gateway, injectiveSim, cli, ...executors];
  const tokens = new Map<string, string>();
  for (const { name } of identities) {
    const other = tokens.get(envToken(name));
    if (other !== undefined) throw new Error(`identities ${other} and ${name} would share the password variables of ${envToken(name)}: rename a wallet or the group`);
    tokens.set(envToken(name), name);
  }
  return identities;
}

/**
 * The identity a service process runs as: its app name, or for an executor `executor-<wallet>`
 * (`wallet` its WALLET_ID) or `executor-w1-w2` (`wallet` its EXECUTOR_WALLETS, `w1,w2`).
 */
export function identityNameOf(app: string, wallet?: string): string {
  return app === 'executor' ? executorIdentityName((wallet ?? '').split(',').map((w) => w.trim())) : app;
}
