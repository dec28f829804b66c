import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, REPO_ROOT } from '@mirrorbook/testing';
import { eventually } from '../support/eventually';

// `npm start`'s script (scripts/start.mjs) on free ports and a temporary data dir: the whole stack
// on the simulator comes up, trades, and stops in order on Ctrl-C — the apps first, while the
// chain, NATS and Redis they finish their work with are still there.

/** A port p with p + 1 free too (the executors take consecutive ports). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    const next = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port + 1, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (next) return port;
  }
}

describe('npm start (scripts/start.mjs)', () => {
  let script: ChildProcess;
  let output = '';
  let dataDir: string;
  let simUrl: string;
  let exit: Promise<{ code: number | null; ms: number }>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mb-start-'));
    const [nats, redis, sim, gateway, priceFeed, strategy, executorBase] = [
      await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePortPair(),
    ];
    simUrl = `http://127.0.0.1:${sim}`;
    script = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: REPO_ROOT,
      // its own process group, so a failed test can take every child down with it
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MB_DATA_DIR: dataDir,
        MB_NATS_PORT: String(nats),
        MB_REDIS_PORT: String(redis),
        MB_SIM_PORT: String(sim),
        MB_GATEWAY_PORT: String(gateway),
        MB_PRICE_FEED_PORT: String(priceFeed),
        MB_STRATEGY_PORT: String(strategy),
        MB_EXECUTOR_BASE_PORT: String(executorBase),
      },
    });
    script.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    script.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => output.includes('mirrorbook is up on the simulator'), 120_000, 'the stack to come up');
  }, 150_000);

  afterAll(() => {
    try {
      process.kill(-script.pid!, 'SIGKILL');
    } catch {
      // the group is gone: everything stopped
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the dashboard address and the bots trade on the simulator', async () => {
    expect(output).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\//);
    const included = async () => ((await (await fetch(`${simUrl}/sim/admin/state`)).json()) as { txsIncluded: number }).txsIncluded;
    await eventually(async () => (await included()) > 2, 60_000, 'txs of the bots included');
  }, 90_000);

  it('stops everything on Ctrl-C, apps before the servers they need: no errors, exit 0', async () => {
    const stopAt = Date.now();
    const stoppingFrom = output.length;
    exit = new Promise((resolve) => script.once('exit', (code) => resolve({ code, ms: Date.now() - stopAt })));
    process.kill(script.pid!, 'SIGINT');
    const { code, ms } = await exit;
    const shutdown = output.slice(stoppingFrom);
    const errors = shutdown.split('\n').filter((line) => /"level":"(error|fatal)"/.test(line) || /Redis unavailable|ECONNREFUSED/.test(line));
    expect(errors).toEqual([]);
    expect(shutdown).toContain('[start]\x1b[0m stopped');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});
