import type Redis from 'ioredis';
import { redisKeys } from '@mirrorbook/contracts';
import type { CycleState } from '@mirrorbook/strategy-core';

/**
 * `strategy:cycle:<bot>:<mk>`: a Redis hash with the cycle state of one bot on one market, shared
 * by every worker (any of them may plan the next snapshot):
 * - `index` — the next cycle index (goes into client order ids and intent ids, so it only grows);
 *   a missing key starts at the planning time in ms, so a lost key never repeats an id;
 * - `stage` — the maintenance depth stage the next maintenance plan uses;
 * - `bookSeq` — the `seq` of the newest book snapshot planned from (older ones are superseded);
 * - `updatedAt` — ms since epoch.
 * It expires after 7 days without planning.
 */
export const cycleStateKey = redisKeys.strategyCycle;

const TTL_MS = 7 * 24 * 3600 * 1000;

// Claims one cycle atomically: two workers planning the same bot and market at once (snapshots
// n and n+1) get different indices, and the older snapshot loses to a newer one already planned.
const CLAIM = `
local state = redis.call('HMGET', KEYS[1], 'index', 'stage', 'bookSeq')
local index = tonumber(state[1]) or tonumber(ARGV[2])
local stage = tonumber(state[2]) or 0
local last = tonumber(state[3]) or -1
local seq = tonumber(ARGV[1])
if seq <= last then return {0, index, stage, last} end
redis.call('HSET', KEYS[1], 'index', index + 1, 'stage', stage, 'bookSeq', seq, 'updatedAt', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, index, stage, last}`;

// Stores the next stage only while the cycle that computed it is still the newest one.
const COMMIT_STAGE = `
if tonumber(redis.call('HGET', KEYS[1], 'bookSeq')) == tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'stage', ARGV[2])
  return 1
end
return 0`;

/** The outcome of claiming a cycle. */
export type CycleClaim =
  | { readonly claimed: true; readonly state: CycleState }
  /** a snapshot with this `seq` or a newer one was already planned */
  | { readonly claimed: false; readonly lastBookSeq: number };

/** Cycle state per bot and market in Redis (see `cycleStateKey`). */
export class CycleStateStore {
  constructor(private readonly redis: Redis) {}

  /** Takes the next cycle for planning from book `bookSeq`, unless that book is not newer than the last planned one. */
  async claim(botId: string, marketKey: string, bookSeq: number, nowMs: number): Promise<CycleClaim> {
    const reply = (await this.redis.eval(CLAIM, 1, cycleStateKey(botId, marketKey), bookSeq, nowMs, TTL_MS)) as number[];
    const [claimed, index, stage, last] = reply.map(Number);
    return claimed === 1 ? { claimed: true, state: { index, stage } } : { claimed: false, lastBookSeq: last };
  }

  /** Records the stage the next cycle uses; ignored when a newer book was claimed meanwhile. */
  async commitStage(botId: string, marketKey: string, bookSeq: number, stage: number): Promise<boolean> {
    return (await this.redis.eval(COMMIT_STAGE, 1, cycleStateKey(botId, marketKey), bookSeq, stage)) === 1;
  }
}
