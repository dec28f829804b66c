import type { BotState } from '@mirrorbook/contracts';

/** `by` of a bot stopped because its record vanished after the executor had read one. */
export const RECORD_LOST = 'record-lost';

/** What a fresh read of `bot:<id>` does to the state in force. */
export type BotStateStep =
  /** the read is the state now */
  | { readonly kind: 'apply'; readonly state: BotState }
  /** older than the state in force: ignored */
  | { readonly kind: 'stale'; readonly state: BotState }
  /** the record the state in force came from is gone: the bot is stopped */
  | { readonly kind: 'lost'; readonly state: BotState };

/**
 * The state in force after reading a bot's record (pure). Records are ordered by `updatedAt`: the
 * registry never goes back to an older one. A read without a valid record (`updatedAt` 0: the
 * config default, no record, unreadable) after one was in force means the record was lost (Redis
 * lost its data, or someone deleted it): the bot is stopped, whatever the default says, until a
 * newer record.
 */
export function nextBotState(inForce: BotState | undefined, read: BotState): BotStateStep {
  if (!inForce) return { kind: 'apply', state: read };
  // keeps the lost record's updatedAt, so only a newer record (an operator's start) ends it
  if (read.updatedAt === 0 && inForce.updatedAt > 0) return { kind: 'lost', state: { ...read, desired: 'stopped', by: RECORD_LOST, updatedAt: inForce.updatedAt } };
  if (read.updatedAt < inForce.updatedAt) return { kind: 'stale', state: inForce };
  return { kind: 'apply', state: read };
}
