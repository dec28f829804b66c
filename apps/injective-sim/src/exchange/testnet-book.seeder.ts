import type Decimal from 'decimal.js';
import { Dec, type Market } from '@mirrorbook/market';
import type { SeededRng } from '../price/seeded.rng';
import { depthLadder } from './depth.ladder';
import type { ExchangeEngine } from './exchange.engine';
import { internalBatch, internalOrder } from './internal-order.factory';
import type { TestnetInitialState } from './sim-exchange.config';

/**
 * Puts a "testnet" market into its configured initial state: `empty` leaves it alone;
 * `mispriced` rests a ladder of the legacy subaccount around `reference × (1 + offset)`, so a bot
 * has to trade through it to bring the market to the mainnet price. Returns the orders placed.
 */
export function seedTestnetBook(
  engine: ExchangeEngine,
  market: Market,
  reference: Decimal,
  state: TestnetInitialState,
  legacySubaccountId: string,
  rng: SeededRng,
  height: number,
): number {
  if (state.kind === 'empty') return 0;
  const centre = reference.mul(new Dec(state.offset).add(1));
  const orders = depthLadder(market, centre, state.ladder, rng).map((o) => internalOrder(market, o.side, o.price, o.quantity));
  const result = engine.applyBatch(internalBatch(market, legacySubaccountId, orders, false), height);
  return result.createdOrdersCids.length;
}
