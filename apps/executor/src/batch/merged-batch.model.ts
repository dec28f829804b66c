import type { CreateOrderAction } from '@mirrorbook/contracts';

/** One order to create, with where it came from. */
export interface MergedCreate {
  readonly market: string;
  readonly action: CreateOrderAction;
  readonly bot: string;
  readonly intentId: string;
}

/** Everything one tx does on one market. */
export interface MergedMarket {
  readonly market: string;
  /** cancel every order of the wallet on the market (before the creates) */
  readonly cancelAll: boolean;
  /** order hashes to cancel (none when `cancelAll`) */
  readonly cancels: readonly string[];
  readonly creates: readonly MergedCreate[];
}

/** The intents of one wallet merged into what a single MsgBatchUpdateOrders does. */
export interface MergedBatch {
  /** intents this tx carries, in arrival order */
  readonly intentIds: readonly string[];
  /** markets in first-seen order */
  readonly markets: readonly MergedMarket[];
  /** per market: the newest book `seq` the tx's plans were built from */
  readonly bookSeqs: ReadonlyMap<string, number>;
  /** earliest planning time of the carried intents, ms since epoch (latency is measured from it) */
  readonly plannedAt: number;
}
