import type Decimal from 'decimal.js';
import {
  Dec,
  isOnTick,
  markPriceThreshold,
  meetsMinNotional,
  meetsMarkPriceThreshold,
  toDecimalString,
  type Market,
  type MarketType,
  type Side,
} from '@mirrorbook/market';
import type { BookOrder } from './book-order.model';
import { DepositLedger } from './deposit.ledger';
import type {
  SimBatch,
  SimBatchResult,
  SimBlockRules,
  SimDeposit,
  SimFill,
  SimOpenOrder,
  SimOrderToCancel,
  SimOrderToCreate,
  SimPosition,
  SimPriceLevel,
} from './exchange.port';
import { NORMAL_BLOCK_RULES } from './exchange.port';
import { OrderBook } from './order.book';
import { ORDER_FAILURES, type OrderFailureKind } from './order-failure.table';
import { orderHash } from './order.hash';
import { applyPositionFill, type PositionState } from './position.calculator';

interface MarketEntry {
  readonly market: Market;
  readonly book: OrderBook;
  /** max(taker fee, 0): the fee part every order holds on top of its notional or margin */
  readonly feeHoldRate: Decimal;
}

/**
 * The mark price of a derivative market as the oracle shows it: null for a missing (nil) mark;
 * undefined when the market has no oracle here (the rule is then not checked).
 */
export type MarkPriceSource = (marketId: string) => Decimal | null | undefined;

/** What an `ExchangeEngine` is built with besides its markets. */
export interface ExchangeEngineOptions {
  /** the oracle the derivative mark-price rule reads; absent: no mark-price rule (a bare engine) */
  readonly markPrice?: MarkPriceSource;
}

/** Outcome of one create: the new order's hash, or why it failed. */
export type PlaceResult = { ok: true; hash: string } | { ok: false; failure: OrderFailureKind };

/**
 * The sim's exchange module: books, matching, deposits and positions, without any price process
 * or synthetic traders (`SimExchange` adds those). Validation mirrors the chain; a failed create
 * never fails the batch. All amounts in human units, exact decimals.
 */
export class ExchangeEngine {
  private readonly entries = new Map<string, MarketEntry>();
  private readonly ledger = new DepositLedger();
  private readonly byHash = new Map<string, BookOrder>();
  /** `${subaccountId}|${cid}` → order; cids are unique per subaccount among resting orders */
  private readonly byCid = new Map<string, BookOrder>();
  /** `${subaccountId}|${marketId}` → hash → order, in arrival order */
  private readonly byOwner = new Map<string, Map<string, BookOrder>>();
  /** subaccountId → marketId → position */
  private readonly positionStates = new Map<string, Map<string, PositionState>>();
  private readonly nonces = new Map<string, number>();
  private seq = 0;

  constructor(
    markets: readonly Market[],
    private readonly options: ExchangeEngineOptions = {},
  ) {
    for (const market of markets) {
      if (this.entries.has(market.id)) throw new RangeError(`duplicate market id ${market.id}`);
      this.entries.set(market.id, { market, book: new OrderBook(), feeHoldRate: Dec.max(market.takerFeeRate, 0) });
    }
  }

  /** Every market, in construction order. */
  markets(): Market[] {
    return [...this.entries.values()].map((e) => e.market);
  }

  market(marketId: string): Market | undefined {
    return this.entries.get(marketId)?.market;
  }

