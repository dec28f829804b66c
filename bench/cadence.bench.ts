/**
 * The cost of fidelity: the demo setup (config/bots.json's bots on their markets) on one candle
 * replay at real time scale, once per cadence setting, each in its own stack (own NATS, Redis,
 * sim and apps on ports of their own, own temporary dirs), all at once: one after another they
 * would take over an hour. Per setting: INJ a day per wallet, RMS tracking error and two-sided
 * uptime per market, txs.
 */
import type { StrategyParamsOverride } from '@mirrorbook/contracts';
import { runFidelity, type FidelityResult } from '../scripts/fidelity/fidelity.runner';
import { checkParams, repoConfig, repoDemoSetup } from '../scripts/fidelity/fidelity.setup';
import type { CadenceRun } from './lib/cadence.table';

/** The settings compared: the repository's default, a faster and a slower cadence. */
export const CADENCE_SETTINGS: readonly { setting: string; params: StrategyParamsOverride }[] = [
  { setting: 'default', params: {} },
  { setting: 'faster', params: { cadence: { maintenanceIntervalS: 5, requoteTolerance: '0.25' } } },
  { setting: 'slower', params: { cadence: { maintenanceIntervalS: 60, requoteTolerance: '0.75' } } },
];

/** Real time for one-minute candles: 60 s ÷ 700 ms blocks ≈ 86 blocks. */
export const REAL_TIME_BLOCKS_PER_CANDLE = 86;

export interface CadenceOptions {
  /** candle CSV replayed on every market */
  prices: string;
  /** market whose price the file records */
  market: string;
  candles: number;
  blocksPerCandle: number;
  blockMs: number;
  /** flat blocks before the recording: three stacks start at once, and each builds its books */
  warmupBlocks: number;
  every: number;
  minDepth: number;
  maxSpreadBps: number;
  log: (line: string) => void;
}

export interface CadenceResult extends Omit<CadenceOptions, 'log'> {
  runs: CadenceRun[];
}

/** The defaults of `npm run bench`'s cadence section (`--candles` moves `candles`). */
export function cadenceDefaults(log: (line: string) => void, candles = 20): CadenceOptions {
  return {
    prices: 'docs/fidelity/inj-usdt-synthetic.csv',
    market: 'inj-usdt',
    candles,
    blocksPerCandle: REAL_TIME_BLOCKS_PER_CANDLE,
    blockMs: 700,
    warmupBlocks: 2 * REAL_TIME_BLOCKS_PER_CANDLE,
    every: 2,
    minDepth: 1000,
    maxSpreadBps: 100,
    log,
  };
}

/** One setting's figures from its fidelity run. */
export function cadenceRunOf(setting: string, params: StrategyParamsOverride, result: FidelityResult): CadenceRun {
  return {
    setting,
    params,
    markets: result.markets.map((m) => ({
      market: m.market,
      rmsBps: m.summary.trackingError.rmsBps,
      maxBps: m.summary.trackingError.maxBps,
      uptime: m.summary.uptime.aggregate,
      spreadBps: m.summary.spreadBps.testnet,
    })),
    wallets: result.fees?.wallets ?? [],
    blocks: result.fees?.blocks ?? 0,
    chainSeconds: result.fees?.chainSeconds ?? 0,
  };
}

/** Runs every setting at once, each in an isolated stack; a failed setting is reported, not thrown. */
export async function runCadenceBench(options: CadenceOptions): Promise<CadenceResult> {
  const { log, ...settings } = options;
  const setup = repoDemoSetup(options.market);
  const { layers } = repoConfig();
  for (const s of CADENCE_SETTINGS) checkParams(s.params, setup.bots, layers);
  const runs = await Promise.all(
    CADENCE_SETTINGS.map(async ({ setting, params }): Promise<CadenceRun> => {
      try {
        const result = await runFidelity({ ...settings, setup, params, takersPerBlock: 0, log: (line) => log(`cadence ${setting}: ${line}`) });
        const run = cadenceRunOf(setting, params, result);
        log(`cadence ${setting}: done: ${run.wallets.map((w) => `${w.wallet} ${w.txs} txs, ${w.feesInj} INJ`).join('; ')}`);
        return run;
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        log(`cadence ${setting}: FAILED: ${message}`);
        return { setting, params, markets: [], wallets: [], blocks: 0, chainSeconds: 0, error: message };
      }
    }),
  );
  return { ...settings, runs };
}
