import type Redis from 'ioredis';
import { positiveDecimalString, redisKeys } from '@mirrorbook/contracts';
import type { CycleState } from '@mirrorbook/strategy-core';

/**
 * `strategy:cycle:<bot>:<mk>`: a Redis hash with the cycle state of one bot on one market, shared
 * by every worker (any of them may plan the next snapshot):
 * - `index` — the next cycle index (goes into client order ids and intent ids, so it only grows);
 *   a missing key starts at the planning time in ms, so a lost key never repeats an id;
 * - `stage` — the maintenance depth stage the next maintenance plan uses;
 * - `maintainedAt` — when the last maintenance (freshening) cycle was planned, ms since epoch; a
 *   hash without it (written before the field existed) makes the next maintenance due at once;
 * - `bookSeq`, `priceSeq`, `refSeq`, `reference` — the view the newest cycle was planned from: the
 *   book snapshot's `seq`, the reference tick's `seq`, the mainnet book's `seq` (0 without one) and
 *   the tick's mid (quote per base, decimal string). A view not newer, by book seq, then price seq,
 *   then mainnet book seq, is superseded: a book is planned again only from a newer reference (a
 *   reference tick's replan) or a newer mainnet book (its replan), and no view is planned twice;
 * - `updatedAt` — ms since epoch;
 * - `awaiting`, `awaitingUntil` — the index of the cycle whose intent the executor has not yet
 *   reported on, and until when (ms since epoch) no other cycle is claimed because of it.
 * It expires after 7 days without planning.
 */
export const cycleStateKey = redisKeys.strategyCycle;

const TTL_MS = 7 * 24 * 3600 * 1000;

// Claims one cycle atomically: two workers planning the same bot and market at once (snapshots
// n and n+1, or a snapshot and a reference tick) get different indices, an older view (book seq,
// then price seq) loses to a newer one already planned, and while a claimed cycle awaits its
// report (ARGV[4] ms at most; 0: never) no other is claimed. A view refused for that stays
// unplanned, so it can be planned once the report came.
const CLAIM = `
local state = redis.call('HMGET', KEYS[1], 'index', 'stage', 'bookSeq', 'awaiting', 'awaitingUntil', 'maintainedAt', 'priceSeq', 'refSeq')
local now = tonumber(ARGV[2])
local index = tonumber(state[1]) or now
local stage = tonumber(state[2]) or 0
local last = tonumber(state[3]) or -1
local maintained = tonumber(state[6]) or -1
local lastPrice = tonumber(state[7]) or -1
local seq = tonumber(ARGV[1])
local priceSeq = tonumber(ARGV[5])
local refSeq = tonumber(ARGV[7])
local lastRef = tonumber(state[8]) or -1
if seq < last or (seq == last and (priceSeq < lastPrice or (priceSeq == lastPrice and refSeq <= lastRef))) then return {0, index, stage, last, maintained, lastPrice} end
if state[4] and (tonumber(state[5]) or 0) > now then return {2, tonumber(state[4]), stage, last, maintained, lastPrice} end
redis.call('HSET', KEYS[1], 'index', index + 1, 'stage', stage, 'bookSeq', seq, 'priceSeq', priceSeq, 'refSeq', refSeq, 'reference', ARGV[6], 'updatedAt', now)
local hold = tonumber(ARGV[4])
if hold > 0 then
  redis.call('HSET', KEYS[1], 'awaiting', index, 'awaitingUntil', now + hold)
else
  redis.call('HDEL', KEYS[1], 'awaiting', 'awaitingUntil')
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, index, stage, last, maintained, lastPrice}`;

// Ends the wait for a cycle's report, unless another cycle is awaited by now.
const RELEASE = `
if redis.call('HGET', KEYS[1], 'awaiting') == ARGV[1] then
  redis.call('HDEL', KEYS[1], 'awaiting', 'awaitingUntil')
  return 1
end
return 0`;