  /**
   * Applies one batch: cancel-all lists, then cancels by hash/cid, then creates (spot, then
   * derivative). In post-only mode every create is judged as post-only.
   */
  applyBatch(batch: SimBatch, height: number, rules: SimBlockRules = NORMAL_BLOCK_RULES): SimBatchResult {
    const owner = batch.subaccountId;
    for (const id of batch.spotMarketIdsToCancelAll) this.cancelAll(id, owner, 'spot');
    for (const id of batch.derivativeMarketIdsToCancelAll) this.cancelAll(id, owner, 'derivative');
    const result: SimBatchResult = {
      spotCancelSuccess: batch.spotOrdersToCancel.map((c) => this.cancel(c, owner, 'spot')),
      derivativeCancelSuccess: batch.derivativeOrdersToCancel.map((c) => this.cancel(c, owner, 'derivative')),
      spotOrderHashes: [],
      derivativeOrderHashes: [],
      createdOrdersCids: [],
      failedOrdersCids: [],
      failures: [],
      fills: [],
    };
    const creates: [MarketType, SimOrderToCreate[], string[]][] = [
      ['spot', batch.spotOrdersToCreate, result.spotOrderHashes],
      ['derivative', batch.derivativeOrdersToCreate, result.derivativeOrderHashes],
    ];
    for (const [type, orders, hashes] of creates) {
      for (const order of orders) {
        const placed = this.place(owner, rules.postOnlyMode ? { ...order, postOnly: true } : order, type, height, result.fills);
        if (placed.ok) {
          hashes.push(placed.hash);
          result.createdOrdersCids.push(order.cid);
        } else {
          result.failedOrdersCids.push(order.cid);
          result.failures.push({ cid: order.cid, ...ORDER_FAILURES[placed.failure] });
        }
      }
    }
    const marketOrders = [...batch.spotMarketOrdersToCreate, ...batch.derivativeMarketOrdersToCreate];
    if (marketOrders.length > 0 && !rules.postOnlyMode) throw new RangeError('the exchange executes market orders in post-only mode only (where they fail)');
    for (const order of marketOrders) {
      result.failedOrdersCids.push(order.cid);
      result.failures.push({ cid: order.cid, ...ORDER_FAILURES.POST_ONLY_MODE });
    }
    return result;
  }

  /** Validates, holds funds for, matches and rests one order of `subaccountId`. */
  place(subaccountId: string, order: SimOrderToCreate, type: MarketType, height: number, fills: SimFill[]): PlaceResult {
    const entry = this.entries.get(order.marketId);
    // the chain looks markets up among active ones only: any other status reads as not found
    if (!entry || entry.market.type !== type || entry.market.status !== 'active') {
      return fail(type === 'spot' ? 'SPOT_MARKET_NOT_FOUND' : 'DERIVATIVE_MARKET_NOT_FOUND');
    }
    const { market } = entry;
    const invalid = validateAmounts(market, order);
    if (invalid) return fail(invalid);
    if (order.cid !== '' && this.byCid.has(`${subaccountId}|${order.cid}`)) return fail('CID_EXISTS');

    const reduceOnly = type === 'derivative' && order.reduceOnly;
    let margin: Decimal | null = null;
    if (type === 'derivative') {
      const mark = this.options.markPrice?.(market.id);
      if (mark === null) return fail('NO_MARK_PRICE');
      if (reduceOnly) {
        const refused = this.reduceOnlyRefusal(subaccountId, market.id, order.side, order.quantity);
        if (refused) return fail(refused);
        margin = new Dec(0);
      } else {
        margin = order.margin;
        if (!margin || !margin.isFinite() || margin.lte(0)) return fail('INVALID_MARGIN');
        if (margin.lt(order.price.mul(order.quantity).mul(market.initialMarginRatio ?? 0))) return fail('INSUFFICIENT_MARGIN');
        if (mark !== undefined && !meetsMarkPrice(market, order, margin, mark)) return fail('MARK_PRICE_THRESHOLD');
      }
    }
    const key = BigInt(order.price.div(market.priceTick).toFixed(0));
    if (order.postOnly && crosses(entry.book, order.side, key)) return fail('POST_ONLY_CROSS');

    const book: BookOrder = {
      hash: '',
      cid: order.cid,
      marketId: market.id,
      subaccountId,
      side: order.side,
      price: order.price,
      key,
      quantity: order.quantity,
      fillable: order.quantity,
      margin,
      marginHeld: margin ?? new Dec(0),
      reduceOnly,
      seq: 0,
      createdHeight: height,
    };
    const [denom, amount] = this.holdOf(entry, book, book.fillable);
    if (!this.ledger.hold(subaccountId, denom, amount)) return fail('INSUFFICIENT_DEPOSIT');

    const nonce = (this.nonces.get(subaccountId) ?? 0) + 1;
    this.nonces.set(subaccountId, nonce);
    const placed: BookOrder = { ...book, hash: orderHash(subaccountId, market.id, height, nonce), seq: ++this.seq };
    this.match(entry, placed, height, fills);
    if (placed.fillable.gt(0)) {
      if (placed.reduceOnly && this.reducible(subaccountId, market.id, placed.side).isZero()) {
        this.release(entry, placed);
      } else {
        this.rest(entry, placed);
      }
    }
    return { ok: true, hash: placed.hash };
  }

