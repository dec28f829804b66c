import type Decimal from 'decimal.js';
import type { OpenOrder } from '@mirrorbook/injective';
import { storedOrderSchema } from '@mirrorbook/contracts';
import { priceGapPct } from '@mirrorbook/market';

/** One open order as `orders` shows it. */
export interface OrderRow {
  readonly wallet: string;
  readonly market: string;
  readonly orderHash: string;
  readonly cid: string | null;
  readonly side: 'buy' | 'sell';
  /** quote per base */
  readonly price: Decimal;
  /** still open (fillable), base units */
  readonly quantity: Decimal;
  /** originally placed, base units */
  readonly originalQuantity: Decimal;
  /** (price − reference) / reference, percent; null without a reference */
  readonly distancePct: Decimal | null;
  /** ms since the executor saw it created; null when no record says */
  readonly ageMs: number | null;
  /** ms since epoch, from `orders:<wallet>:<mk>`; null when unknown */
  readonly createdAt: number | null;
}

/**
 * The `createdAt` of each order hash in a Redis hash `orders:<wallet>:<mk>` (field = order hash,
 * value = StoredOrder JSON). Entries that do not parse are skipped: the age is then unknown,
 * never guessed.
 */
export function createdAtByHash(stored: Readonly<Record<string, string>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [hash, json] of Object.entries(stored)) {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      continue;
    }
    const parsed = storedOrderSchema.safeParse(value);
    if (parsed.success) out.set(hash.toLowerCase(), parsed.data.createdAt);
  }
  return out;
}

/**
 * Rows for one wallet and market: asks from the highest price down, then bids from the highest
 * down (the way a book reads), each with its distance from the reference and its age.
 */
export function buildOrderRows(input: {
  wallet: string;
  market: string;
  orders: readonly OpenOrder[];
  reference: Decimal | null;
  createdAt: ReadonlyMap<string, number>;
  now: number;
}): OrderRow[] {
  const rows = input.orders.map((o): OrderRow => {
    const createdAt = input.createdAt.get(o.orderHash.toLowerCase()) ?? null;
    return {
      wallet: input.wallet,
      market: input.market,
      orderHash: o.orderHash,
      cid: o.cid,
      side: o.side,
      price: o.price,
      quantity: o.fillable,
      originalQuantity: o.quantity,
      distancePct: priceGapPct(o.price, input.reference),
      ageMs: createdAt === null ? null : Math.max(0, input.now - createdAt),
      createdAt,
    };
  });
  const bySide = (side: 'buy' | 'sell') => rows.filter((r) => r.side === side).sort((a, b) => b.price.comparedTo(a.price));
  return [...bySide('sell'), ...bySide('buy')];
}
