import type Decimal from 'decimal.js';
import type { StoredBalances, StoredPositions } from '@mirrorbook/contracts';
import { defaultSubaccountFunds } from '@mirrorbook/injective';
import { Dec, decimalsByDenom, denomCatalog, toDecimalString, type Market } from '@mirrorbook/market';
import type { ChainAccess } from '../chain/chain.access';
import type { WalletStateStore } from './wallet-state.store';

/** Spendable balance per bank denom (bank + deposit available), human units, and the block height it was read at. */
export interface AvailableBalances {
  readonly height: number;
  /** ms since epoch */
  readonly readAt: number;
  readonly available: ReadonlyMap<string, Decimal>;
  /** net position per derivative market key, base units, long positive (a market without one: 0) */
  readonly positions: ReadonlyMap<string, Decimal>;
}

/**
 * Reads the wallet's funds as the chain keeps them — the bank balance plus the default
 * subaccount's deposits (docs/injective.md#balances-and-subaccounts) — and its positions, writes
 * `balances:<wallet>` and `positions:<wallet>` for the strategy and the dashboard, and keeps the
 * last read (balances and positions) for the pre-trade checks, so the chain is asked once per block at most.
 */
export class AccountStateRefresher {
  private last: AvailableBalances | undefined;

  constructor(
    private readonly chain: ChainAccess,
    private readonly store: WalletStateStore,
    private readonly address: string,
    private readonly subaccountId: string,
  ) {}

  /** The last read when it is at most `maxAgeMs` old; read again otherwise. */
  async available(markets: ReadonlyMap<string, Market>, maxAgeMs: number): Promise<AvailableBalances> {
    if (this.last && Date.now() - this.last.readAt <= maxAgeMs) return this.last;
    return this.refresh(markets);
  }

  /** The last read, however old; undefined before the first. */
  get lastRead(): AvailableBalances | undefined {
    return this.last;
  }

  /** Forgets the cached read (a new block changed the balances). */
  invalidate(): void {
    this.last = undefined;
  }

  /** Reads deposits and positions now, stores them in Redis, caches the balances. */
  async refresh(markets: ReadonlyMap<string, Market>, knownHeight?: number): Promise<AvailableBalances> {
    const denoms = denomCatalog(markets.values(), { feeDenom: this.chain.network.feeDenom, keep: 'last' });
    const decimals = decimalsByDenom(denoms);
    const [height, bank, deposits] = await Promise.all([
      knownHeight === undefined ? this.chain.latestHeight() : Promise.resolve(knownHeight),
      this.chain.bankBalances(this.address, decimals),
      this.chain.deposits(this.subaccountId, decimals),
    ]);
    const funds = defaultSubaccountFunds(bank.balances, deposits.balances);
    const now = Date.now();
    const balances: StoredBalances = { height, ts: now, balances: {} };
    for (const [denom, b] of Object.entries(funds)) {
      balances.balances[denom] = { symbol: denoms.get(denom)?.symbol ?? denom, available: plain(b.available), total: plain(b.total) };
    }
    await this.store.writeBalances(balances);
    const positions = await this.refreshPositions(markets, height, now);
    this.last = { height, readAt: now, available: new Map(Object.entries(funds).map(([d, b]) => [d, b.available])), positions };
    return this.last;
  }

  /** Reads the derivative positions, stores them in `positions:<wallet>`; per market key, every derivative market present. */
  private async refreshPositions(markets: ReadonlyMap<string, Market>, height: number, now: number): Promise<ReadonlyMap<string, Decimal>> {
    const derivatives = [...markets].filter(([, m]) => m.type === 'derivative');
    const signed = new Map<string, Decimal>(derivatives.map(([key]) => [key, new Dec(0)]));
    if (derivatives.length === 0) return signed;
    const keyById = new Map(derivatives.map(([key, m]) => [m.id.toLowerCase(), key]));
    const stored: StoredPositions = { height, ts: now, positions: {} };
    for (const p of await this.chain.positions(this.subaccountId)) {
      const key = keyById.get(p.marketId.toLowerCase());
      if (!key) continue;
      const quantity = p.side === 'long' ? p.quantity : p.quantity.neg();
      signed.set(key, quantity);
      stored.positions[key] = { quantity: toDecimalString(quantity), entryPrice: plain(p.entryPrice), margin: plain(p.margin) };
    }
    await this.store.writePositions(stored);
    return signed;
  }
}

/** A non-negative decimal string (a negative reading, which the chain never sends, is clamped). */
function plain(value: Decimal): string {
  return value.isNegative() ? '0' : toDecimalString(value);
}