  /** Cancels one order named by hash or cid; false if there is no such resting order of that owner. */
  cancel(cancel: SimOrderToCancel, ownerSubaccountId: string, type: MarketType): boolean {
    const entry = this.entries.get(cancel.marketId);
    if (!entry || entry.market.type !== type) return false;
    // a wallet may cancel orders of any of its subaccounts (same address, other nonce)
    if (cancel.subaccountId.slice(0, 42).toLowerCase() !== ownerSubaccountId.slice(0, 42).toLowerCase()) return false;
    const order = cancel.orderHash
      ? this.byHash.get(cancel.orderHash.toLowerCase())
      : cancel.cid
        ? this.byCid.get(`${cancel.subaccountId}|${cancel.cid}`)
        : undefined;
    if (!order || order.marketId !== cancel.marketId || order.subaccountId !== cancel.subaccountId) return false;
    this.remove(entry, order);
    return true;
  }

  /** Cancels every resting order of `subaccountId` in `marketId`; returns how many. */
  cancelAll(marketId: string, subaccountId: string, type?: MarketType): number {
    const entry = this.entries.get(marketId);
    if (!entry || (type && entry.market.type !== type)) return 0;
    const own = this.byOwner.get(`${subaccountId}|${marketId}`);
    if (!own) return 0;
    const orders = [...own.values()];
    for (const order of orders) this.remove(entry, order);
    return orders.length;
  }

  /** Aggregated levels, best first: buys descending, sells ascending. Unknown market: empty. */
  orderbook(marketId: string, limit: number): { buys: SimPriceLevel[]; sells: SimPriceLevel[] } {
    const book = this.entries.get(marketId)?.book;
    if (!book) return { buys: [], sells: [] };
    return { buys: book.levels('buy', limit), sells: book.levels('sell', limit) };
  }

  /** The market's own book sequence (0 for an unknown market). */
  bookSequence(marketId: string): number {
    return this.entries.get(marketId)?.book.sequence ?? 0;
  }

  /** Best resting price of a side, if any. */
  bestPrice(marketId: string, side: Side): Decimal | undefined {
    return this.entries.get(marketId)?.book.best(side)?.price;
  }

  /** The subaccount's resting orders in the market, oldest first. */
  openOrders(marketId: string, subaccountId: string): SimOpenOrder[] {
    const own = this.byOwner.get(`${subaccountId}|${marketId}`);
    return own ? [...own.values()].map(toOpenOrder) : [];
  }

  deposits(subaccountId: string): Map<string, SimDeposit> {
    return this.ledger.deposits(subaccountId);
  }

  /** Available balance of one denom (zero if never held). */
  available(subaccountId: string, denom: string): Decimal {
    return this.ledger.available(subaccountId, denom);
  }

  positions(subaccountId: string): SimPosition[] {
    const own = this.positionStates.get(subaccountId);
    if (!own) return [];
    return [...own].map(([marketId, p]) => ({
      marketId,
      subaccountId,
      isLong: p.isLong,
      quantity: p.quantity,
      entryPrice: p.entryPrice,
      margin: p.margin,
      cumulativeFundingEntry: new Dec(0),
    }));
  }

