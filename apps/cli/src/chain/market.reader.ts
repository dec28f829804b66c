import type Decimal from 'decimal.js';
import { z } from 'zod';
import type { MarketPair } from '@mirrorbook/config';
import type { NetworkSide, OpenOrder, Position } from '@mirrorbook/injective';
import { Dec, type Market } from '@mirrorbook/market';
import type { Book } from '../book/book.metrics';
import type { CliContext } from '../cli/cli.context';

/** Levels per side read for `compare` (enough for ±5 % on any real book). */
export const BOOK_LEVELS = 500;

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/);

/** `GET …/derivative/markets/{id}`: only the mark price is read here (the rest via `getDerivativeMarket`). */
const derivativeMarkSchema = z
  .object({ market: z.object({ mark_price: decimalText.nullable().optional() }).passthrough() })
  .passthrough();

/** Reads markets, books, orders and positions of one network side through its LCD. */
export class MarketReader {
  constructor(private readonly ctx: CliContext) {}

  /** The pair's book on `side`, up to `levels` levels a side. */
  async book(side: NetworkSide, pair: MarketPair, levels = BOOK_LEVELS): Promise<Book> {
    const lcd = this.ctx.lcd(side.config);
    const id = side.marketId(pair);
    const book = pair.type === 'spot' ? await lcd.getSpotOrderbook(id, levels) : await lcd.getDerivativeOrderbook(id, levels);
    return { bids: book.bids, asks: book.asks };
  }

  /** Mid of the best bid and ask on `side`; null when a side of the book is empty. */
  async mid(side: NetworkSide, pair: MarketPair): Promise<Decimal | null> {
    const lcd = this.ctx.lcd(side.config);
    const id = side.marketId(pair);
    const tob = pair.type === 'spot' ? await lcd.getSpotMidPriceAndTob(id) : await lcd.getDerivativeMidPriceAndTob(id);
    return tob.midPrice;
  }

  /** The market's metadata (ticks, margin ratios) on `side`. */
  market(side: NetworkSide, pair: MarketPair): Promise<Market> {
    const lcd = this.ctx.lcd(side.config);
    const id = side.marketId(pair);
    return pair.type === 'spot' ? lcd.getSpotMarket(id, side.marketNetwork) : lcd.getDerivativeMarket(id, side.marketNetwork);
  }

  /** The chain's mark price of the derivative market `marketId` on `side`; null when it has none. */
  async markPrice(side: NetworkSide, marketId: string): Promise<Decimal | null> {
    const body = await this.ctx.lcd(side.config).getJson(`/injective/exchange/v2/derivative/markets/${marketId}`, derivativeMarkSchema);
    const mark = body.market.mark_price;
    return mark && new Dec(mark).gt(0) ? new Dec(mark) : null;
  }

  /** The subaccount's resting orders on the pair's `side` market. */
  openOrders(side: NetworkSide, pair: MarketPair, subaccountId: string): Promise<OpenOrder[]> {
    const lcd = this.ctx.lcd(side.config);
    const id = side.marketId(pair);
    return pair.type === 'spot' ? lcd.getSpotOpenOrders(id, subaccountId) : lcd.getDerivativeOpenOrders(id, subaccountId);
  }

  /** The subaccount's derivative positions on `side`. */
  positions(side: NetworkSide, subaccountId: string): Promise<Position[]> {
    return this.ctx.lcd(side.config).getSubaccountPositions(subaccountId);
  }
}
