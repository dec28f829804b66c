import type Decimal from 'decimal.js';
import { Dec, type Market } from '@mirrorbook/market';
import type { OracleSettings } from '../exchange/sim-exchange.config';
import type { SeededRng } from './seeded.rng';

/** One testnet derivative market's oracle as `MarkOracle` is given it. */
export interface MarkOracleEntry {
  readonly market: Market;
  readonly settings: OracleSettings;
  /** this market's own random stream */
  readonly rng: SeededRng;
  /** the price the oracle follows (the pair's "mainnet" price), read every block */
  readonly reference: () => Decimal;
}

/** How a market's mark is set: following its reference, held at a value, or missing (nil). */
export type MarkSetting = { readonly mode: 'follow' } | { readonly mode: 'fixed'; readonly price: Decimal } | { readonly mode: 'none' };

/** A market's oracle state as the admin API shows it. */
export interface MarkState {
  readonly mode: MarkSetting['mode'];
  /** null while the mark is nil */
  readonly mark: Decimal | null;
}

interface State {
  readonly entry: MarkOracleEntry;
  mode: MarkSetting['mode'];
  /** the mark while following or fixed; kept (not shown) while nil */
  level: Decimal;
}

/** LegacyDec keeps 18 decimals. */
const CHAIN_DECIMALS = 18;

/**
 * The testnet oracle (mark price) of each derivative testnet market. By default it follows the
 * market's reference ("mainnet") price with a lag and noise: each block it closes `lag` of the
 * gap, then moves by a log-normal `noisePerBlock` (seeded, one stream per market). The admin API
 * may hold a mark at a value (a stale or drifted oracle), unset it (nil: every order of the market
 * fails) or let it follow again. Deterministic: the same entries and calls give the same marks.
 */
export class MarkOracle {
  private readonly states = new Map<string, State>();

  constructor(entries: readonly MarkOracleEntry[]) {
    for (const entry of entries) this.states.set(entry.market.id, { entry, mode: 'follow', level: entry.reference() });
  }

  /** Whether `marketId` has an oracle here. */
  has(marketId: string): boolean {
    return this.states.has(marketId);
  }

  /** The mark of `marketId`: null while nil, undefined when the market has no oracle here. */
  mark(marketId: string): Decimal | null | undefined {
    const state = this.states.get(marketId);
    if (!state) return undefined;
    return state.mode === 'none' ? null : state.level;
  }

  /** Mode and mark of `marketId`; undefined when it has no oracle here. */
  state(marketId: string): MarkState | undefined {
    const state = this.states.get(marketId);
    return state && { mode: state.mode, mark: this.mark(marketId) ?? null };
  }

  /** Advances every following oracle by one block (after the reference prices stepped). */
  step(): void {
    for (const state of this.states.values()) {
      if (state.mode !== 'follow') continue;
      const { settings, rng, reference } = state.entry;
      state.level = followMark(state.level, reference(), settings, rng.normal());
    }
  }

  /** Sets how `marketId`'s mark moves. Throws for a market without an oracle or a fixed price ≤ 0. */
  set(marketId: string, setting: MarkSetting): MarkState {
    const state = this.states.get(marketId);
    if (!state) throw new RangeError(`no oracle for market ${marketId}`);
    if (setting.mode === 'fixed') {
      if (!setting.price.isFinite() || setting.price.lte(0)) throw new RangeError(`mark must be > 0, got ${setting.price.toString()}`);
      state.level = new Dec(setting.price);
    } else if (setting.mode === 'follow' && state.mode !== 'follow') {
      // back to following: from the reference at once, as a repaired oracle would report it
      state.level = state.entry.reference();
    }
    state.mode = setting.mode;
    return this.state(marketId)!;
  }
}

/**
 * One block of a following oracle: `mark` closes `lag` of the gap to `reference`, then moves by
 * exp(noisePerBlock × `normal`); rounded to 18 decimals, never ≤ 0. Pure.
 */
export function followMark(mark: Decimal, reference: Decimal, settings: OracleSettings, normal: number): Decimal {
  const lagged = mark.add(reference.sub(mark).mul(settings.lag));
  const noisy = lagged.mul(new Dec(settings.noisePerBlock * normal).exp()).toDecimalPlaces(CHAIN_DECIMALS, Dec.ROUND_HALF_EVEN);
  return noisy.gt(0) ? noisy : reference;
}
