import { isIP } from 'node:net';
import { z } from 'zod';
import { decimalString, positiveDecimalString } from '@mirrorbook/contracts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((u) => protocols.includes(new URL(u).protocol), `must use ${protocols.join(' or ')}`);

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isTrustProxy(value: string): boolean {
  if (/^(|true|false|\d+)$/.test(value.trim())) return true;
  return value.split(',').every((item) => {
    const [address, bits, ...rest] = item.trim().split('/');
    if (rest.length > 0) return false;
    if (bits === undefined && TRUST_PROXY_NAMES.has(address)) return true;
    return isIP(address) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits) || isIP(bits) === 4);
  });
}

/** GATEWAY_TRUST_PROXY as Express's `trust proxy` setting takes it. */
function trustProxySetting(value: string): boolean | number | string {
  const v = value.trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** The environment every service reads (see .env.example). Secrets are not part of it. */
export const envSchema = z.object({
  /** where the bots trade: `sim` (offline, default) or `testnet` (references from mainnet) */
  NETWORK: z.enum(['sim', 'testnet']).default('sim'),
  NATS_URL: url(['nats:', 'tls:']).default('nats://127.0.0.1:4222'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /** CA certificate (PEM) a `tls://` NATS server's certificate is verified against (default: the system CAs) */
  NATS_CA_FILE: z.string().min(1).optional(),
  /** CA certificate (PEM) a `rediss://` Redis server's certificate is verified against (default: the system CAs) */
  REDIS_CA_FILE: z.string().min(1).optional(),
  /** every Redis command fails after this long without a reply (a black-holed Redis is noticed, never waited on) */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).default(1000),
  /** the simulator's LCD, used when NETWORK=sim */
  SIM_LCD_URL: url(['http:', 'https:']).default('http://127.0.0.1:7700'),
  /** overrides of the @injectivelabs/networks endpoints */
  TESTNET_LCD_URL: url(['http:', 'https:']).optional(),
  MAINNET_LCD_URL: url(['http:', 'https:']).optional(),
  /** HTTP port of this service (health, metrics; the gateway's API); each app has its own default */
  HTTP_PORT: port.optional(),
  HTTP_HOST: z.string().default('127.0.0.1'),
  /** bearer token for the gateway's mutating routes */
  GATEWAY_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** gateway: when true, read routes (/api/*, WebSocket subscriptions) need the token too */
  GATEWAY_PROTECT_READS: booleanFlag,
  /**
   * gateway: browser origins allowed cross-origin, comma-separated (e.g. `https://ops.example.org`):
   * CORS and the WebSocket upgrade; empty = the page's own origin only
   */
  GATEWAY_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((origins) => origins.every(isOrigin), 'must be a comma-separated list of origins such as https://ops.example.org'),
  /** gateway: serve HTTPS with this certificate chain and key (PEM files; both or neither) */
  GATEWAY_TLS_CERT_FILE: z.string().min(1).optional(),
  GATEWAY_TLS_KEY_FILE: z.string().min(1).optional(),
  /** gateway: serve plain HTTP on a non-loopback HTTP_HOST (TLS terminated by a proxy in front); refused at start otherwise */
  GATEWAY_ALLOW_PLAIN_HTTP: booleanFlag,
  /**
   * gateway: Express `trust proxy`, which decides the client IP (rate limits, WebSocket caps) from
   * X-Forwarded-For: empty/false (default: the socket's peer), true, a hop count, or a comma list of
   * addresses, subnets and `loopback` / `linklocal` / `uniquelocal`
   */
  GATEWAY_TRUST_PROXY: z
    .string()
    .default('')
    .refine(isTrustProxy, 'must be true, false, a hop count or a comma-separated list of addresses, subnets, loopback, linklocal, uniquelocal')
    .transform(trustProxySetting),
  /** gateway: open WebSocket connections, in all and per client IP; more are refused at the upgrade (503 / 429) */
  GATEWAY_WS_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(500),
  GATEWAY_WS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(20),
  /** gateway: book quality (`md.quality.<mk>`) is measured over the last this many ms */
  QUALITY_WINDOW_MS: z.coerce.number().int().min(1000).default(300_000),
  /** gateway: `md.quality.<mk>` at most once per this many ms per market (0: once per trading book) */
  QUALITY_PUBLISH_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  /** gateway: OLP MinDepth of the two-sided uptime, quote units (notional per side, or per order) */
  QUALITY_MIN_DEPTH: positiveDecimalString.default('4000'),
  /** signing for chain id injective-1 is refused unless this is true */
  ALLOW_MAINNET_TRADING: booleanFlag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** directory with markets.json, bots.json, strategy.json */
  CONFIG_DIR: z.string().default('config'),
  /** unique per process; defaults to <hostname>-<pid> */
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .optional(),
  HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /** JetStream limits */
  MD_MAX_AGE_S: z.coerce.number().int().positive().default(86_400),
  EXEC_MAX_AGE_S: z.coerce.number().int().positive().default(7 * 86_400),
  INTENTS_MAX_AGE_S: z.coerce.number().int().positive().default(60),
  DLQ_MAX_AGE_S: z.coerce.number().int().positive().default(7 * 86_400),
  /**
   * JetStream byte budgets (max_bytes, discard old): nats-server reserves each out of the store, so
   * their sum must fit max_file_store (deploy/nats/nats.conf: 2 GB); sizing in docs/architecture.md#jetstream-streams
   */
  MD_MAX_BYTES: z.coerce.number().int().positive().default(384 * 1024 ** 2),
  EXEC_MAX_BYTES: z.coerce.number().int().positive().default(1152 * 1024 ** 2),
  INTENTS_MAX_BYTES: z.coerce.number().int().positive().default(128 * 1024 ** 2),
  DLQ_MAX_BYTES: z.coerce.number().int().positive().default(64 * 1024 ** 2),
  /** how often a service reads the usage of the streams it declares (gauge, warn at 70 %, /health degraded), ms */
  JETSTREAM_USAGE_CHECK_MS: z.coerce.number().int().min(100).default(30_000),
  /** order events and reports kept per subject (one wallet's market): a flood on one cannot evict the others */
  EXEC_MAX_MSGS_PER_SUBJECT: z.coerce.number().int().positive().default(200_000),
  /** intents waiting per wallet; beyond, the oldest (long expired) go */
  INTENTS_MAX_MSGS_PER_SUBJECT: z.coerce.number().int().positive().default(10_000),
  /** executor: which wallet of bots.json this process signs for */
  WALLET_ID: z.string().optional(),
  /** executor: several wallets of bots.json signed for by one process (`w1,w2`), one tenure each; instead of WALLET_ID */
  EXECUTOR_WALLETS: z.string().optional(),
  /** executor: reports and order events held while NATS refuses them (published in order once it is back); beyond, dropped and counted */
  EXEC_OUTBOX_MAX: z.coerce.number().int().min(1).default(10_000),
  /** executor: lease TTL, ms; a standby takes over within TTL + TTL/3 after the active one dies */
  EXEC_LEASE_TTL_MS: z.coerce.number().int().min(300).max(600_000).default(5000),
  /** executor: the local account sequence is re-read from the chain this often, ms */
  EXEC_SEQUENCE_REFRESH_MS: z.coerce.number().int().min(100).default(30_000),
  /** executor: a local sequence further than this from the chain's (txs in flight aside) is corrected */
  EXEC_SEQUENCE_MAX_DRIFT: z.coerce.number().int().min(0).default(2),
  /** executor: pause before the one retry of a batch refused for its sequence, ms */
  EXEC_SEQUENCE_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  /** executor: how often the wallet's open orders are reconciled against the chain, ms */
  EXEC_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  /** executor: market metadata (ticks, min notional, status) is read again this often, at the next reconciliation, ms */
  EXEC_MARKET_REFRESH_MS: z.coerce.number().int().min(1000).default(60_000),
  /** executor: how often every bot's `bot:<id>` is read again (a `bot.state` message may be lost), ms */
  EXEC_BOT_STATE_RESYNC_MS: z.coerce.number().int().min(200).max(60_000).default(3000),
  /** executor: orders on chain that nothing knows (a crash's orphans) are cancelled or adopted */
  EXEC_ORPHAN_POLICY: z.enum(['cancel', 'adopt']).default('cancel'),
  /** executor: consecutive failed batches that pause the wallet */
  EXEC_BREAKER_FAILURES: z.coerce.number().int().min(1).default(3),
  /** executor: first pause after the breaker trips, ms; grows on each trip in a row */
  EXEC_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(10).default(5000),
  /** executor: longest pause, ms */
  EXEC_BREAKER_MAX_COOLDOWN_MS: z.coerce.number().int().min(10).default(120_000),
  /** executor: largest distance of an order price from the reference price, percent */
  EXEC_PRICE_BAND_PCT: positiveDecimalString.default('10'),
  /**
   * executor: the widest band, percent: when the testnet mid the executor reads (`md:price:trading:<mk>`)
   * is more than EXEC_MARKET_MOVING_GAP_PCT from the reference, the band on the mid's side is that gap +
   * EXEC_PRICE_BAND_PCT, capped by this. An intent's declared phase never widens it
   */
  EXEC_PRICE_BAND_MOVING_PCT: positiveDecimalString.default('50'),
  /** executor: the measured testnet gap (percent of the reference) above which the band widens */
  EXEC_MARKET_MOVING_GAP_PCT: positiveDecimalString.default('10'),
  /** executor: a testnet price (`md:price:trading:<mk>`) older than this is not trusted (no wider band, every non-post-only order counts as taking), ms */
  EXEC_TRADING_PRICE_MAX_AGE_MS: z.coerce.number().int().min(100).default(10_000),
  /** executor: a reference price older than this is not trusted for the band check, ms */
  EXEC_REFERENCE_MAX_AGE_MS: z.coerce.number().int().min(100).default(120_000),
  /**
   * executor: largest quantity of one order, as a multiple of the bot's baseSize of the config files
   * (never a live edit), where the market sets no `executorLimits.maxOrderQuantity`
   */
  EXEC_MAX_ORDER_SIZE_MULTIPLE: positiveDecimalString.default('10'),
  /** executor: largest notional of one order, quote units, where the market sets no `executorLimits.maxOrderNotional` */
  EXEC_MAX_ORDER_NOTIONAL: positiveDecimalString.default('100000'),
  /** executor: length of the rolling window of the taker caps, ms */
  EXEC_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  /** executor: largest notional of orders that may take liquidity, per market and window, quote units (market `executorLimits.maxTakerNotional` overrides) */
  EXEC_MAX_TAKER_NOTIONAL: positiveDecimalString.default('50000'),
  /** executor: largest net (buys − sells) notional of orders that may take liquidity, per market and window, quote units (market `executorLimits.maxNetTakerNotional` overrides) */
  EXEC_MAX_NET_TAKER_NOTIONAL: positiveDecimalString.default('25000'),
  /** executor: most creates and cancels in one intent (never above EXEC_MAX_ORDERS_PER_TX); a larger intent is rejected with a report */
  EXEC_MAX_ACTIONS_PER_INTENT: z.coerce.number().int().min(1).max(170).default(150),
  /** executor: largest notional of all orders created by one tx, quote units */
  EXEC_MAX_BATCH_NOTIONAL: positiveDecimalString.default('1000000'),
  /** executor: INJ kept in the bank for gas, which no INJ ask or INJ-quoted bid may hold, INJ */
  EXEC_GAS_RESERVE_INJ: decimalString.default('1'),
  /**
   * executor: most creates and cancels in one tx (gas: 174 derivative post-only creates fill the
   * 30M block limit with the 20 % safety margin)
   */
  EXEC_MAX_ORDERS_PER_TX: z.coerce.number().int().min(1).max(170).default(150),
  /** executor: a tx may be included up to this many blocks after it was signed */
  EXEC_TX_TIMEOUT_BLOCKS: z.coerce.number().int().min(2).max(1000).default(20),
  /** executor: wait this long for more intents before building a batch, ms */
  EXEC_BATCH_WINDOW_MS: z.coerce.number().int().min(0).max(5000).default(20),
  /** executor: gas limit = gas a simulation used × this margin, when the chain's fixed gas is off */
  EXEC_GAS_MARGIN: z.string().regex(/^[1-9]\d*(\.\d+)?$/, 'must be a decimal ≥ 1 such as "1.3"').default('1.3'),
  /** executor: the chain parameters and the EIP base fee (gas price) are read again after this long, ms */
  EXEC_CHAIN_PARAMS_REFRESH_MS: z.coerce.number().int().min(1000).default(60_000),
  /**
   * executor: pause between lookups of a broadcast tx, ms (each lookup is one LCD request);
   * at least 500 (`MIN_INCLUSION_POLL_MS`) unless NETWORK=sim, where tests may poll faster
   */
  EXEC_INCLUSION_POLL_MS: z.coerce.number().int().min(10).max(5000).default(500),
  /**
   * executor: how long an accepted tx is followed without a new block before its outcome is
   * reported `unknown` (it is settled before the next batch), ms
   */
  EXEC_INCLUSION_WAIT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  /**
   * documented request limit per client IP of the chain LCD hosts (public Injective nodes: 20/s;
   * the sim: its `rateLimitPerSecond`, default 20). Every process on the machine shares one budget
   * per host, a token bucket in Redis (`ratelimit:lcd:<host>`), of RATE_LIMIT_SHARE of it
   */
  CHAIN_LCD_LIMIT_PER_IP: z.coerce.number().positive().max(100_000).default(20),
  /** share of a host's per-IP limit the machine-wide bucket grants (headroom for arrival jitter); default 0.9 */
  RATE_LIMIT_SHARE: z.coerce.number().positive().max(1).default(0.9),
  /** executor: cancel every order of the wallet on SIGTERM */
  EXEC_CANCEL_ALL_ON_SHUTDOWN: booleanFlag,
  /** price-feed: wanted poll interval per market, ms (about one block); stretched when the request budget is short */
  FEED_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(700),
  /** price-feed: a side with no good update for this long is `stale` (at least 3 poll intervals in force), ms */
  FEED_STALE_AFTER_MS: z.coerce.number().int().min(100).default(3000),
  /** price-feed: a side whose source keeps failing for this long is `down`, ms */
  FEED_DOWN_AFTER_MS: z.coerce.number().int().min(100).default(30_000),
  /** price-feed: requests per second the feed may send to one LCD host (public chain nodes allow 20 per IP) */
  FEED_REQUEST_BUDGET_PER_S: z.coerce.number().positive().max(10_000).default(20),
  /** price-feed: how far from mid (percent) each published book side should reach */
  FEED_BOOK_DEPTH_PCT: z.coerce.number().positive().max(100).default(10),
  /**
   * price-feed: wanted interval between two reads of one market's reference (mainnet) book, ms; rounded up to a whole
   * number of polls of the market (5000 → every 8th 700-ms poll = 5.6 s: the five default pairs then fit the 20/s budget, apps/price-feed/README.md)
   */
  FEED_REF_BOOK_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  /** strategy: no intent from a reference tick older than this, ms (the feed republishes an unchanged price every HEARTBEAT_INTERVAL_MS) */
  STRATEGY_REFERENCE_MAX_AGE_MS: z.coerce.number().int().min(100).default(15_000),
  /** strategy: a book snapshot older than this when a worker takes it is not planned from, ms */
  STRATEGY_BOOK_MAX_AGE_MS: z.coerce.number().int().min(100).default(10_000),
  /** strategy: how long a bot waits on a market for the executor's report of its last intent before planning again without it, ms (default 5000: one intent in flight per bot and market; 0: never waits; see apps/strategy README) */
  STRATEGY_AWAIT_REPORT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** strategy: book snapshots one worker plans at the same time */
  STRATEGY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** strategy (NETWORK=testnet): how often market metadata (ticks, status) is re-read from the LCD, ms */
  STRATEGY_MARKET_REFRESH_MS: z.coerce.number().int().min(1000).default(300_000),
  /** graceful shutdown budget */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type Env = z.infer<typeof envSchema>;
