import type { BatchIntent } from '@mirrorbook/contracts';

/** Where the inbox hands the wallet's intents (the engine, for as long as its tenure runs). */
export interface IntentSink {
  /** A valid intent of this wallet, handed over once (a redelivery of one still held is not). */
  intentReceived(intent: BatchIntent): void;
  /** A schema-valid intent of this wallet the time rule refused (`reason`): reported rejected, never sent. */
  intentRefused(intent: BatchIntent, reason: string): void;
}
