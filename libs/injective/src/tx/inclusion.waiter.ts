import { setTimeout as sleep } from 'node:timers/promises';
import { ChainUnavailableError } from '../errors/chain-unavailable.error';
import { RateLimitedError } from '../errors/rate-limited.error';
import { TxNotIncludedError } from '../errors/tx-not-included.error';
import type { LcdClient } from '../lcd/lcd.client';
import { parseTxResult, type TxResult } from './tx-result.parser';

/** How long and how often to look a tx up. */
export interface InclusionWaitOptions {
  /** give up after this long, ms; default 30 000 (`Infinity`: only `neverIncluded` ends the wait) */
  readonly timeoutMs?: number;
  /** pause between lookups, ms; default 500 (blocks come every ≈ 0.7 s) */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  /** the clock the deadline is kept by, ms; default `Date.now` */
  readonly now?: () => number;
  /** the pause between lookups, rejecting when `signal` aborts; default a real timer */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
  /** which failed lookups are retried as "not there yet"; default `ChainUnavailableError` and `RateLimitedError` */
  readonly isTransient?: (error: unknown) => boolean;
  /**
   * Asked after each pause while the tx is not found: a reason why it never will be (its timeout
   * height passed, …) ends the wait with one last lookup.
   */
  readonly neverIncluded?: () => Promise<string | undefined>;
}

/**
 * Polls `GET /cosmos/tx/v1beta1/txs/{hash}` until the tx is in a block and returns its result —
 * also when it failed in the block (`code ≠ 0`, see `result.error`). Lookups that fail with
 * `ChainUnavailableError` / `RateLimitedError` (or what `isTransient` accepts) are retried until the
 * deadline. Throws `TxNotIncludedError` (cause: the last lookup error, if any) when the deadline
 * passes, or with the `reason` `neverIncluded` gave when the last lookup does not find it either.
 */
export async function waitForInclusion(lcd: LcdClient, txHash: string, options: InclusionWaitOptions = {}): Promise<TxResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pollMs = options.pollMs ?? 500;
  const now = options.now ?? Date.now;
  const pause = options.sleep ?? ((ms: number, signal?: AbortSignal) => sleep(ms, undefined, { signal }));
  const isTransient = options.isTransient ?? ((error: unknown) => error instanceof ChainUnavailableError || error instanceof RateLimitedError);
  const started = now();
  let lastError: unknown;
  const lookup = async (): Promise<TxResult | null> => {
    try {
      const response = await lcd.getTx(txHash, { signal: options.signal });
      return response ? parseTxResult(response, `GET ${lcd.baseUrl}/cosmos/tx/v1beta1/txs/${txHash}`) : null;
    } catch (error) {
      if (!isTransient(error)) throw error;
      lastError = error;
      return null;
    }
  };
  for (;;) {
    const found = await lookup();
    if (found) return found;
    const remaining = timeoutMs - (now() - started);
    if (remaining <= 0) throw new TxNotIncludedError(txHash, now() - started, { cause: lastError });
    await pause(Math.min(pollMs, remaining), options.signal).catch((error: unknown) => {
      // same contract as the LCD client: an abort rejects with the signal's reason
      throw options.signal?.aborted ? options.signal.reason : error;
    });
    const reason = await options.neverIncluded?.();
    if (reason !== undefined) {
      const last = await lookup();
      if (last) return last;
      throw new TxNotIncludedError(txHash, now() - started, { cause: lastError, reason });
    }
  }
}
