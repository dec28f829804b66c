import type Decimal from 'decimal.js';
import fc from 'fast-check';
import type { CreateOrderAction } from '@mirrorbook/contracts';
import { bestPrices, bookQuality, Dec, depthWithin, midPrice, QUALITY_BANDS_BPS, roundPrice, roundQuantity, type BookSides, type Market, type Side } from '@mirrorbook/market';
import { planCycle, type CyclePlan, type PlanCycleInput } from './cycle.planner';
import { levelsPerBand } from './depth-curve.planner';
import type { OwnOrder } from './own-order.model';
import { createSeededRng } from './seeded-rng.factory';
import { compileParams } from './strategy-params.compiler';
import { cancels, creates, cycleInput, fixtureMarket, hash, NOW, ofSide, params } from './testing/strategy.fixtures';

const INJ = fixtureMarket('INJ/USDT');

/** A mainnet book like the sim's synthetic depth: level i at half × growth^i from the mid, size base × 1.1^i. */
function syntheticBook(market: Market, mid: Decimal.Value, levels = 20, halfSpread = 0.00025, growth = 1.25, base = 5): BookSides {
  const m = new Dec(mid);
  const side = (s: Side) =>
    Array.from({ length: levels }, (_, i) => {
      const offset = halfSpread * growth ** i;
      const price = roundPrice(market, s, m.mul(s === 'buy' ? 1 - offset : 1 + offset));
      return { price: price.toFixed(), quantity: roundQuantity(market, base * 1.1 ** i).toFixed() };
    });
  return { bids: side('buy'), asks: side('sell') };
}

/** The plan's creates as a book (one level per order: the planner never puts two on one price). */
function plannedBook(plan: Pick<CyclePlan, 'actions'>): BookSides {
  const levels = (side: Side) => ofSide(creates(plan), side).map((o) => ({ price: o.price, quantity: o.quantity }));
  return { bids: levels('buy'), asks: levels('sell') };
}

function curveInput(book: BookSides, overrides: Partial<PlanCycleInput> = {}): PlanCycleInput {
  return cycleInput({ reference: { price: midPrice(book)!, seq: 7 }, referenceBook: book, ...overrides });
}

/** The book of `own` once `plan` applied: the orders it did not cancel and its creates. */
function bookAfter(own: readonly OwnOrder[], plan: Pick<CyclePlan, 'actions'>): BookSides {
  const gone = new Set(cancels(plan).map((c) => c.orderHash));
  const kept = own.filter((o) => !gone.has(o.orderHash));
  const created = plannedBook(plan);
  const levels = (side: Side, from: BookSides['bids']) => [
    ...kept.filter((o) => o.side === side).map((o) => ({ price: new Dec(o.price).toFixed(), quantity: new Dec(o.quantity).toFixed() })),
    ...from,
  ];
  const byPrice = (side: Side) => (a: { price: Decimal.Value }, b: { price: Decimal.Value }) => (side === 'buy' ? new Dec(b.price).cmp(a.price) : new Dec(a.price).cmp(b.price));
  return { bids: levels('buy', created.bids).sort(byPrice('buy')), asks: levels('sell', created.asks).sort(byPrice('sell')) };
}

/** The bot's orders after the plan's creates landed (what the next cycle sees). */
function landed(plan: Pick<CyclePlan, 'actions'>): OwnOrder[] {
  return creates(plan).map((o: CreateOrderAction, i) => ({ orderHash: hash(i + 1), side: o.side, price: new Dec(o.price), quantity: new Dec(o.quantity), createdAtMs: NOW - 1000 }));
}

const notional = (orders: readonly CreateOrderAction[]) => orders.reduce((sum, o) => sum.add(new Dec(o.price).mul(o.quantity)), new Dec(0));
const quantity = (orders: readonly CreateOrderAction[]) => orders.reduce((sum, o) => sum.add(o.quantity), new Dec(0));

