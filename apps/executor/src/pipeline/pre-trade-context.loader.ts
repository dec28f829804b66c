import type { AppConfig } from '@mirrorbook/config';
import { payloadAgeMs, type StoredOrder } from '@mirrorbook/contracts';
import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import type { ChainFees } from '../chain/chain.fees';
import { marketLimitsOf } from '../checks/market-limits';
import type { PreTradeContext, ReferencePrice, TradingPrice } from '../checks/pre-trade.context';
import type { TakerWindow } from '../checks/taker.window';
import type { WalletFeesTracker } from '../fees/wallet-fees.tracker';
import type { ChainSession } from '../session/chain.session';
import type { ExecutorSettings } from '../settings/executor.settings';
import type { AccountStateRefresher } from '../state/account-state.refresher';
import type { BotStateRegistry } from '../state/bot-state.registry';
import type { MarkPriceReader } from '../state/mark-price.reader';
import type { WalletStateStore } from '../state/wallet-state.store';

/** Where the pre-trade context is read from. */
export interface PreTradeContextParts {
  readonly config: Pick<AppConfig, 'markets'>;
  readonly settings: Pick<ExecutorSettings, 'limits'>;
  readonly store: Pick<WalletStateStore, 'referencePrice' | 'tradingPrice'>;
  readonly account: Pick<AccountStateRefresher, 'available'>;
  readonly marks: Pick<MarkPriceReader, 'marks'>;
  readonly bots: Pick<BotStateRegistry, 'bot' | 'paramsOf'>;
  readonly fees?: Pick<ChainFees, 'limits'>;
  readonly feeTracker?: Pick<WalletFeesTracker, 'verdict'>;
  /** the wallet's taker notional over the rolling window, kept across batches */
  readonly takerWindow: TakerWindow;
}

/** Balances and mark prices read within this long are reused by the next batch's checks (about one block). */
const BALANCES_MAX_AGE_MS = 700;
const MARKS_MAX_AGE_MS = 700;

/**
 * Gathers what the pre-trade checks read for a batch over the markets `keys`: the reference price
 * of each, the mark price of each derivative one, the available balances, the chain guard, limits, bot and market config, and `orders`
 * (the wallet's stored orders on those markets).
 */
export async function loadPreTradeContext(
  parts: PreTradeContextParts,
  session: ChainSession,
  keys: readonly string[],
  orders: ReadonlyMap<string, StoredOrder[]>,
  now: number,
): Promise<PreTradeContext> {
  const references = new Map<string, ReferencePrice>();
  const trading = new Map<string, TradingPrice>();
  for (const key of new Set(keys)) {
    const tick = await parts.store.referencePrice(key);
    // a tick from the future has no valid age: the checks then see no reference at all
    if (tick && payloadAgeMs(tick.ts, now) !== undefined) references.set(key, { price: new Dec(tick.mid), ts: tick.ts });
    const testnet = await parts.store.tradingPrice(key);
    if (testnet && payloadAgeMs(testnet.ts, now) !== undefined) trading.set(key, { mid: new Dec(testnet.mid), bid: decOrNull(testnet.bid), ask: decOrNull(testnet.ask), ts: testnet.ts });
  }
  const marks = await parts.marks.marks(session.markets, keys, MARKS_MAX_AGE_MS);
  const { available, positions } = await parts.account.available(session.markets, BALANCES_MAX_AGE_MS);
  const spendable = withoutGasReserve(available, session.feeDenom, parts.settings.limits.gasReserve);
  return {
    now,
    chainGuard: session.chainGuard(),
    limits: parts.settings.limits,
    botMarkets: (id) => parts.bots.bot(id)?.markets,
    market: (key) => {
      const pair = parts.config.markets.find((m) => m.key === key);
      return pair ? { enabled: pair.enabled, market: session.markets.get(key), unavailable: session.unavailable.get(key) } : undefined;
    },
    reference: (key) => references.get(key),
    trading: (key) => trading.get(key),
    mark: (key) => marks.get(key),
    params: (bot, key) => parts.bots.paramsOf(bot, key),
    marketLimits: (bot, key) =>
      marketLimitsOf(
        parts.settings.limits,
        parts.config.markets.find((m) => m.key === key)?.executorLimits ?? {},
        parts.bots.paramsOf(bot, key),
      ),
    takerWindow: parts.takerWindow,
    available: spendable,
    position: (key) => positions.get(key),
    openOrders: (key) => orders.get(key) ?? [],
    venue: parts.fees?.limits(),
    feeBudget: parts.feeTracker?.verdict(now),
  };
}

function decOrNull(value: string | null): Decimal | null {
  return value === null ? null : new Dec(value);
}

/**
 * The balances orders may hold: the fee denom less the gas reserve (never below zero), so that no
 * INJ ask or INJ-quoted bid spends the INJ the wallet's next txs pay their fees with. Pure.
 */
export function withoutGasReserve(available: ReadonlyMap<string, Decimal>, feeDenom: string, reserve: Decimal): ReadonlyMap<string, Decimal> {
  const fee = available.get(feeDenom);
  if (fee === undefined || reserve.isZero()) return available;
  return new Map([...available, [feeDenom, Dec.max(fee.sub(reserve), 0)]]);
}
