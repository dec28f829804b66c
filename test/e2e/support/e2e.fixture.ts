import { connect } from 'nats';
import { batchIntentSchema, executionReportSchema, isFinalReport, redisKeys, type BatchIntent, type ExecutionOutcome, type ExecutionReport } from '@mirrorbook/contracts';
import { metricSum, startStack, type BusRecorder, type Stack, type StackOptions } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';

/** Block time of the scenarios' sim: short, so that a scenario of tens of blocks takes seconds. */
export const BLOCK_MS = 500;

/** A calm "mainnet": small noise, no jumps, so a scenario measures the bots and not the walk. */
export function calmPrice(startPrice: string): Record<string, unknown> {
  return { startPrice, volatilityPerBlock: 0.00005, jumpProbabilityPerBlock: 0 };
}

/**
 * Environment of every scenario: the feed polls once a block, with a request budget for a local
 * sim; executors follow their txs closely and reconcile every few seconds.
 */
export function scenarioEnv(blockMs = BLOCK_MS): Record<string, string> {
  return {
    NETWORK: 'sim',
    // E2E_LOG_LEVEL=debug adds e.g. the strategy's plan notes to the stack's logs
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
    FEED_POLL_INTERVAL_MS: String(blockMs),
    FEED_REQUEST_BUDGET_PER_S: '400',
    // scenarios hammer the sim (feed at 400/s, inclusion polls every 50 ms): a machine-wide LCD
    // budget to match the sim's raised limit (startScenario); lcd-rate-limit.e2e.spec.ts runs the defaults
    CHAIN_LCD_LIMIT_PER_IP: '2000',
    HEARTBEAT_INTERVAL_MS: '1000',
    EXEC_INCLUSION_POLL_MS: '50',
    EXEC_RECONCILE_INTERVAL_MS: '5000',
  };
}

/** The feed's poll interval on a paced chain (`startScenario({ paced: true })`): blocks come when the test's pacer makes them. */
export const PACED_POLL_MS = 100;

/**
 * Starts a stack whose sim produces a block every `blockMs`, or — `paced` — only when asked
 * (`POST /sim/admin/blocks`), for a `startBlockPacer` that gives the bot one turn a block.
 */
export async function startScenario(options: Omit<StackOptions, 'env'> & { env?: Record<string, string>; blockMs?: number; paced?: boolean; recordAll?: boolean }): Promise<Stack> {
  const blockMs = options.paced ? 0 : (options.blockMs ?? BLOCK_MS);
  const pollMs = options.paced ? PACED_POLL_MS : blockMs;
  return startStack({
    ...options,
    // 0: no per-IP limit — scenarios read at test pace (see scenarioEnv); a scenario may set its own
    sim: { blockMs, seed: 'mirrorbook-e2e', rateLimitPerSecond: 0, ...options.sim },
    env: { ...scenarioEnv(pollMs), ...options.env },
    // the strategy plans on book snapshots, and the feed republishes an unchanged book only when
    // HEARTBEAT_INTERVAL_MS passed at a poll: below the poll interval, every poll (once a block)
    // publishes, so a bot started on a quiet book plans from the next poll; on a paced chain every
    // other poll republishes, so a turn never waits for a book the feed found unchanged
    appEnv: { ...options.appEnv, 'price-feed': { HEARTBEAT_INTERVAL_MS: String(options.paced ? 2 * PACED_POLL_MS : Math.floor(blockMs / 2)), ...options.appEnv?.['price-feed'] } },
  });
}

/** Book figures of the bots' orders on one market. */
export interface BookFigures {
  height: number;
  orders: number;
  bids: number;
  asks: number;
  bestBid: number | null;
  bestAsk: number | null;
  /** (ask − bid) / mid, percent; null when a side is empty */
  spreadPct: number | null;
  /** the orders' hashes, lower case (see `reportedHeight`) */
  orderHashes: string[];
}

/** The wallet's orders on the market and the spread they make, with the height read before them. */
export async function botBook(stack: Stack, walletId: string, key: string): Promise<BookFigures> {
  const orders = await stack.openOrders(walletId, key);
  // read after the orders: a block between the two reads counts against the bot, never for it
  const height = await stack.height();
  const bids = orders.filter((o) => o.side === 'buy').map((o) => o.price.toNumber());
  const asks = orders.filter((o) => o.side === 'sell').map((o) => o.price.toNumber());
  const bestBid = bids.length ? Math.max(...bids) : null;
  const bestAsk = asks.length ? Math.min(...asks) : null;
  const spreadPct = bestBid !== null && bestAsk !== null ? ((bestAsk - bestBid) / ((bestAsk + bestBid) / 2)) * 100 : null;
  return { height, orders: orders.length, bids: bids.length, asks: asks.length, bestBid, bestAsk, spreadPct, orderHashes: orders.map((o) => o.orderHash.toLowerCase()) };
}