/** A random mainnet book on `market`'s ticks around `mid`: best levels 0.5–40 bps out, gaps growing, notionals 1–5 000. */
function randomBook(market: Market, mid: Decimal) {
  const side = (s: Side) =>
    fc
      .record({
        innerBps: fc.double({ min: 0.5, max: 40, noNaN: true }),
        gaps: fc.array(fc.double({ min: 0.2, max: 60, noNaN: true }), { minLength: 0, maxLength: 59 }),
        notionals: fc.array(fc.double({ min: 1, max: 5000, noNaN: true }), { minLength: 60, maxLength: 60 }),
      })
      .map(({ innerBps, gaps, notionals }) => {
        const levels = new Map<string, string>();
        let bps = innerBps;
        for (const [i, gap] of [0, ...gaps].entries()) {
          bps += gap;
          if (bps > 500) break;
          const price = roundPrice(market, s, mid.mul(1 + ((s === 'buy' ? -1 : 1) * bps) / 10_000));
          const q = roundQuantity(market, new Dec(notionals[i]!).div(price));
          if (q.gt(0) && !levels.has(price.toFixed())) levels.set(price.toFixed(), q.toFixed());
        }
        return [...levels].map(([price, quantity]) => ({ price, quantity }));
      });
  return fc.record({ bids: side('buy'), asks: side('sell') });
}

const MARKETS = [
  { market: INJ, mid: new Dec(25) },
  { market: fixtureMarket('ATOM/USDT'), mid: new Dec('4.8') },
  { market: fixtureMarket('BTC/USDT PERP', 'mainnet', 'derivative'), mid: new Dec(95_000) },
];

const anyCase = fc
  .constantFrom(...MARKETS)
  .chain(({ market, mid }) => fc.record({ market: fc.constant(market), book: randomBook(market, mid), scale: fc.constantFrom('0.05', '0.3', '1', '2'), seed: fc.integer() }))
  .filter(({ book }) => book.bids.length > 0 && book.asks.length > 0);

function planOf({ market, book, scale, seed }: { market: Market; book: BookSides; scale: string; seed: number }, funds: Partial<PlanCycleInput> = {}): CyclePlan {
  const account = market.type === 'spot' ? {} : { balances: undefined, position: new Dec(0) };
  return planCycle(
    curveInput(book, { market, params: params({ depthScale: scale, maxNetPosition: '100000000', baseSize: '10000' }), rng: createSeededRng(seed), ...account, ...funds }),
  );
}

