import { startAppProcess, type ManagedProcess } from '@mirrorbook/testing';

/** The line runService logs once the sim serves. */
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/;

/** Test support: the injective-sim as a child process, driven over its HTTP admin API. */
export class SimProcess {
  private constructor(
    readonly proc: ManagedProcess,
    readonly url: string,
  ) {}

  /** Starts the sim on a free port; `env` adds NATS/Redis and SIM_* settings (SIM_BLOCK_MS, SIM_CONFIG, …). */
  static async start(env: NodeJS.ProcessEnv = {}): Promise<SimProcess> {
    const proc = startAppProcess('injective-sim', {
      HTTP_PORT: '0',
      SIM_PORT: '0',
      // the feed tests set their own request budgets (up to hundreds/s): no per-IP limit unless `env` sets one
      SIM_RATE_LIMIT_PER_S: '0',
      ...env,
    });
    const [, port] = await proc.waitForOutput(LISTENING, 30_000);
    return new SimProcess(proc, `http://127.0.0.1:${port}`);
  }

  /** Forces the "mainnet" price of a market (a testnet id moves its mainnet pair). */
  setPrice(marketId: string, price: string): Promise<{ price: string | null }> {
    return this.admin('price', { marketId, price }) as Promise<{ price: string | null }>;
  }

  /** Produces blocks now; resolves with the new height. */
  async produceBlocks(count = 1): Promise<number> {
    const reply = (await this.admin('blocks', { count })) as { height: number | string };
    return Number(reply.height);
  }

  /** Sets the sim's fault injection (`{ latencyMs: 300 }`, `{ http429Rate: 1 }`, `{ reset: true }`). */
  faults(update: Record<string, unknown>): Promise<unknown> {
    return this.admin('faults', update);
  }

  /** Creates and funds an account (denom → human amount). */
  fund(address: string, balances: Record<string, string>): Promise<unknown> {
    return this.admin('accounts', { address, balances });
  }

  stop(): Promise<unknown> {
    return this.proc.stop('SIGKILL');
  }

  private async admin(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}/sim/admin/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST /sim/admin/${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  }
}
