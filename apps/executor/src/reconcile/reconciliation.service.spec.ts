import type { OrderEvent, StoredOrder } from '@mirrorbook/contracts';
import type { OpenOrder, OpenOrdersAtHeight } from '@mirrorbook/injective';
import { Dec } from '@mirrorbook/market';
import type { StoredOrderChanges } from '../batch/batch-outcome.mapper';
import { testnetMarket } from '../testing/market.fixture';
import { ReconciliationService } from './reconciliation.service';

const MARKET = 'inj-usdt';
const markets = new Map([[MARKET, testnetMarket(MARKET)]]);
const hash = (b: string) => `0x${b.repeat(32)}`;
const stored = (b: string, height: number | null): StoredOrder => ({ orderHash: hash(b), cid: `c-${b}`, side: 'buy', price: '9.5', quantity: '1', createdAt: 1, height });
const onChain = (order: StoredOrder): OpenOrder => ({
  orderHash: order.orderHash,
  cid: order.cid,
  side: order.side,
  price: new Dec(order.price),
  quantity: new Dec(order.quantity),
  fillable: new Dec(order.quantity),
  margin: null,
});

/** One market's store, a node answering the queued reads in turn (the last one again), the events published and the pauses taken. */
class World {
  readonly orders = new Map<string, StoredOrder>();
  readonly events: OrderEvent[] = [];
  readonly sleeps: number[] = [];
  reads: OpenOrdersAtHeight[] = [];
  lastOwnTxHeight = 0;
  readCount = 0;

  readonly service = new ReconciliationService(
    {
      openOrders: async () => {
        this.readCount += 1;
        return this.reads.length > 1 ? this.reads.shift()! : this.reads[0]!;
      },
    },
    {
      orders: async () => [...this.orders.values()],
      applyOrderChanges: async (changes: ReadonlyMap<string, StoredOrderChanges>) => {
        for (const { upsert, remove } of changes.values()) {
          for (const hash of remove) this.orders.delete(hash);
          for (const order of upsert) this.orders.set(order.orderHash, order);
        }
      },
    },
    { orderEvents: async (events) => void this.events.push(...events) },
    {
      wallet: 'w1',
      subaccountId: `0x${'ab'.repeat(32)}`,
      orphanPolicy: 'cancel',
      lastOwnTxHeight: () => this.lastOwnTxHeight,
      staleReadRetries: 2,
      staleReadRetryMs: 700,
      sleep: async (ms) => void this.sleeps.push(ms),
    },
  );

  store(...orders: StoredOrder[]): void {
    for (const o of orders) this.orders.set(o.orderHash, o);
  }

  kinds(): string[] {
    return this.events.map((e) => `${e.kind} ${e.cid}`);
  }
}

describe('ReconciliationService', () => {
  describe('when the node answers from before the last tx of the wallet', () => {
    it('reads again, and acts on the first read at or after that height', async () => {
      const w = new World();
      const old = stored('01', 4);
      w.store(old);
      w.lastOwnTxHeight = 10;
      w.reads = [{ orders: [], height: 8 }, { orders: [onChain(old)], height: 10 }];
      const result = await w.service.reconcile(markets);
      expect([w.readCount, w.sleeps]).toEqual([2, [700]]);
      expect(result.skipped).toEqual([]);
      expect(w.events).toEqual([]);
    });

    it('leaves the market alone when every read is behind: no event, no drop, no cancel of an order it does not know', async () => {
      const w = new World();
      const fresh = stored('02', 12);
      w.store(fresh);
      // the lagging node lists neither the order created at 12 nor the cancel that took another away
      const cancelledSince = { ...onChain(stored('03', 3)), cid: 'cancelled-at-12' };
      w.reads = [{ orders: [cancelledSince], height: 11 }];
      for (let pass = 0; pass < 3; pass++) {
        const result = await w.service.reconcile(markets);
        expect(result).toEqual({ cancel: new Map(), adopted: 0, gone: 0, partlyFilled: 0, skipped: [MARKET] });
      }
      expect([w.readCount, w.sleeps.length]).toEqual([9, 6]);
      expect(w.events).toEqual([]);
      expect([...w.orders.keys()]).toEqual([fresh.orderHash]);
    });

    it('treats a read without a height as behind', async () => {
      const w = new World();
      w.store(stored('04', 2));
      w.reads = [{ orders: [], height: null }];
      expect((await w.service.reconcile(markets)).skipped).toEqual([MARKET]);
      expect(w.orders.size).toBe(1);
    });
  });

  describe('when a stored order is not on chain', () => {
    it('reports it closed (not filled) at once when the read is from its block or later', async () => {
      const w = new World();
      w.store(stored('05', 3));
      w.reads = [{ orders: [], height: 20 }];
      expect((await w.service.reconcile(markets)).gone).toBe(1);
      expect(w.kinds()).toEqual(['closed c-05']);
      expect(w.events[0]!.reason).toContain('no fill seen');
      expect(w.orders.size).toBe(0);
    });

    it('keeps one of unknown block (adopted) after one pass and drops it after the second, a skipped pass not counted', async () => {
      const w = new World();
      w.store({ ...stored('06', 3), height: null });
      w.lastOwnTxHeight = 20;
      w.reads = [{ orders: [], height: 20 }];
      await w.service.reconcile(markets);
      expect([w.events, w.orders.size]).toEqual([[], 1]);
      w.lastOwnTxHeight = 30;
      w.reads = [{ orders: [], height: 25 }];
      await w.service.reconcile(markets);
      expect([w.events, w.orders.size]).toEqual([[], 1]);
      w.reads = [{ orders: [], height: 30 }];
      await w.service.reconcile(markets);
      expect(w.kinds()).toEqual(['closed c-06']);
    });
  });
});
