import type { StrategyParamsOverride } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { injText, type WalletFees } from './fee.metrics';

/** A market's figures in one cadence setting. */
export interface CadenceMarket {
  market: string;
  rmsBps: number;
  maxBps: number;
  /** two-sided uptime, aggregate rule, share 0–1 */
  uptime: number;
  spreadBps: number;
}

/** One cadence setting's run. */
export interface CadenceRun {
  setting: string;
  params: StrategyParamsOverride;
  markets: CadenceMarket[];
  wallets: WalletFees[];
  /** blocks measured and their chain time, s */
  blocks: number;
  chainSeconds: number;
  /** first line of what stopped the run */
  error?: string;
}

/** The targets the default setting is held to (the "Trade within a fee budget"). */
export const CADENCE_TARGETS = { injPerDay: '5', rmsBps: 10, uptime: 0.99 } as const;

const pct = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : '—');
const bps = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} bps` : '—');

/** What a setting changes, as short text: `maintenanceIntervalS 5, requoteTolerance 0.25`. */
export function settingText(run: Pick<CadenceRun, 'setting' | 'params'>): string {
  const cadence = run.params.cadence;
  const rest = Object.entries(run.params).filter(([k]) => k !== 'cadence');
  const parts = [
    ...(cadence && typeof cadence === 'object' ? Object.entries(cadence).map(([k, v]) => `${k} ${String(v)}`) : []),
    ...rest.map(([k, v]) => `${k} ${JSON.stringify(v)}`),
  ];
  return parts.length ? `${run.setting} (${parts.join(', ')})` : `${run.setting} (repository params)`;
}

/** Header of the cadence table for the wallets and markets of the runs (in the first run's order). */
export function cadenceHeader(runs: readonly CadenceRun[]): string[] {
  const { wallets, markets } = columnsOf(runs);
  if (wallets.length + markets.length === 0) return ['setting', 'result'];
  return ['setting', ...wallets.map((w) => `INJ/day ${w}`), ...markets.map((m) => `RMS ${m}`), ...markets.map((m) => `uptime ${m}`), ...wallets.map((w) => `txs ${w}`)];
}

/** One row per setting: INJ/day per wallet, RMS tracking error and two-sided uptime per market, txs per wallet. */
export function cadenceRows(runs: readonly CadenceRun[]): string[][] {
  const { wallets, markets } = columnsOf(runs);
  return runs.map((run) => {
    if (run.error) return [settingText(run), `failed: ${run.error}`, ...Array.from({ length: Math.max(0, wallets.length * 2 + markets.length * 2 - 1) }, () => '—')];
    const wallet = (id: string) => run.wallets.find((w) => w.wallet === id);
    const market = (key: string) => run.markets.find((m) => m.market === key);
    return [
      settingText(run),
      ...wallets.map((w) => injText(wallet(w)?.injPerDay ?? 'NaN', 2)),
      ...markets.map((m) => bps(market(m)?.rmsBps ?? Number.NaN)),
      ...markets.map((m) => pct(market(m)?.uptime ?? Number.NaN)),
      ...wallets.map((w) => String(wallet(w)?.txs ?? '—')),
    ];
  });
}

/** Whether a run meets the targets, and the figures that miss them. */
export function targetMisses(run: CadenceRun): string[] {
  if (run.error) return [`run failed: ${run.error}`];
  const misses: string[] = [];
  for (const w of run.wallets) {
    const perDay = new Dec(w.injPerDay);
    if (!perDay.isFinite() || perDay.gt(CADENCE_TARGETS.injPerDay)) misses.push(`${w.wallet} ${injText(w.injPerDay, 2)} INJ/day > ${CADENCE_TARGETS.injPerDay}`);
  }
  for (const m of run.markets) {
    if (!(m.rmsBps <= CADENCE_TARGETS.rmsBps)) misses.push(`${m.market} RMS ${bps(m.rmsBps)} > ${CADENCE_TARGETS.rmsBps} bps`);
    if (!(m.uptime >= CADENCE_TARGETS.uptime)) misses.push(`${m.market} uptime ${pct(m.uptime)} < ${pct(CADENCE_TARGETS.uptime)}`);
  }
  return misses;
}

function columnsOf(runs: readonly CadenceRun[]): { wallets: string[]; markets: string[] } {
  const ok = runs.filter((r) => !r.error);
  return {
    wallets: [...new Set(ok.flatMap((r) => r.wallets.map((w) => w.wallet)))],
    markets: [...new Set(ok.flatMap((r) => r.markets.map((m) => m.market)))],
  };
}