describe('the depth curve (a mainnet book to mirror)', () => {
  describe('for random mainnet books on INJ/USDT, ATOM/USDT and BTC/USDT PERP with ample funds', () => {
    // Tolerance. Below: a mainnet level within two ticks inside a band's edge may land outside it on
    // the testnet (each band's last level keeps one tick inside the edge, prices round away from the
    // reference, and a band with no tick left carries its depth to the next band), so the lower
    // bound is mainnet's depth within the band narrowed by two ticks; and a band's increment too
    // small to pay the smallest order (the min notional or one quantity tick, whichever is more)
    // is carried too (< one smallest order short). Above: a level the jitter sizes below the
    // smallest order is lifted to it (≤ one smallest order per level), and so is the single order
    // of a side whose whole target is below it. Rounding
    // quantities down is corrected against the cumulative target: < one quantity tick at the band
    // edge's price, either way. Jitter moves sizes and gaps within a band, never its total.
    it('plans a cumulative depth per band within the tolerance of mainnet × depthScale', () => {
      fc.assert(
        fc.property(anyCase, (c) => {
          const planned = plannedBook(planOf(c));
          const mid = midPrice(c.book)!;
          const scale = new Dec(c.scale);
          const quality = bookQuality(planned, c.book, { depthScale: scale });
          const twoTicks = c.market.priceTick.mul(2).div(mid).mul(100);
          for (const band of quality.depth) {
            const pct = new Dec(band.bandBps).div(100);
            const narrowed = depthWithin(c.book, mid, Dec.max(pct.sub(twoTicks), 0));
            for (const [of, side] of [['bids', 'buy'], ['asks', 'sell']] as const) {
              const within = depthWithin(planned, mid, pct)[of].levels;
              const edgePrice = mid.mul(pct.div(100).add(1));
              const smallest = Dec.max(c.market.minNotional, edgePrice.mul(c.market.quantityTick));
              const slack = smallest.mul(within + 1).add(edgePrice.mul(c.market.quantityTick));
              const target = band.mainnet![of].mul(scale);
              const got = band.testnet![of];
              expect({ side, band: band.bandBps, got: got.toFixed(2), ok: got.lte(target.add(slack)) && got.gte(narrowed[of].quoteNotional.mul(scale).sub(slack)) }).toEqual({
                side,
                band: band.bandBps,
                got: got.toFixed(2),
                ok: true,
              });
            }
          }
        }),
        { numRuns: 150 },
      );
    });

    it('never quotes inside mainnet’s spread', () => {
      fc.assert(
        fc.property(anyCase, (c) => {
          const mainnet = bestPrices(c.book);
          const planned = bestPrices(plannedBook(planOf(c)));
          expect(planned.bestBid!.lte(mainnet.bestBid!)).toBe(true);
          expect(planned.bestAsk!.gte(mainnet.bestAsk!)).toBe(true);
        }),
        { numRuns: 150 },
      );
    });
  });

  describe('for random mainnet books and random funds', () => {
    const spotCase = fc.record({
      book: randomBook(INJ, new Dec(25)),
      scale: fc.constantFrom('0.3', '1', '2'),
      seed: fc.integer(),
      base: fc.double({ min: 0, max: 3000, noNaN: true }),
      quote: fc.double({ min: 0, max: 50_000, noNaN: true }),
    });

    it('never commits more than the spot balances', () => {
      fc.assert(
        fc.property(spotCase, ({ book, scale, seed, base, quote }) => {
          const balances = { base: new Dec(base.toFixed(3)), quote: new Dec(quote.toFixed(3)) };
          const plan = planOf({ market: INJ, book, scale, seed }, { balances });
          const fee = Dec.max(INJ.makerFeeRate, INJ.takerFeeRate, 0).add(1);
          expect(notional(ofSide(creates(plan), 'buy')).mul(fee).lte(balances.quote)).toBe(true);
          expect(quantity(ofSide(creates(plan), 'sell')).lte(balances.base)).toBe(true);
        }),
        { numRuns: 100 },
      );
    });

    it('never lets a derivative position pass maxNetPosition', () => {
      const perp = fixtureMarket('INJ/USDT PERP', 'mainnet', 'derivative');
      const perpCase = fc.record({ book: randomBook(perp, new Dec(25)), seed: fc.integer(), max: fc.integer({ min: 1, max: 2000 }), position: fc.integer({ min: -50, max: 50 }) });
      fc.assert(
        fc.property(perpCase, ({ book, seed, max, position }) => {
          const plan = planCycle(
            curveInput(book, { market: perp, balances: undefined, position: new Dec(position), params: params({ maxNetPosition: String(max) }), rng: createSeededRng(seed) }),
          );
          const growing = (side: Side) => quantity(ofSide(creates(plan), side).filter((o) => !o.reduceOnly));
          const reducing = quantity(creates(plan).filter((o) => o.reduceOnly));
          expect(growing('buy').lte(Math.max(0, max - position))).toBe(true);
          expect(growing('sell').lte(Math.max(0, max + position))).toBe(true);
          expect(reducing.lte(Math.abs(position))).toBe(true);
        }),
        { numRuns: 100 },
      );
    });
  });

  describe('when the sim-like mainnet book is mirrored at depthScale 0.5 on INJ/USDT at 25', () => {
    const book = syntheticBook(INJ, 25);
    const plan = planCycle(curveInput(book, { params: params({ depthScale: '0.5' }) }));

    it('quotes at mainnet’s best bid and ask', () => {
      expect(bestPrices(plannedBook(plan))).toEqual(bestPrices(book));
    });

    it('carries half of mainnet’s depth in every band with depth', () => {
      const quality = bookQuality(plannedBook(plan), book, { depthScale: '0.5' });
      for (const band of quality.depth) {
        expect(band.ratio.bids!.toNumber()).toBeCloseTo(1, 1);
        expect(band.ratio.asks!.toNumber()).toBeCloseTo(1, 1);
      }
    });

    it('replays the same plan from the same seed, and jitters sizes with another', () => {
      const again = planCycle(curveInput(book, { params: params({ depthScale: '0.5' }) }));
      const other = planCycle(curveInput(book, { params: params({ depthScale: '0.5' }), rng: createSeededRng(99) }));
      expect(again.actions).toEqual(plan.actions);
      expect(creates(other).map((o) => o.quantity)).not.toEqual(creates(plan).map((o) => o.quantity));
    });

    it('plans nothing the next cycle while mainnet’s book stays the same (another seed)', () => {
      const next = planCycle(curveInput(book, { params: params({ depthScale: '0.5' }), ownOrders: landed(plan), rng: createSeededRng(12345) }));
      expect(next.actions).toEqual([]);
    });

    it('cancels an own bid inside mainnet’s spread at once', () => {
      const tight: OwnOrder = { orderHash: hash(999), side: 'buy', price: new Dec('24.999'), quantity: new Dec(1), createdAtMs: NOW - 1000 };
      const next = planCycle(curveInput(book, { params: params({ depthScale: '0.5' }), ownOrders: [...landed(plan), tight] }));
      expect(cancels(next).map((c) => c.orderHash)).toEqual([hash(999)]);
      expect(next.notes).toContain("1 quotes inside mainnet's spread cancelled");
    });
  });

  describe('when mainnet’s levels are larger than the largest order (maxOrderSize 10 × baseSize 1)', () => {
    const book = syntheticBook(INJ, 25);
    const plan = planCycle(curveInput(book));

    it('caps every order at 10 INJ and keeps at most maxOrdersPerSide (40) a side', () => {
      expect(creates(plan).every((o) => new Dec(o.quantity).lte(10))).toBe(true);
      expect(ofSide(creates(plan), 'buy').length).toBeLessThanOrEqual(40);
      expect(ofSide(creates(plan), 'sell').length).toBeLessThanOrEqual(40);
    });

    it('places more levels where the depth needs them and still carries mainnet’s depth in every band', () => {
      const quality = bookQuality(plannedBook(plan), book);
      for (const band of quality.depth) {
        expect(band.ratio.bids!.toNumber()).toBeCloseTo(1, 1);
        expect(band.ratio.asks!.toNumber()).toBeCloseTo(1, 1);
      }
    });
  });

  describe('when mainnet’s book changes shape under a full curve (depthScale 0.5)', () => {
    const before = syntheticBook(INJ, 25);
    const plan = planCycle(curveInput(before, { params: params({ depthScale: '0.5' }) }));
    const resting = landed(plan);
    const next = (book: BookSides, own = resting) => planCycle(curveInput(book, { params: params({ depthScale: '0.5' }), ownOrders: own, rng: createSeededRng(4242) }));

    it('plans nothing while it keeps its shape, though a replan draws other sizes', () => {
      expect(next(before).actions).toEqual([]);
    });

    it('follows a doubled depth: the bands are placed again at the new sizes, each within the depth tolerance (0.25) of half of it', () => {
      const deeper = syntheticBook(INJ, 25, 20, 0.00025, 1.25, 10);
      const followed = next(deeper);
      expect(followed.notes.some((n) => n.endsWith('quotes resized: their depth band was off mainnet’s × depthScale by more than the tolerance'))).toBe(true);
      const quality = bookQuality(bookAfter(resting, followed), deeper, { depthScale: '0.5' });
      for (const band of quality.depth) {
        for (const ratio of [band.ratio.bids!, band.ratio.asks!]) expect({ band: band.bandBps, off: ratio.sub(1).abs().lte('0.25') }).toEqual({ band: band.bandBps, off: true });
      }
    });

    it('follows a wider spread: the quotes inside mainnet’s new best prices go, the new best levels sit at them', () => {
      const wider = syntheticBook(INJ, 25, 20, 0.001);
      const followed = next(wider);
      expect(cancels(followed).length).toBeGreaterThan(0);
      expect(bestPrices(bookAfter(resting, followed))).toEqual(bestPrices(wider));
    });

    it('keeps the curve when maintenance is due: no tier freshening (small orders, cancels of the oldest), the curve’s missing levels placed', () => {
      const landedBook = bookAfter(resting, { actions: [] });
      const testnet = { bids: landedBook.bids.map((l) => ({ price: new Dec(l.price).toFixed(), quantity: new Dec(l.quantity).toFixed() })), asks: landedBook.asks.map((l) => ({ price: new Dec(l.price).toFixed(), quantity: new Dec(l.quantity).toFixed() })), orderCount: resting.length, seq: 9, height: 1 };
      const due = (own: OwnOrder[]) => planCycle(curveInput(before, { params: params({ depthScale: '0.5' }), book: testnet, ownOrders: own, rng: createSeededRng(4242) }));
      expect(due(resting).phase).toBe('MAINTENANCE');
      expect(due(resting).actions).toEqual([]);
      const missing = resting.filter((o) => !(o.side === 'buy' && new Dec(o.price).eq(bestPrices(before).bestBid!)));
      const upkeep = due(missing);
      expect(upkeep.phase).toBe('MAINTENANCE');
      expect(cancels(upkeep)).toEqual([]);
      expect(creates(upkeep).map((o) => `${o.side} ${o.price}`)).toEqual([`buy ${bestPrices(before).bestBid!.toFixed()}`]);
    });

    it('resizes an off band also while maintenance waits (price following only)', () => {
      const deeper = syntheticBook(INJ, 25, 20, 0.00025, 1.25, 10);
      const landedBook = bookAfter(resting, { actions: [] });
      const level = (l: { price: Decimal.Value; quantity: Decimal.Value }) => ({ price: new Dec(l.price).toFixed(), quantity: new Dec(l.quantity).toFixed() });
      const testnet = { bids: landedBook.bids.map(level), asks: landedBook.asks.map(level), orderCount: resting.length, seq: 9, height: 1 };
      const waiting = planCycle(
        curveInput(deeper, { params: params({ depthScale: '0.5' }), book: testnet, ownOrders: resting, rng: createSeededRng(4242), cycle: { index: 3, stage: 0, maintainedAtMs: NOW - 1000 } }),
      );
      expect(waiting.maintenanceDueAtMs).toBeDefined();
      expect(waiting.notes.some((n) => n.endsWith('quotes resized: their depth band was off mainnet’s × depthScale by more than the tolerance'))).toBe(true);
      // the resized levels are placed at once; levels the deeper curve adds wait for maintenance
      const inner = bookQuality(bookAfter(resting, waiting), deeper, { depthScale: '0.5' }).depth.find((b) => b.bandBps === 10)!;
      for (const ratio of [inner.ratio.bids!, inner.ratio.asks!]) expect(ratio.sub(1).abs().lte('0.25')).toBe(true);
    });

    it('follows a wider and thinner book (4 × the spread, half the depth): quotes inside it and beyond the curve go, every band from 25 bps within ± 30 %', () => {
      const start = syntheticBook(INJ, 25, 24);
      const thinner = syntheticBook(INJ, 25, 24, 0.001, 1.25, 2.5);
      const full = landed(planCycle(curveInput(start, { params: params({ depthScale: '1' }) })));
      const followed = planCycle(curveInput(thinner, { params: params({ depthScale: '1' }), ownOrders: full, rng: createSeededRng(4242) }));
      expect(followed.notes.some((n) => n.includes('quotes beyond the depth curve cancelled'))).toBe(true);
      const quality = bookQuality(bookAfter(full, followed), thinner, { depthScale: '1' });
      expect(quality.spreadRatio!.toNumber()).toBeCloseTo(1, 2);
      for (const band of quality.depth.filter((b) => b.bandBps >= 25)) {
        for (const ratio of [band.ratio.bids!, band.ratio.asks!]) expect({ band: band.bandBps, within: ratio.sub(1).abs().lte('0.3') }).toEqual({ band: band.bandBps, within: true });
      }
    });

    it('refills a band whose orders a taker ate into', () => {
      const eaten = resting.map((o) => (o.side === 'sell' && new Dec(o.price).lt('25.025') ? { ...o, quantity: new Dec(o.quantity).div(4).toDecimalPlaces(3, Dec.ROUND_DOWN) } : o));
      const refilled = next(before, eaten);
      const asks = ofSide(creates(refilled), 'sell');
      expect(asks.length).toBeGreaterThan(0);
      expect(asks.every((o) => new Dec(o.price).lte('25.025'))).toBe(true);
      expect(ofSide(creates(refilled), 'buy')).toEqual([]);
    });
  });

  describe('when mainnet moves 3 bps under a full ETH/USDT PERP curve whose funds bind (baseSize 0.1, maxNetPosition 5)', () => {
    const ETH = fixtureMarket('ETH/USDT PERP', 'testnet', 'derivative');
    const ethParams = params({ baseSize: '0.1', maxNetPosition: '5' });
    const at = (mid: string, own: OwnOrder[] = [], seed = 1) =>
      planCycle(curveInput(syntheticBook(ETH, mid, 24), { market: ETH, params: ethParams, balances: undefined, position: new Dec(0), ownOrders: own, rng: createSeededRng(seed) }));
    const resting = landed(at('3000'));
    const moved = at('3000.9', resting, 4242);

    it('re-places the quotes the move left inside mainnet’s spread, and resizes no band for them', () => {
      expect(moved.notes.some((n) => n.includes('quotes inside mainnet'))).toBe(true);
      expect(moved.notes.filter((n) => n.includes('quotes resized'))).toEqual([]);
    });

    it('cancels well under half the curve (24 of 80; 47 when the levels left stale made their bands look short and every holder went)', () => {
      expect(cancels(moved).length).toBeLessThan(resting.length * 0.35);
    });
  });

  describe('when mainnet jumps 10 % under a full curve of 80 resting orders', () => {
    const plan = planCycle(curveInput(syntheticBook(INJ, 25)));
    const resting = landed(plan);
    const jumped = planCycle(curveInput(syntheticBook(INJ, '27.5'), { ownOrders: resting }));

    it('replaces the whole book in one plan: one cancel-all, then every create of the new curve (a cancel each made 160 actions, over the executor’s 150, and 10 creates waited a cycle)', () => {
      expect(resting).toHaveLength(80);
      expect(jumped.actions[0]).toEqual({ type: 'cancelAll' });
      expect(jumped.actions.filter((a) => a.type === 'cancel')).toEqual([]);
      expect(creates(jumped)).toHaveLength(80);
      expect(jumped.notes.filter((n) => n.includes('left for the next cycle'))).toEqual([]);
    });

    describe('with room for 40 actions a plan', () => {
      const small = params({ maxActionsPerPlan: 40 });
      const capped = planCycle(curveInput(syntheticBook(INJ, '27.5'), { ownOrders: resting, params: small }));

      it('keeps the cancel-all and the creates nearest the reference; the rest wait for the next cycle', () => {
        expect(capped.actions).toHaveLength(40);
        expect(capped.actions[0]).toEqual({ type: 'cancelAll' });
        expect(capped.notes).toContain('41 creates left for the next cycle: a plan carries at most 40 actions');
        const nearest = (side: Side) => ofSide(creates(capped), side).map((o) => new Dec(o.price).sub('27.5').abs().toNumber());
        for (const side of ['buy', 'sell'] as const) expect(nearest(side)).toEqual([...nearest(side)].sort((x, y) => x - y));
      });

      it('places the deferred creates the cycle after', () => {
        const placed = landed(capped);
        const next = planCycle(curveInput(syntheticBook(INJ, '27.5'), { ownOrders: placed, params: small, rng: createSeededRng(777) }));
        expect(creates(next).length).toBeGreaterThanOrEqual(10);
        expect(next.actions.length).toBeLessThanOrEqual(40);
      });
    });
  });

  describe('when the quote balance pays for a fifth of the bid curve', () => {
    const book = syntheticBook(INJ, 25);
    const bidDepth = depthWithin(book, 25, 5).bids.quoteNotional;
    const quote = bidDepth.div(5).toDecimalPlaces(3);
    const plan = planCycle(curveInput(book, { balances: { base: new Dec(100_000), quote } }));
    const quality = bookQuality(plannedBook(plan), book);

    it('says so in the notes', () => {
      expect(plan.notes.some((n) => n.startsWith('funds bind: the buy depth curve scaled to'))).toBe(true);
    });

    it('scales the whole bid curve down alike instead of dropping the outer bands', () => {
      const ratios = quality.depth.map((b) => b.ratio.bids!.toNumber());
      for (const r of ratios) expect(r).toBeGreaterThan(0.17);
      for (const r of ratios) expect(r).toBeLessThanOrEqual(0.2);
    });

    it('keeps the ask curve whole', () => {
      for (const band of quality.depth) expect(band.ratio.asks!.toNumber()).toBeCloseTo(1, 1);
    });

    it('commits no more than the quote balance', () => {
      expect(notional(ofSide(creates(plan), 'buy')).lte(quote)).toBe(true);
    });
  });

  describe('without a mainnet book', () => {
    const plan = planCycle(cycleInput());

    it('builds the configured tiers, 27 levels a side', () => {
      expect(ofSide(creates(plan), 'buy')).toHaveLength(27);
      expect(ofSide(creates(plan), 'sell')).toHaveLength(27);
    });

    it('says so in the notes', () => {
      expect(plan.notes).toContain('no mainnet book: configured tiers');
    });
  });

  describe('with a one-sided mainnet book', () => {
    const book = syntheticBook(INJ, 25);
    const plan = planCycle(cycleInput({ referenceBook: { bids: book.bids, asks: [] } }));

    it('falls back to the configured tiers and says why', () => {
      expect(ofSide(creates(plan), 'buy')).toHaveLength(27);
      expect(plan.notes).toContain('mainnet book one-sided or crossed: configured tiers');
    });
  });

  it('lays the default tiers’ 27 levels over the bands of 10, 25, 50, 100, 200 and 500 bps as 11, 2, 3, 4, 4, 3', () => {
    expect(QUALITY_BANDS_BPS).toEqual([10, 25, 50, 100, 200, 500]);
    expect(levelsPerBand(compileParams(params()).bookBuilding.tiers)).toEqual([11, 2, 3, 4, 4, 3]);
  });
});