  credit(subaccountId: string, denom: string, amount: Decimal): void {
    if (amount.lt(0)) throw new RangeError(`credit amount must be >= 0, got ${amount.toString()}`);
    this.ledger.settle(subaccountId, denom, amount);
  }

  debit(subaccountId: string, denom: string, amount: Decimal): boolean {
    if (amount.lt(0)) throw new RangeError(`debit amount must be >= 0, got ${amount.toString()}`);
    return this.ledger.withdraw(subaccountId, denom, amount);
  }

  /**
   * The whole state as plain JSON-ready data (decimal strings), stable for equal histories:
   * books in priority order, deposits and positions per subaccount sorted by id.
   */
  snapshot(): ExchangeSnapshot {
    const books: ExchangeSnapshot['books'] = {};
    for (const [id, { book }] of this.entries) {
      books[id] = { buys: book.side('buy').map(snapshotOrder), sells: book.side('sell').map(snapshotOrder) };
    }
    const deposits: ExchangeSnapshot['deposits'] = {};
    for (const sub of [...this.ledger.subaccounts()].sort()) {
      deposits[sub] = Object.fromEntries(
        [...this.ledger.deposits(sub)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([denom, d]) => [denom, [toDecimalString(d.available), toDecimalString(d.total)]]),
      );
    }
    const positions: ExchangeSnapshot['positions'] = {};
    for (const sub of [...this.positionStates.keys()].sort()) {
      positions[sub] = this.positions(sub).map((p) => [p.marketId, p.isLong ? 'long' : 'short', toDecimalString(p.quantity), toDecimalString(p.entryPrice), toDecimalString(p.margin)]);
    }
    return { books, deposits, positions };
  }

  private match(entry: MarketEntry, taker: BookOrder, height: number, fills: SimFill[]): void {
    const opposite: Side = taker.side === 'buy' ? 'sell' : 'buy';
    const makers = entry.book.side(opposite);
    const touched = new Set<string>();
    let consumed = 0;
    for (const maker of makers) {
      if (taker.fillable.isZero() || !priceCrosses(taker, maker)) break;
      let quantity = Dec.min(taker.fillable, maker.fillable);
      if (taker.reduceOnly) quantity = Dec.min(quantity, this.reducible(taker.subaccountId, entry.market.id, taker.side));
      if (quantity.isZero()) break;
      if (maker.reduceOnly) {
        quantity = Dec.min(quantity, this.reducible(maker.subaccountId, entry.market.id, maker.side));
        if (quantity.isZero()) {
          // its position is gone: the order can no longer rest
          this.forget(entry, maker);
          consumed++;
          continue;
        }
      }
      this.settle(entry, maker, quantity, maker.price, true, height, fills);
      this.settle(entry, taker, quantity, maker.price, false, height, fills);
      if (entry.market.type === 'derivative') touched.add(maker.subaccountId).add(taker.subaccountId);
      if (maker.fillable.isZero() || maker.reduceOnly && this.reducible(maker.subaccountId, entry.market.id, maker.side).isZero()) {
        this.forget(entry, maker);
        consumed++;
      } else {
        break;
      }
    }
    entry.book.dropBest(opposite, consumed);
    for (const sub of touched) this.dropStaleReduceOnly(entry, sub);
  }

