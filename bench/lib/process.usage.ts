import { readdirSync, readFileSync } from 'node:fs';
import { mean, percentile, round, sleep, sortedCopy } from './sample.stats';

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ; 100 on every Linux we run on). */
const CLK_TCK = 100;

/** A process to watch: a display name and its pid. */
export interface WatchedProcess {
  name: string;
  pid: number;
}

/** Usage of one process over a sampling window. */
export interface ProcessUsage {
  name: string;
  pid: number;
  /** user + system CPU over the window, percent of one core */
  cpuPct: number;
  /** resident set size, MiB: median and max of the samples */
  rssMiB: number;
  rssMaxMiB: number;
  /** mean of the samples, MiB */
  rssMeanMiB: number;
}

/** utime + stime in seconds, or undefined when the process is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may contain spaces: count fields after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/** VmRSS in MiB, or undefined when the process is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Direct children of this process whose command is one of `names` (nats-server and redis-server
 * are started by the harness without exposing their pids).
 */
export function childProcesses(names: readonly string[]): WatchedProcess[] {
  const found: WatchedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && names.includes(comm)) found.push({ name: comm, pid: Number(entry) });
    } catch {
      // the process ended while we listed /proc
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Samples CPU and RSS of `procs` for `ms`: CPU from the difference of utime + stime between the
 * window's ends, RSS every `everyMs` (median, mean and max).
 */
export async function sampleUsage(procs: readonly WatchedProcess[], ms: number, everyMs = 1000): Promise<ProcessUsage[]> {
  const cpu0 = procs.map((p) => cpuSeconds(p.pid));
  const rss: number[][] = procs.map(() => []);
  const t0 = performance.now();
  for (;;) {
    procs.forEach((p, i) => {
      const r = rssMiB(p.pid);
      if (r !== undefined) rss[i]!.push(r);
    });
    const left = ms - (performance.now() - t0);
    if (left <= 0) break;
    await sleep(Math.min(everyMs, left));
  }
  const wallS = (performance.now() - t0) / 1000;
  return procs.map((p, i) => {
    const end = cpuSeconds(p.pid);
    const start = cpu0[i];
    const samples = sortedCopy(rss[i]!);
    return {
      name: p.name,
      pid: p.pid,
      cpuPct: start === undefined || end === undefined ? Number.NaN : round(((end - start) / wallS) * 100, 1),
      rssMiB: round(percentile(samples, 50), 0),
      rssMaxMiB: round(samples[samples.length - 1] ?? Number.NaN, 0),
      rssMeanMiB: round(mean(samples), 0),
    };
  });
}
