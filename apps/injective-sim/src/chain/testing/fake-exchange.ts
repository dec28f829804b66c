import { createHash } from 'node:crypto';
import type Decimal from 'decimal.js';
import { Dec, type Market } from '@mirrorbook/market';
import type {
  ExchangePort,
  SimBatch,
  SimBatchResult,
  SimBlockRules,
  SimDeposit,
  SimOpenOrder,
  SimPosition,
  SimPriceLevel,
} from '../../exchange/exchange.port';
import { NORMAL_BLOCK_RULES } from '../../exchange/exchange.port';

/**
 * TEST DOUBLE of `ExchangePort` for the chain's unit tests: records what the chain hands it,
 * keeps plain balances, "creates" every order whose cid does not start with `fail` (hash =
 * sha256 of height, subaccount and cid), and throws from `applyBatch` when told to. No matching.
 */
export class FakeExchange implements ExchangePort {
  readonly applied: { batch: SimBatch; height: number; rules: SimBlockRules }[] = [];
  readonly blocks: number[] = [];
  /** set to make the next `applyBatch` calls throw this */
  throwOnApply: Error | null = null;
  private readonly balances = new Map<string, Map<string, Decimal>>();
  private readonly resting = new Map<string, SimOpenOrder[]>();

  constructor(private readonly marketList: Market[]) {}

  markets(): Market[] {
    return this.marketList;
  }

  market(marketId: string): Market | undefined {
    return this.marketList.find((m) => m.id === marketId);
  }

  applyBatch(batch: SimBatch, height: number, rules: SimBlockRules = NORMAL_BLOCK_RULES): SimBatchResult {
    if (this.throwOnApply) throw this.throwOnApply;
    this.applied.push({ batch, height, rules });
    const result: SimBatchResult = {
      spotCancelSuccess: batch.spotOrdersToCancel.map(() => true),
      derivativeCancelSuccess: batch.derivativeOrdersToCancel.map(() => true),
      spotOrderHashes: [],
      derivativeOrderHashes: [],
      createdOrdersCids: [],
      failedOrdersCids: [],
      failures: [],
      fills: [],
    };
    const lists: [SimBatch['spotOrdersToCreate'], string[]][] = [
      [batch.spotOrdersToCreate, result.spotOrderHashes],
      [batch.derivativeOrdersToCreate, result.derivativeOrderHashes],
    ];
    for (const [orders, hashes] of lists) {
      for (const order of orders) {
        if (order.cid.startsWith('fail')) {
          result.failedOrdersCids.push(order.cid);
          result.failures.push({ cid: order.cid, code: 16, reason: 'price must be a multiple of the minimum price tick size' });
          continue;
        }
        const hash = `0x${createHash('sha256').update(`${height}|${batch.subaccountId}|${order.cid}|${hashes.length}`).digest('hex')}`;
        hashes.push(hash);
        result.createdOrdersCids.push(order.cid);
        const key = `${order.marketId}|${batch.subaccountId}`;
        const list = this.resting.get(key) ?? [];
        list.push({
          orderHash: hash,
          cid: order.cid,
          marketId: order.marketId,
          subaccountId: batch.subaccountId,
          side: order.side,
          price: order.price,
          quantity: order.quantity,
          fillable: order.quantity,
          margin: order.margin,
          createdHeight: height,
        });
        this.resting.set(key, list);
      }
    }
    return result;
  }

  onBlock(height: number): void {
    this.blocks.push(height);
  }

  orderbook(): { buys: SimPriceLevel[]; sells: SimPriceLevel[] } {
    return { buys: [], sells: [] };
  }

  bookSequence(): number {
    return 0;
  }

  openOrders(marketId: string, subaccountId: string): SimOpenOrder[] {
    return this.resting.get(`${marketId}|${subaccountId}`) ?? [];
  }

  deposits(subaccountId: string): Map<string, SimDeposit> {
    const out = new Map<string, SimDeposit>();
    for (const [denom, amount] of this.balances.get(subaccountId) ?? []) out.set(denom, { available: amount, total: amount });
    return out;
  }

  positions(): SimPosition[] {
    return [];
  }

  credit(subaccountId: string, denom: string, amount: Decimal): void {
    const byDenom = this.balances.get(subaccountId) ?? new Map<string, Decimal>();
    byDenom.set(denom, (byDenom.get(denom) ?? new Dec(0)).add(amount));
    this.balances.set(subaccountId, byDenom);
  }

  debit(subaccountId: string, denom: string, amount: Decimal): boolean {
    const current = this.balances.get(subaccountId)?.get(denom) ?? new Dec(0);
    if (current.lt(amount)) return false;
    this.balances.get(subaccountId)!.set(denom, current.sub(amount));
    return true;
  }
}
