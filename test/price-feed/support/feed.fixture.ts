import { startAppProcess, type ManagedProcess } from '@mirrorbook/testing';

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