// Stores the next stage and maintenance time only while the cycle that computed them is still the
// newest one (its view is the last claimed).
const COMMIT = `
local view = redis.call('HMGET', KEYS[1], 'bookSeq', 'priceSeq', 'refSeq')
if tonumber(view[1]) == tonumber(ARGV[1]) and (tonumber(view[2]) or -1) == tonumber(ARGV[4]) and (tonumber(view[3]) or 0) == tonumber(ARGV[5]) then
  redis.call('HSET', KEYS[1], 'stage', ARGV[2])
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'maintainedAt', ARGV[3]) end
  return 1
end
return 0`;

/** What a cycle is planned from: the testnet book and the reference tick. */
export interface PlanView {
  /** `seq` of the book snapshot */
  readonly bookSeq: number;
  /** `seq` of the reference tick */
  readonly priceSeq: number;
  /** `seq` of the mainnet book the plan mirrors; 0 without one */
  readonly refSeq: number;
  /** the reference tick's mid, quote units per base unit, decimal string */
  readonly reference: string;
}

/** The outcome of claiming a cycle. */
export type CycleClaim =
  | { readonly claimed: true; readonly state: CycleState }
  /** this view or a newer one was already planned */
  | { readonly claimed: false; readonly reason: 'superseded'; readonly lastBookSeq: number; readonly lastPriceSeq: number }
  /** the intent of cycle `awaitingIndex` has not been reported on yet */
  | { readonly claimed: false; readonly reason: 'awaiting-report'; readonly awaitingIndex: number };

/** Cycle state per bot and market in Redis (see `cycleStateKey`). */
export class CycleStateStore {
  constructor(private readonly redis: Redis) {}

  /**
   * Takes the next cycle for planning from `view`, unless that view is not newer than the last
   * planned one (book seq, then price seq) or an earlier cycle still awaits its report. The
   * claimed cycle then awaits its own report for `awaitReportMs` at most (0: claims never wait).
   */
  async claim(botId: string, marketKey: string, view: PlanView, nowMs: number, awaitReportMs: number): Promise<CycleClaim> {
    const key = cycleStateKey(botId, marketKey);
    const reply = (await this.redis.eval(CLAIM, 1, key, view.bookSeq, nowMs, TTL_MS, awaitReportMs, view.priceSeq, view.reference, view.refSeq)) as number[];
    const [claimed, index, stage, last, maintainedAtMs, lastPrice] = reply.map(Number);
    if (claimed === 1) return { claimed: true, state: maintainedAtMs! >= 0 ? { index, stage, maintainedAtMs } : { index, stage } };
    if (claimed === 2) return { claimed: false, reason: 'awaiting-report', awaitingIndex: index! };
    return { claimed: false, reason: 'superseded', lastBookSeq: last!, lastPriceSeq: lastPrice! };
  }

  /**
   * The reference (quote per base, decimal string) the last claimed cycle was planned from;
   * undefined when none is recorded (a hash written before the field) or it is not a price.
   */
  async plannedReference(botId: string, marketKey: string): Promise<string | undefined> {
    const parsed = positiveDecimalString.safeParse(await this.redis.hget(cycleStateKey(botId, marketKey), 'reference'));
    return parsed.success ? parsed.data : undefined;
  }

  /** Ends the wait for cycle `index`'s report (it came, or the cycle published nothing); false when another cycle is awaited. */
  async release(botId: string, marketKey: string, index: number): Promise<boolean> {
    return (await this.redis.eval(RELEASE, 1, cycleStateKey(botId, marketKey), index)) === 1;
  }

  /**
   * Records what the next cycle carries over (the maintenance stage and, when set, the time of the
   * last maintenance); ignored when a newer view was claimed meanwhile.
   */
  async commit(botId: string, marketKey: string, view: PlanView, next: Pick<CycleState, 'stage' | 'maintainedAtMs'>): Promise<boolean> {
    const key = cycleStateKey(botId, marketKey);
    return (await this.redis.eval(COMMIT, 1, key, view.bookSeq, next.stage, next.maintainedAtMs ?? '', view.priceSeq, view.refSeq)) === 1;
  }
}
