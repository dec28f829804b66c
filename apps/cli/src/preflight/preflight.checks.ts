import type Decimal from 'decimal.js';
import { chainIdRefusal, effectiveGasPrice, gasSourceOf, isPostOnlyMode, type ExchangeParams } from '@mirrorbook/injective';
import { Dec, toDecimalString, type Market } from '@mirrorbook/market';

/** One preflight check: its name, whether it passed, and what was found (or why it failed). */
export interface PreflightCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

const HUNDRED = new Dec(100);

/** The node's chain id against the one expected for NETWORK; mainnet is always refused. Pure. */
export function chainIdCheck(network: string, expected: string, reported: string, mainnetChainId: string): PreflightCheck {
  const name = 'chain-id';
  if (reported.trim().toLowerCase() === mainnetChainId) {
    return { name, ok: false, detail: `the node reports ${reported}, Injective mainnet: mirrorbook does not trade there` };
  }
  const refusal = chainIdRefusal(network, expected, reported, false);
  return refusal === null ? { name, ok: true, detail: `${reported}, as NETWORK=${network} expects` } : { name, ok: false, detail: refusal };
}

/** The exchange params: fixed gas on/off and the gas source, the order side count, post-only mode. Pure. */
export function exchangeParamsCheck(params: ExchangeParams, height: number, gasMargin: string): PreflightCheck {
  const source = gasSourceOf(params.fixedGasEnabled);
  const gas =
    source === 'fixed-table'
      ? 'fixed gas on: gas limits from the fixed gas table'
      : `fixed gas off: gas limits from simulate × ${gasMargin} (EXEC_GAS_MARGIN)`;
  const postOnly = isPostOnlyMode(params, height);
  const mode = postOnly
    ? `post-only mode until height ${params.postOnlyModeHeightThreshold} (now ${height}): crossing creates are refused`
    : 'not in post-only mode';
  return {
    name: 'exchange-params',
    ok: !postOnly,
    detail: `${gas}; at most ${params.maxDerivativeOrderSideCount} orders per derivative side; ${mode}`,
  };
}

/** The gas price the executor will sign at: max(node minimum, EIP base fee). Pure. */
export function gasPriceCheck(minGasPrice: string, baseFee: Decimal | null, baseFeeError: string | null): PreflightCheck {
  const price = effectiveGasPrice(minGasPrice, baseFee);
  if (baseFee === null) {
    return { name: 'gas-price', ok: false, detail: `cur_eip_base_fee could not be read (${baseFeeError ?? 'unknown'}): the minimum ${minGasPrice} may be refused (code 13)` };
  }
  const source = new Dec(price).gt(minGasPrice) ? 'the EIP base fee' : 'the node minimum';
  return { name: 'gas-price', ok: true, detail: `${price} inj per gas from ${source} (minimum ${minGasPrice}, base fee ${toDecimalString(baseFee)})` };
}

/** What was read of one pair; an `Error` where a read failed. */
export interface PairReadings {
  readonly key: string;
  readonly type: 'spot' | 'derivative';
  readonly trading: Market | Error;
  readonly reference: Market | Error;
  /** derivatives: the trading market's mark price (null = none) */
  readonly tradingMark?: Decimal | null | Error;
  /** derivatives: the reference price the mark is held against (reference mark, else mid) */
  readonly referencePrice?: Decimal | null | Error;
}

/**
 * The checks of one pair: the trading market exists and is active, its base and quote symbols
 * match the reference market's, and a derivative's mark is set and within `maxMarkDistancePct`
 * of the reference. Pure.
 */
export function pairChecks(p: PairReadings, maxMarkDistancePct: Decimal): PreflightCheck[] {
  const name = (what: string) => `market:${p.key}:${what}`;
  if (p.trading instanceof Error) return [{ name: name('exists'), ok: false, detail: `trading market not readable: ${p.trading.message}` }];
  const checks: PreflightCheck[] = [{ name: name('exists'), ok: true, detail: p.trading.id }];
  checks.push(
    p.trading.status === 'active'
      ? { name: name('active'), ok: true, detail: 'active' }
      : { name: name('active'), ok: false, detail: `the trading market is ${p.trading.status}` },
  );
  if (p.reference instanceof Error) {
    checks.push({ name: name('symbols'), ok: false, detail: `reference market not readable: ${p.reference.message}` });
  } else {
    const trading = `${p.trading.baseSymbol}/${p.trading.quoteSymbol}`;
    const reference = `${p.reference.baseSymbol}/${p.reference.quoteSymbol}`;
    const same = p.trading.baseSymbol.toUpperCase() === p.reference.baseSymbol.toUpperCase() && p.trading.quoteSymbol.toUpperCase() === p.reference.quoteSymbol.toUpperCase();
    checks.push({ name: name('symbols'), ok: same, detail: same ? trading : `trading ${trading}, reference ${reference}` });
  }
  if (p.type === 'derivative') checks.push(markCheck(name('mark'), p.tradingMark, p.referencePrice, maxMarkDistancePct));
  return checks;
}

function markCheck(name: string, mark: Decimal | null | Error | undefined, reference: Decimal | null | Error | undefined, maxPct: Decimal): PreflightCheck {
  if (mark instanceof Error) return { name, ok: false, detail: `mark price not readable: ${mark.message}` };
  if (!mark) return { name, ok: false, detail: 'the trading market has no mark price (null)' };
  if (reference instanceof Error) return { name, ok: false, detail: `reference price not readable: ${reference.message}` };
  if (!reference) return { name, ok: false, detail: `mark ${toDecimalString(mark)}, but no reference price to hold it against` };
  const distancePct = mark.sub(reference).abs().div(reference).mul(HUNDRED);
  const detail = `mark ${toDecimalString(mark)} is ${distancePct.toDecimalPlaces(2).toFixed()} % from the reference ${toDecimalString(reference)} (max ${toDecimalString(maxPct)} %)`;
  return { name, ok: distancePct.lte(maxPct), detail };
}
