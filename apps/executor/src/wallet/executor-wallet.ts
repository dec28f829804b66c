import type { Wallet } from '@mirrorbook/injective';

/** Injection token of the executor's `ExecutorWallet`. */
export const EXECUTOR_WALLET = Symbol('EXECUTOR_WALLET');

/** The wallet this process signs for: its config id and the signing wallet (the key stays inside it). */
export interface ExecutorWallet {
  /** wallet id of config/bots.json, e.g. `w1` */
  readonly id: string;
  readonly wallet: Wallet;
}
