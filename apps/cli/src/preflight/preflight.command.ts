import type Decimal from 'decimal.js';
import type { MarketPair } from '@mirrorbook/config';
import { networkConfig, type ExchangeParams, type NetworkSides } from '@mirrorbook/injective';
import { Dec, toDecimalString } from '@mirrorbook/market';
import { MarketReader } from '../chain/market.reader';
import type { CliContext } from '../cli/cli.context';
import { CliError } from '../cli/cli.errors';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { renderTable } from '../format/table.renderer';
import { chainIdCheck, exchangeParamsCheck, gasPriceCheck, pairChecks, type PairReadings, type PreflightCheck } from './preflight.checks';

/** Default largest distance of a derivative's testnet mark from the reference, percent. */
export const DEFAULT_MAX_MARK_DISTANCE_PCT = '5';

/**
 * `mirrorbook preflight`: before the first run on a network, what the chain says against what the
 * bots assume: the chain id NETWORK expects (mainnet refused), the exchange params (fixed gas
 * on/off and so where gas limits come from, order side count, post-only mode), the gas price
 * source, and per enabled pair: the trading market exists and is active, its symbols match the
 * reference's, a derivative's mark is set and near the reference. Exit 1 when any check fails.
 */
export async function preflightCommand(ctx: CliContext, opts: { maxMarkDistance?: Decimal }): Promise<ExitCode> {
  const network = ctx.networkName;
  if (network === 'mainnet') throw CliError.refused('preflight checks a network to trade on: mainnet is read-only for mirrorbook (--network sim|testnet)');
  const sides = ctx.sides(network);
  const maxDistance = opts.maxMarkDistance ?? new Dec(DEFAULT_MAX_MARK_DISTANCE_PCT);
  const checks = await ctx.progress.step(`preflight on ${network}`, () => runChecks(ctx, sides, maxDistance));
  const failed = checks.filter((c) => !c.ok);
  ctx.out.result(
    { network, ok: failed.length === 0, maxMarkDistancePct: toDecimalString(maxDistance), checks, failed: failed.map((c) => c.name) },
    () => renderChecks(checks),
  );
  return failed.length > 0 ? EXIT.CHECK_FAILED : EXIT.OK;
}

async function runChecks(ctx: CliContext, sides: NetworkSides, maxDistance: Decimal): Promise<PreflightCheck[]> {
  const lcd = ctx.lcd(sides.trading.config);
  const checks: PreflightCheck[] = [];
  const chainId = await lcd.getChainId().catch((e: Error) => e);
  if (chainId instanceof Error) checks.push({ name: 'chain-id', ok: false, detail: `the node info could not be read: ${chainId.message}` });
  else checks.push(chainIdCheck(sides.name, sides.trading.config.chainId, chainId, networkConfig('mainnet').chainId));
  const height = await lcd.getLatestHeight().catch(() => 0);
  const params: ExchangeParams | Error = await lcd.getExchangeParams().catch((e: Error) => e);
  if (params instanceof Error) checks.push({ name: 'exchange-params', ok: false, detail: `exchangeParams could not be read: ${params.message}` });
  else checks.push(exchangeParamsCheck(params, height, ctx.config().env.EXEC_GAS_MARGIN));
  const baseFee = await lcd.getEipBaseFee().catch((e: Error) => e);
  checks.push(gasPriceCheck(sides.trading.config.gasPrice, baseFee instanceof Error ? null : baseFee, baseFee instanceof Error ? baseFee.message : null));
  const reader = new MarketReader(ctx);
  const pairs = ctx.config().markets.filter((m) => m.enabled);
  for (const pair of pairs) checks.push(...pairChecks(await readPair(reader, sides, pair), maxDistance));
  return checks;
}

async function readPair(reader: MarketReader, sides: NetworkSides, pair: MarketPair): Promise<PairReadings> {
  const settle = <T>(p: Promise<T>): Promise<T | Error> => p.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  const [trading, reference] = await Promise.all([settle(reader.market(sides.trading, pair)), settle(reader.market(sides.reference, pair))]);
  if (pair.type !== 'derivative') return { key: pair.key, type: pair.type, trading, reference };
  const tradingMark = trading instanceof Error ? trading : await settle(reader.markPrice(sides.trading, sides.trading.marketId(pair)));
  const referenceMark = await settle(reader.markPrice(sides.reference, sides.reference.marketId(pair)));
  const referencePrice = referenceMark instanceof Error || referenceMark !== null ? referenceMark : await settle(reader.mid(sides.reference, pair));
  return { key: pair.key, type: pair.type, trading, reference, tradingMark, referencePrice };
}

function renderChecks(checks: readonly PreflightCheck[]): string {
  const table = renderTable(
    [
      { header: 'CHECK', value: (c: PreflightCheck) => c.name },
      { header: 'RESULT', value: (c: PreflightCheck) => (c.ok ? 'ok' : 'FAIL') },
      { header: 'DETAIL', value: (c: PreflightCheck) => c.detail },
    ],
    checks,
  );
  const failed = checks.filter((c) => !c.ok);
  return `${table}\n${failed.length === 0 ? 'ok: every check passed' : `FAIL: ${failed.map((c) => c.name).join(', ')}`}`;
}
