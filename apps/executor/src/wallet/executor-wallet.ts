import type { Wallet } from '@mirrorbook/injective';

/** Injection token of the executor's `ExecutorWallet`s (one, or several with `EXECUTOR_WALLETS`). */
export const EXECUTOR_WALLETS = Symbol('EXECUTOR_WALLETS');

/** A wallet this process signs for: its config id and the signing wallet (the key stays inside it). */
export interface ExecutorWallet {
  /** wallet id of config/bots.json, e.g. `w1` */
  readonly id: string;
  readonly wallet: Wallet;
}