  /** Moves funds and positions for `quantity` of `order` filled at `price`. */
  private settle(entry: MarketEntry, order: BookOrder, quantity: Decimal, price: Decimal, isMaker: boolean, height: number, fills: SimFill[]): void {
    const { market } = entry;
    const sub = order.subaccountId;
    const notional = price.mul(quantity);
    const fee = notional.mul(isMaker ? market.makerFeeRate : market.takerFeeRate);
    if (market.type === 'spot') {
      const [denom, held] = this.holdOf(entry, order, quantity);
      this.ledger.release(sub, denom, held);
      if (order.side === 'buy') {
        this.ledger.settle(sub, market.quoteDenom, notional.add(fee).neg());
        this.ledger.settle(sub, market.baseDenom!, quantity);
      } else {
        this.ledger.settle(sub, market.baseDenom!, quantity.neg());
        this.ledger.settle(sub, market.quoteDenom, notional.sub(fee));
      }
    } else {
      const [, held] = this.holdOf(entry, order, quantity);
      const marginShare = quantity.eq(order.fillable) ? order.marginHeld : order.marginHeld.mul(quantity).div(order.fillable);
      order.marginHeld = order.marginHeld.sub(marginShare);
      this.ledger.release(sub, market.quoteDenom, held);
      const positions = this.positionsOf(sub);
      const result = applyPositionFill(positions.get(market.id) ?? null, order.side === 'buy', quantity, price, marginShare);
      if (result.position) positions.set(market.id, result.position);
      else positions.delete(market.id);
      this.ledger.settle(sub, market.quoteDenom, result.marginReleased.add(result.realizedPnl).sub(result.marginUsed).sub(fee));
    }
    order.fillable = order.fillable.sub(quantity);
    if (isMaker) entry.book.changed();
    fills.push({ marketId: market.id, subaccountId: sub, orderHash: order.hash, side: order.side, price, quantity, fee, isMaker, height });
  }

  /** What `order` holds for `quantity` of it: [denom, amount]. Derivative margin uses `marginHeld` pro rata. */
  private holdOf(entry: MarketEntry, order: BookOrder, quantity: Decimal): [string, Decimal] {
    const { market, feeHoldRate } = entry;
    if (market.type === 'spot') {
      if (order.side === 'sell') return [market.baseDenom!, quantity];
      return [market.quoteDenom, order.price.mul(quantity).mul(feeHoldRate.add(1))];
    }
    if (order.reduceOnly) return [market.quoteDenom, new Dec(0)];
    const margin = quantity.eq(order.fillable) ? order.marginHeld : order.marginHeld.mul(quantity).div(order.fillable);
    return [market.quoteDenom, margin.add(order.price.mul(quantity).mul(feeHoldRate))];
  }

  private reduceOnlyRefusal(subaccountId: string, marketId: string, side: Side, quantity: Decimal): OrderFailureKind | null {
    const position = this.positionStates.get(subaccountId)?.get(marketId);
    if (!position) return 'POSITION_NOT_FOUND';
    if (position.isLong === (side === 'buy')) return 'REDUCE_ONLY_DIRECTION';
    if (quantity.gt(position.quantity)) return 'POSITION_QUANTITY';
    return null;
  }

  /** Contracts an order of `side` may still reduce: the opposite position's size, else 0. */
  private reducible(subaccountId: string, marketId: string, side: Side): Decimal {
    const position = this.positionStates.get(subaccountId)?.get(marketId);
    if (!position || position.isLong === (side === 'buy')) return new Dec(0);
    return position.quantity;
  }

  /** Reduce-only orders whose position closed or turned cannot fill any more: cancel them. */
  private dropStaleReduceOnly(entry: MarketEntry, subaccountId: string): void {
    const own = this.byOwner.get(`${subaccountId}|${entry.market.id}`);
    if (!own) return;
    for (const order of [...own.values()]) {
      if (order.reduceOnly && this.reducible(subaccountId, entry.market.id, order.side).isZero()) this.remove(entry, order);
    }
  }

  private positionsOf(subaccountId: string): Map<string, PositionState> {
    let own = this.positionStates.get(subaccountId);
    if (!own) {
      own = new Map();
      this.positionStates.set(subaccountId, own);
    }
    return own;
  }

