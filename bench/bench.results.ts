/**
 * The results of one `npm run bench` (bench/run-all.ts), as saved in `bench/results/<date>.json`.
 */
import type { CadenceResult } from './cadence.bench';
import type { ExecutorScenarioResult } from './executor.bench';
import type { LoadResult } from './lib/load.scenario';
import type { machineInfo } from './lib/machine.info';
import type { PipelineResult } from './lib/pipeline.scenario';
import type { ScaleResult } from './lib/scale.table';
import type { StaticBookResult } from './lib/static-book.scenario';
import type { ResultRow } from './lib/results.table';

export const SECTIONS = ['planning', 'strategy', 'executor', 'pipeline', 'tick', 'load', 'scale', 'cadence'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Settings {
  quick: boolean;
  only: Section[];
  /** wallets of the load run */
  wallets: number;
  /** markets per bot of the load and scale runs */
  markets: number;
  /** the scale run: wallets, minutes of its window, wallets per executor process */
  scale: { wallets: number; minutes: number; walletsPerExecutor: number };
  /** candles of the cadence run (real time scale: 86 blocks each) */
  candles: number;
  resultsMd: boolean;
  write: boolean;
  /** a saved results file to print (no run) */
  from?: string;
}

/** Section durations and machine load around each. */
export interface SectionLog {
  section: Section;
  seconds: number;
  loadBefore: number;
  loadAfter: number;
  error?: string;
}

export interface Results {
  startedAt: string;
  mode: 'full' | 'quick';
  settings: Settings;
  machine: ReturnType<typeof machineInfo>;
  machineAtEnd: ReturnType<typeof machineInfo>;
  sections: SectionLog[];
  planning?: Record<string, string | number>;
  strategy?: Record<string, string | number>[];
  executor?: { steadyBlockOnDemand: ExecutorScenarioResult; steadyBlock700: ExecutorScenarioResult; failover?: ExecutorScenarioResult };
  pipeline?: PipelineResult;
  /** a reference move on a quiet testnet book: tick → broadcast */
  tick?: StaticBookResult;
  load?: LoadResult;
  /** many wallets on the compiled services: per-service RSS and CPU, intents applied, txs, fees, readiness */
  scale?: ScaleResult;
  /** the cost of fidelity: three cadence settings on one replay */
  cadence?: CadenceResult;
  table: ResultRow[];
  durationSeconds: number;
}