/**
 * Waits until the feed stored the mainnet book of `key` (`md:refbook:<mk>`, read every few
 * seconds): a bot started before it quotes the configured tiers first and reshapes to the mainnet
 * book's depth curve a few blocks later.
 */
export async function waitForMainnetBook(stack: Stack, key: string): Promise<void> {
  await eventually(async () => (await stack.redis.exists(redisKeys.latestRefBook(key))) === 1, 30_000, `the mainnet book in md:refbook:${key}`);
}

/** A book's figures without its order hashes, for a note. */
export function figuresText(book: BookFigures | undefined): string {
  if (!book) return '-';
  const { orderHashes: _hashes, ...figures } = book;
  return JSON.stringify(figures);
}

/**
 * The chain's own record of when orders came or went: waits until the wallet's execution reports
 * name every one of `orderHashes` as `created` (or `cancelled`) by an included tx, and answers the
 * latest inclusion height among them — the block from which the chain held all of them (or none).
 * Unlike a height read next to a poll of the book, it does not grow with the test's own lag.
 */
export async function reportedHeight(stack: Stack, wallet: string, orderHashes: readonly string[], which: 'created' | 'cancelled', timeoutMs = 60_000): Promise<number> {
  const ledger = new IntentLedger(stack.bus);
  const wanted = [...new Set(orderHashes.map((h) => h.toLowerCase()))];
  const started = Date.now();
  let pulled = false;
  for (;;) {
    const heights = orderHeightsOf(ledger.reports(wallet))[which];
    const missing = wanted.filter((h) => !heights.has(h));
    if (missing.length === 0) return Math.max(...wanted.map((h) => heights.get(h)!));
    // the live recorder may have missed a report (a slow consumer): the EXEC stream keeps them all
    if (!pulled && Date.now() - started > 5000) {
      pulled = true;
      await ledger.fromStream(stack.servers.nats.url);
      continue;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${missing.length} of ${wanted.length} orders of ${wallet} not reported ${which} within ${timeoutMs} ms (e.g. ${missing[0]})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Order hashes (lower case) created since `fromHeight` by the wallet's included txs, as its reports name them. */
export function reportedCreatedSince(stack: Stack, wallet: string, fromHeight: number): string[] {
  const created = orderHeightsOf(new IntentLedger(stack.bus).reports(wallet)).created;
  return [...created.entries()].filter(([, h]) => h >= fromHeight).map(([hash]) => hash);
}

/** Per order hash (lower case): the inclusion height of the report that created it, and of the one that cancelled it. */
function orderHeightsOf(reports: readonly ExecutionReport[]): { created: Map<string, number>; cancelled: Map<string, number> } {
  const created = new Map<string, number>();
  const cancelled = new Map<string, number>();
  for (const r of reports) {
    if (r.height === null) continue;
    for (const h of r.createdOrderHashes) if (!created.has(h.toLowerCase())) created.set(h.toLowerCase(), r.height);
    for (const h of r.cancelledOrderHashes) if (!cancelled.has(h.toLowerCase())) cancelled.set(h.toLowerCase(), r.height);
  }
  return { created, cancelled };
}

/** |testnet mid − mainnet mid| / mainnet mid, percent, at the current height (null when a mid is missing). */
export async function gapPct(stack: Stack, key: string): Promise<{ height: number; gapPct: number | null; testnet: number | null; mainnet: number | null }> {
  const [testnet, mainnet] = await Promise.all([stack.tob(key, 'testnet'), stack.tob(key, 'mainnet')]);
  const height = await stack.height();
  const gap = testnet.mid !== null && mainnet.mid !== null ? (Math.abs(testnet.mid - mainnet.mid) / mainnet.mid) * 100 : null;
  return { height, gapPct: gap, testnet: testnet.mid, mainnet: mainnet.mid };
}

/**
 * Follows a condition block by block: resolves with the first height at which `check` held,
 * reading once per poll; fails once the chain is past `maxHeight`.
 */
export async function firstHeightWhere(stack: Stack, check: () => Promise<{ height: number; ok: boolean }>, maxHeight: number, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { height, ok } = await check();
    if (ok) return height;
    if (height > maxHeight || Date.now() > deadline) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** Intents seen on `intent.>` and the reports on `exec.report.>`, joined by intent id (parsed once each). */
export class IntentLedger {
  private readonly parsedIntents = new Map<string, BatchIntent>();
  private readonly parsedReports: ExecutionReport[] = [];
  private scanned = 0;

  constructor(private readonly bus: BusRecorder) {}

  /** Parses the messages that arrived since the last call (malformed ones are skipped). */
  private catchUp(): void {
    const messages = this.bus.messages;
    for (; this.scanned < messages.length; this.scanned++) {
      const m = messages[this.scanned]!;
      if (m.subject.startsWith('intent.')) {
        const parsed = batchIntentSchema.safeParse(parseJson(m.data));
        if (parsed.success) this.parsedIntents.set(parsed.data.id, parsed.data);
      } else if (m.subject.startsWith('exec.report.')) {
        this.addReport(m.data);
      }
    }
  }

  private readonly seenReports = new Set<string>();

  private addReport(data: string): void {
    if (this.seenReports.has(data)) return;
    const parsed = executionReportSchema.safeParse(parseJson(data));
    if (!parsed.success) return;
    this.seenReports.add(data);
    this.parsedReports.push(parsed.data);
  }

  /**
   * Adds every report kept in the EXEC stream (the audit trail), for reports the live recorder
   * may have missed; returns how many were new.
   */
  async fromStream(natsUrl: string): Promise<number> {
    this.catchUp();
    const before = this.parsedReports.length;
    const nc = await connect({ servers: natsUrl, name: 'ledger-exec-reader' });
    try {
      const consumer = await nc.jetstream().consumers.get('EXEC', { filterSubjects: 'exec.report.>' });
      const decoder = new TextDecoder();
      for (;;) {
        let n = 0;
        for await (const m of await consumer.fetch({ max_messages: 1000, expires: 1500 })) {
          n += 1;
          this.addReport(decoder.decode(m.data));
        }
        if (n === 0) break;
      }
    } finally {
      await nc.close();
    }
    return this.parsedReports.length - before;
  }

  intents(wallet?: string): BatchIntent[] {
    this.catchUp();
    return [...this.parsedIntents.values()].filter((i) => !wallet || i.wallet === wallet);
  }

  reports(wallet?: string): ExecutionReport[] {
    this.catchUp();
    return this.parsedReports.filter((r) => !wallet || r.wallet === wallet);
  }

  /** The final outcome per intent id (a report that says more follow is not final). */
  finalOutcomes(wallet?: string): Map<string, ExecutionOutcome> {
    const last = new Map<string, ExecutionOutcome>();
    for (const report of this.reports(wallet)) {
      if (!isFinalReport(report)) continue;
      for (const id of report.intentIds) {
        // an intent applied once stays applied (a redelivered copy may later be reported superseded)
        if (last.get(id) !== 'applied') last.set(id, report.outcome);
      }
    }
    return last;
  }

  /** Intents planned before `before` (ms since epoch) without a final report yet. */
  unreported(before = Number.POSITIVE_INFINITY, wallet?: string): BatchIntent[] {
    const outcomes = this.finalOutcomes(wallet);
    return this.intents(wallet).filter((i) => i.ts < before && !outcomes.has(i.id));
  }

  /** Counts of final outcomes over the intents planned before `before` (those without a report as `none`). */
  tally(wallet?: string, before = Number.POSITIVE_INFINITY): Tally {
    const outcomes = this.finalOutcomes(wallet);
    const counts: Record<string, number> = {};
    const intents = this.intents(wallet).filter((i) => i.ts < before);
    for (const intent of intents) {
      const o = outcomes.get(intent.id) ?? 'none';
      counts[o] = (counts[o] ?? 0) + 1;
    }
    const total = intents.length;
    const applied = counts.applied ?? 0;
    const dropped = (counts.superseded ?? 0) + (counts.expired ?? 0);
    return {
      total,
      counts,
      appliedPct: total ? (applied / total) * 100 : 0,
      appliedOfExecutablePct: total - dropped ? (applied / (total - dropped)) * 100 : 0,
    };
  }

  /** Order hashes reported created more than once (a create executed twice). */
  duplicateCreates(wallet?: string): string[] {
    const seen = new Map<string, number>();
    for (const r of this.reports(wallet)) for (const h of r.createdOrderHashes) seen.set(h, (seen.get(h) ?? 0) + 1);
    return [...seen.entries()].filter(([, n]) => n > 1).map(([h]) => h);
  }
}

/** Final outcomes of a set of intents. */
export interface Tally {
  total: number;
  counts: Record<string, number>;
  /** applied / all intents published, percent */
  appliedPct: number;
  /** applied / intents not dropped as superseded or expired, percent */
  appliedOfExecutablePct: number;
}

/** `mirrorbook_executor_sequence_mismatches_total` summed over the stack's executors. */
export async function sequenceMismatches(stack: Stack): Promise<number> {
  let sum = 0;
  for (const [name, proc] of stack.procs) {
    if (!name.startsWith('executor-') || !proc.running) continue;
    sum += metricSum(await stack.metrics(name), 'mirrorbook_executor_sequence_mismatches_total');
  }
  return sum;
}

/** Writes one line to the test output (jest swallows console.log in --silent runs; stdout stays). */
export function note(line: string): void {
  process.stdout.write(`[e2e] ${line}\n`);
}

/** One line on what the bots did: intents by phase, final outcomes, report errors, strategy skips. */
export async function diagnose(stack: Stack): Promise<string> {
  const ledger = new IntentLedger(stack.bus);
  const phases: Record<string, number> = {};
  for (const i of ledger.intents()) for (const p of i.plans) phases[p.phase] = (phases[p.phase] ?? 0) + 1;
  const errors = [...new Set(ledger.reports().map((r) => r.error ?? (r.failed.length ? `failed: ${r.failed[0].reason}` : null)).filter(Boolean))].slice(0, 5);
  let skips = '';
  if (stack.procs.get('strategy')?.running) {
    const text = await stack.metrics('strategy');
    skips = text
      .split('\n')
      .filter((l) => l.startsWith('mirrorbook_strategy_skips_total'))
      .join('; ');
  }
  return `phases ${JSON.stringify(phases)}; outcomes ${JSON.stringify(ledger.tally().counts)}; errors ${JSON.stringify(errors)}; skips ${skips}`;
}

/** Per intent: ms after `t0` it was published, phase, creates/cancels, final report's height and outcome. */
export function timeline(stack: Stack, t0: number): string {
  const ledger = new IntentLedger(stack.bus);
  const reports = ledger.reports();
  return ledger
    .intents()
    .map((i) => {
      const r = reports.filter((x) => x.intentIds.includes(i.id));
      const creates = i.plans.flatMap((p) => p.actions).filter((a) => a.type === 'create');
      const qty = creates.reduce((s, a) => s + (a.type === 'create' ? Number(a.quantity) : 0), 0);
      const last = r[r.length - 1];
      return `${i.ts - t0}ms ${i.plans.map((p) => `${p.market}:${p.phase}`).join(',')} c${creates.length}/q${qty.toFixed(1)} x${i.plans.flatMap((p) => p.actions).length - creates.length} → ${last ? `${last.outcome}@${last.height ?? '-'} +${last.ts - t0}ms` : 'none'}`;
    })
    .join('\n  ');
}

/** Readings of the gap from a height on, and when it settled within each bound. */
export interface GapTrace {
  /** height the measurement counts from */
  from: number;
  /** every reading in order: height (read after the prices) and gap in percent (null: no mid) */
  readings: { height: number; gap: number | null }[];
  /** the first gap read at each height */
  byHeight: Map<number, number | null>;
  /**
   * per bound: the first height from which every later reading of the trace was within it (a
   * mid that touches the bound and leaves again does not count); absent when the last was not
   */
  settledAt: Map<number, number>;
}

/**
 * Reads the gap about 25 times a block until `blocks` blocks after `from`; `valid` can refuse a
 * reading (e.g. before the mainnet mid moved to a forced price), which then counts as no mid.
 */
export async function traceGap(
  stack: Stack,
  key: string,
  from: number,
  blocks: number,
  bounds: number[],
  valid: (g: { testnet: number | null; mainnet: number | null }) => boolean = () => true,
): Promise<GapTrace> {
  const readings: { height: number; gap: number | null }[] = [];
  const byHeight = new Map<number, number | null>();
  for (;;) {
    const g = await gapPct(stack, key);
    const gap = valid(g) ? g.gapPct : null;
    readings.push({ height: g.height, gap });
    if (!byHeight.has(g.height)) byHeight.set(g.height, gap);
    if (g.height >= from + blocks) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const settledAt = new Map<number, number>();
  for (const bound of bounds) {
    let since: number | undefined;
    for (const r of readings) {
      const ok = r.gap !== null && r.gap <= bound;
      if (!ok) since = undefined;
      else since ??= r.height;
    }
    if (since !== undefined) settledAt.set(bound, since);
  }
  return { from, readings, byHeight, settledAt };
}

/** `blocks:gap%` for each height of a trace. */
export function traceText(trace: GapTrace): string {
  return [...trace.byHeight.entries()].map(([h, g]) => `${h - trace.from}:${g === null ? '-' : g.toFixed(2)}`).join(' ');
}

/** Every gap read at heights >= `from + blocks`. */
export function gapsFrom(trace: GapTrace, blocks: number): (number | null)[] {
  return trace.readings.filter((r) => r.height >= trace.from + blocks).map((r) => r.gap);
}

/** Blocks from the trace's start until it settled within `bound` ('never' when it did not). */
export function blocksToSettle(trace: GapTrace, bound: number): number | 'never' {
  const at = trace.settledAt.get(bound);
  return at === undefined ? 'never' : at - trace.from;
}

/** JSON.parse that answers undefined for text that is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
