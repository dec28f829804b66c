import type Decimal from 'decimal.js';
import type { Market, Side } from '@mirrorbook/market';

/**
 * The seam between the sim's chain (accounts, signatures, sequences, blocks) and its exchange
 * module (books, matching, deposits, positions). The chain decodes and authenticates a tx, then
 * hands each exchange message to `applyBatch` at block time; everything here is synchronous and
 * deterministic (no clock, no global random: the block's height and a seeded RNG are passed in).
 */

/** One order to create, values in human units (MsgBatchUpdateOrders v2 semantics). */
export interface SimOrderToCreate {
  marketId: string;
  side: Side;
  postOnly: boolean;
  reduceOnly: boolean;
  /** quote per base, human units */
  price: Decimal;
  /** base units (contracts for derivatives) */
  quantity: Decimal;
  /** derivatives: margin in quote units; spot: null */
  margin: Decimal | null;
  cid: string;
  feeRecipient: string;
}

export interface SimOrderToCancel {
  marketId: string;
  subaccountId: string;
  orderHash?: string;
  cid?: string;
}

/** A decoded, authenticated MsgBatchUpdateOrders (v1beta1 values already converted to human units). */
export interface SimBatch {
  sender: string;
  subaccountId: string;
  spotMarketIdsToCancelAll: string[];
  derivativeMarketIdsToCancelAll: string[];
  spotOrdersToCancel: SimOrderToCancel[];
  derivativeOrdersToCancel: SimOrderToCancel[];
  spotOrdersToCreate: SimOrderToCreate[];
  derivativeOrdersToCreate: SimOrderToCreate[];
  /** the sim executes none: they fail in post-only mode, and are refused outside it (exchange 58) */
  spotMarketOrdersToCreate: SimOrderToCreate[];
  derivativeMarketOrdersToCreate: SimOrderToCreate[];
}

/**
 * What the chain puts into the tx's events, as the real chain's batch response does. Creates run
 * spot first, then derivative, each in message order; only created orders get a hash, so
 * `createdOrdersCids[i]` belongs to `[...spotOrderHashes, ...derivativeOrderHashes][i]`.
 */
export interface SimBatchResult {
  /** one per `spotOrdersToCancel` entry, in order; false for an unknown order or another wallet's */
  spotCancelSuccess: boolean[];
  /** one per `derivativeOrdersToCancel` entry, in order */
  derivativeCancelSuccess: boolean[];
  /** hashes of the created spot orders (filled at once or resting), in message order */
  spotOrderHashes: string[];
  /** hashes of the created derivative orders, in message order */
  derivativeOrderHashes: string[];
  /** cids of created orders: spot ones first, then derivative ones */
  createdOrdersCids: string[];
  /** cids of failed creates: spot ones first, then derivative ones, then market orders */
  failedOrdersCids: string[];
  /**
   * per failed cid (same order as `failedOrdersCids`): the exchange module's error code and a
   * stable reason, e.g. 16 "price must be a multiple of the minimum price tick size" (see
   * `ORDER_FAILURES` in order-failure.table.ts)
   */
  failures: { cid: string; code: number; reason: string }[];
  /** every fill the batch caused, taker and maker sides, in execution order */
  fills: SimFill[];
}

export interface SimFill {
  marketId: string;
  subaccountId: string;
  orderHash: string;
  side: Side;
  price: Decimal;
  quantity: Decimal;
  /** quote units; negative = rebate */
  fee: Decimal;
  isMaker: boolean;
  height: number;
}

export interface SimPriceLevel { price: Decimal; quantity: Decimal }

export interface SimOpenOrder {
  orderHash: string;
  cid: string;
  marketId: string;
  subaccountId: string;
  side: Side;
  price: Decimal;
  quantity: Decimal;
  fillable: Decimal;
  margin: Decimal | null;
  createdHeight: number;
}

export interface SimDeposit { available: Decimal; total: Decimal }

export interface SimPosition {
  marketId: string;
  subaccountId: string;
  isLong: boolean;
  quantity: Decimal;
  entryPrice: Decimal;
  margin: Decimal;
  cumulativeFundingEntry: Decimal;
}

/**
 * Chain state a block's exchange messages are judged by besides the height: whether the exchange
 * module is in post-only mode (injective-core `IsPostOnlyMode`: `post_only_mode_height_threshold`
 * above the block height).
 */
export interface SimBlockRules {
  /** every limit create is treated as post-only: one that would cross the book fails (code 59); market orders fail (96) */
  readonly postOnlyMode: boolean;
}

/** The rules of a block outside post-only mode. */
export const NORMAL_BLOCK_RULES: SimBlockRules = Object.freeze({ postOnlyMode: false });

export interface ExchangePort {
  markets(): Market[];
  market(marketId: string): Market | undefined;
  /** Applies one batch at `height` under `rules` (default normal): cancels first (cancel-all, then by hash/cid), then creates. */
  applyBatch(batch: SimBatch, height: number, rules?: SimBlockRules): SimBatchResult;
  /** Called once per produced block after the block's txs: price process step, synthetic depth and takers (under `rules`). */
  onBlock(height: number, rules?: SimBlockRules): void;
  orderbook(marketId: string, limit: number): { buys: SimPriceLevel[]; sells: SimPriceLevel[] };
  /** The market's own book sequence: grows with every change of the book (the orderbook query's `seq`). */
  bookSequence(marketId: string): number;
  openOrders(marketId: string, subaccountId: string): SimOpenOrder[];
  /** denom -> human-unit balance */
  deposits(subaccountId: string): Map<string, SimDeposit>;
  positions(subaccountId: string): SimPosition[];
  /** gas fee payment and genesis funding go through the bank/deposit layer (human units) */
  credit(subaccountId: string, denom: string, amount: Decimal): void;
  debit(subaccountId: string, denom: string, amount: Decimal): boolean;
}
