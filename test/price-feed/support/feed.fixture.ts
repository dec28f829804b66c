import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startAppProcess, type ManagedProcess } from '@mirrorbook/testing';

/** One market pair of a generated markets.json. */
export interface PairConfig {
  key: string;
  type: 'spot' | 'derivative';
  mainnetMarketId: string;
  testnetMarketId: string;
  referencePrice?: 'mid' | 'last' | 'mark';
}

/**
 * Test support: a CONFIG_DIR in a temp dir with the given pairs, one wallet, no bots, and the
 * repository's strategy.json. Remove it with `rmSync(dir, { recursive: true })`.
 */
export function writeConfigDir(pairs: PairConfig[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mb-feed-config-'));
  writeFileSync(join(dir, 'markets.json'), JSON.stringify({ markets: pairs.map((p) => ({ referencePrice: 'mid', ...p })) }));
  writeFileSync(join(dir, 'bots.json'), JSON.stringify({ wallets: [{ id: 'w1' }], bots: [] }));
  cpSync(join(REPO_ROOT, 'config', 'strategy.json'), join(dir, 'strategy.json'));
  return dir;
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Test support: the price-feed as a child process, with its /metrics. */
export class FeedProcess {
  private constructor(
    readonly proc: ManagedProcess,
    readonly url: string,
  ) {}

  static async start(env: NodeJS.ProcessEnv): Promise<FeedProcess> {
    const proc = startAppProcess('price-feed', { HTTP_PORT: '0', ...env });
    const [, port] = await proc.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/, 30_000);
    return new FeedProcess(proc, `http://127.0.0.1:${port}`);
  }

  /** The value of one sample of /metrics (0 when absent). */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? wanted.every((w) => l.includes(w)) : false);
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.proc.stop(signal, 15_000);
  }
}
