/**
 * The results of one `npm run bench` (bench/run-all.ts), as saved in `bench/results/<date>.json`.
 */
import type { ExecutorScenarioResult } from './executor.bench';
import type { LoadResult } from './lib/load.scenario';
import type { machineInfo } from './lib/machine.info';
import type { PipelineResult } from './lib/pipeline.scenario';
import type { ResultRow } from './lib/results.table';

export const SECTIONS = ['planning', 'strategy', 'executor', 'pipeline', 'load'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Settings {
  quick: boolean;
  only: Section[];
  wallets: number;
  markets: number;
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
  load?: LoadResult;
  table: ResultRow[];
  durationSeconds: number;
}