  private rest(entry: MarketEntry, order: BookOrder): void {
    entry.book.insert(order);
    this.byHash.set(order.hash, order);
    if (order.cid !== '') this.byCid.set(`${order.subaccountId}|${order.cid}`, order);
    const ownerKey = `${order.subaccountId}|${order.marketId}`;
    let own = this.byOwner.get(ownerKey);
    if (!own) {
      own = new Map();
      this.byOwner.set(ownerKey, own);
    }
    own.set(order.hash, order);
  }

  /** Takes a resting order out of the book and the indexes and returns what it held. */
  private remove(entry: MarketEntry, order: BookOrder): void {
    entry.book.remove(order);
    this.forget(entry, order);
  }

  /** Drops a resting order from the indexes (not the book) and returns what it still held. */
  private forget(entry: MarketEntry, order: BookOrder): void {
    this.byHash.delete(order.hash);
    if (order.cid !== '' && this.byCid.get(`${order.subaccountId}|${order.cid}`) === order) {
      this.byCid.delete(`${order.subaccountId}|${order.cid}`);
    }
    this.byOwner.get(`${order.subaccountId}|${order.marketId}`)?.delete(order.hash);
    this.release(entry, order);
  }

  private release(entry: MarketEntry, order: BookOrder): void {
    if (order.fillable.isZero()) return;
    const [denom, amount] = this.holdOf(entry, order, order.fillable);
    this.ledger.release(order.subaccountId, denom, amount);
    order.marginHeld = new Dec(0);
  }
}

/** `ExchangeEngine.snapshot()`: [hash, subaccount, side, price, fillable] per order; [available, total] per denom. */
export interface ExchangeSnapshot {
  books: Record<string, { buys: string[][]; sells: string[][] }>;
  deposits: Record<string, Record<string, [string, string]>>;
  positions: Record<string, string[][]>;
}

function fail(failure: OrderFailureKind): PlaceResult {
  return { ok: false, failure };
}

/** The mark-price rule of a non-reduce-only derivative create (docs/injective.md#derivative-orders-and-margin). */
function meetsMarkPrice(market: Market, order: SimOrderToCreate, margin: Decimal, mark: Decimal): boolean {
  const threshold = markPriceThreshold({ side: order.side, price: order.price, quantity: order.quantity, margin }, market.initialMarginRatio ?? new Dec(0));
  return meetsMarkPriceThreshold(order.side, threshold, mark);
}

function validateAmounts(market: Market, order: SimOrderToCreate): OrderFailureKind | null {
  if (!order.price.isFinite() || order.price.lte(0)) return 'PRICE_NOT_POSITIVE';
  if (!isOnTick(order.price, market.priceTick)) return 'PRICE_OFF_TICK';
  if (!order.quantity.isFinite() || order.quantity.lte(0)) return 'QUANTITY_NOT_POSITIVE';
  if (!isOnTick(order.quantity, market.quantityTick)) return 'QUANTITY_OFF_TICK';
  if (!meetsMinNotional(market, order.price, order.quantity)) return 'MIN_NOTIONAL';
  return null;
}

/** Would an order of `side` at price key `key` trade against the book right away? */
function crosses(book: OrderBook, side: Side, key: bigint): boolean {
  const best = book.best(side === 'buy' ? 'sell' : 'buy');
  if (!best) return false;
  return side === 'buy' ? best.key <= key : best.key >= key;
}

function priceCrosses(taker: BookOrder, maker: BookOrder): boolean {
  return taker.side === 'buy' ? maker.key <= taker.key : maker.key >= taker.key;
}

function toOpenOrder(o: BookOrder): SimOpenOrder {
  return {
    orderHash: o.hash,
    cid: o.cid,
    marketId: o.marketId,
    subaccountId: o.subaccountId,
    side: o.side,
    price: o.price,
    quantity: o.quantity,
    fillable: o.fillable,
    margin: o.margin,
    createdHeight: o.createdHeight,
  };
}

function snapshotOrder(o: BookOrder): string[] {
  return [o.hash, o.subaccountId, o.side, toDecimalString(o.price), toDecimalString(o.fillable)];
}
