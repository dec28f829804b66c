import { execFileSync } from 'node:child_process';
import { cpus, freemem, hostname, loadavg, totalmem } from 'node:os';

/** What the numbers were measured on: they mean little without it. */
export interface MachineInfo {
  /** `uptime` as the shell prints it */
  uptime: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  hostname: string;
}

export function machineInfo(): MachineInfo {
  let uptime: string;
  try {
    uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    uptime = `load average: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
  return {
    uptime,
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    hostname: hostname(),
  };
}

/** The 1/5/15-minute load averages now, and free memory. */
export function loadNow(): { load1: number; load5: number; load15: number; freeGiB: number; at: string } {
  const [load1, load5, load15] = loadavg().map((l) => Math.round(l * 100) / 100) as [number, number, number];
  return { load1, load5, load15, freeGiB: Math.round((freemem() / 2 ** 30) * 10) / 10, at: new Date().toISOString() };
}
