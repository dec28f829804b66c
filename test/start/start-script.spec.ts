import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { connect } from 'nats';
import { eventually, freePort, REPO_ROOT } from '@mirrorbook/testing';

// `npm start`'s script (scripts/start.mjs) on free ports and a temporary data dir: the whole stack
// on the simulator comes up, trades, and stops in order on Ctrl-C — the apps first, while the
// chain, NATS and Redis they finish their work with are still there.

/** What `bin/mirrorbook` printed and how it ended. */
interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `bin/mirrorbook` as a new user runs it next to `npm start`: from the repository, with none of the
 * settings that name a stack in its environment — only MB_DATA_DIR, the data directory this test
 * gave `npm start` (a user's stack keeps the default, `.data/`).
 */
function mirrorbook(dataDir: string, args: string[]): Promise<CliRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(NETWORK|NATS_|REDIS_|SIM_|TESTNET_|MAINNET_|WALLET_|GATEWAY_|CONFIG_DIR)/.test(name)));
  return new Promise((resolve) => {
    execFile(join(REPO_ROOT, 'bin', 'mirrorbook'), args, { cwd: REPO_ROOT, env: { ...env, MB_DATA_DIR: dataDir }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

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
  let natsUrl: string;
  let redisPort: number;
  let exit: Promise<number | null>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mb-start-'));
    const [nats, redis, sim, gateway, priceFeed, strategy, executorBase] = [
      await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePortPair(),
    ];
    simUrl = `http://127.0.0.1:${sim}`;
    natsUrl = `nats://127.0.0.1:${nats}`;
    redisPort = redis;
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

  afterAll(async () => {
    // the script stops its children (each in a group of its own) in order; then its group goes
    if (script.exitCode === null && script.signalCode === null) {
      let timer: NodeJS.Timeout | undefined;
      const gone = new Promise((resolve) => script.once('exit', resolve));
      process.kill(script.pid!, 'SIGTERM');
      await Promise.race([gone, new Promise((resolve) => (timer = setTimeout(resolve, 30_000)))]);
      clearTimeout(timer);
    }
    try {
      process.kill(-script.pid!, 'SIGKILL');
    } catch {
      // the group is gone: everything stopped
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates a random gateway token into the data dir (mode 0600), prints it once with where it is kept, never the demo token', () => {
    const file = join(dataDir, 'gateway-token');
    const token = readFileSync(file, 'utf8').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(output.split(token).length - 1).toBe(1);
    expect(output).toContain(`kept in ${file}`);
    expect(output).toContain(`(token: ${file})`);
    expect(output).not.toContain('demo-token-change-me-please');
  });

  it('prints the dashboard address and the bots trade on the simulator', async () => {
    expect(output).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\//);
    const included = async () => ((await (await fetch(`${simUrl}/sim/admin/state`)).json()) as { txsIncluded: number }).txsIncluded;
    await eventually(async () => (await included()) > 2, 60_000, 'txs of the bots included');
  }, 90_000);

  it('gives every service its own NATS and Redis identity: the stack trades with them, anyone else is refused', async () => {
    const passwords = JSON.parse(readFileSync(join(dataDir, 'identities', 'passwords.json'), 'utf8')) as Record<string, string>;
    expect(statSync(join(dataDir, 'identities', 'passwords.json')).mode & 0o777).toBe(0o600);
    expect(Object.keys(passwords).sort()).toEqual(['cli', 'executor-w1', 'executor-w2', 'gateway', 'injective-sim', 'price-feed', 'strategy']);
    // no service was refused anything it needs
    expect(output).not.toMatch(/Permissions Violation|Publish Violation|Subscription Violation|NOPERM|can't run this command/);
    await expect(connect({ servers: natsUrl, reconnect: false })).rejects.toThrow(/Authorization Violation/);
    await expect(connect({ servers: natsUrl, user: 'strategy', pass: 'a-guess', reconnect: false })).rejects.toThrow(/Authorization Violation/);
    const anonymous = new Redis({ port: redisPort, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
    anonymous.on('error', () => undefined);
    await expect(anonymous.set('bot:spot-inj', '{"desired":"running"}')).rejects.toThrow(/NOAUTH|NOPERM/);
    anonymous.disconnect();
    // the gateway's own credentials do not let it plan for a wallet
    const gateway = await connect({ servers: natsUrl, user: 'gateway', pass: passwords.gateway, reconnect: false });
    const refused = (async () => {
      for await (const status of gateway.status()) if (status.type === 'error') return String(status.data);
      return 'closed';
    })();
    gateway.publish('intent.w1', new TextEncoder().encode('{}'));
    expect(await refused).toBe('PERMISSIONS_VIOLATION');
    await gateway.close();
  }, 30_000);

  it('writes how to reach it into the data dir (mode 0600), and prints commands to try next', () => {
    const file = join(dataDir, 'stack.env');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stack = readFileSync(file, 'utf8');
    expect(stack).toContain(`MB_STACK_PID=${script.pid}`);
    expect(stack).toMatch(/^NATS_URL=nats:\/\/cli:[0-9a-f]+@127\.0\.0\.1:\d+$/m);
    expect(stack).not.toMatch(/PRIVATE_KEY=/);
    expect(output).toMatch(/try next[^\n]*\n[^\n]*bin\/mirrorbook health\n[^\n]*bin\/mirrorbook compare\n[^\n]*bin\/mirrorbook balances --wallet w1\n/);
  });

  it('the CLI talks to it with no setup: health --json exits 0 with every check ok, balances --wallet w1 prints w1', async () => {
    type Report = { healthy: boolean; checks: { name: string; status: string }[] };
    // the executors' heartbeats and the feeds' first statuses come within seconds of "up"; a quiet
    // testnet book is a warning until its next update
    const allOk = (run: CliRun) => run.code === 0 && (JSON.parse(run.stdout) as Report).checks.every((c) => c.status === 'ok');
    const health = await eventually(async () => {
      const run = await mirrorbook(dataDir, ['health', '--json']);
      return allOk(run) ? run : undefined;
    }, 150_000, 'every health check ok');
    expect(health.stderr).toContain('talking to the local stack of npm start (sim');
    const report = JSON.parse(health.stdout) as Report;
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['nats', 'redis']));

    const balances = await mirrorbook(dataDir, ['balances', '--wallet', 'w1']);
    expect(balances.code).toBe(0);
    const wallets = JSON.parse(readFileSync(join(dataDir, 'sim-genesis.json'), 'utf8')) as { accounts: { address: string }[] };
    expect(balances.stdout).toContain(wallets.accounts[0].address);
    expect(balances.stdout).toMatch(/USDT/);
    // limits for a loaded machine: each CLI run starts a Node process (≈ 20 s seen under load)
  }, 240_000);

  it('stops everything on Ctrl-C, apps before the servers they need, each on its SIGTERM: no errors, exit 0', async () => {
    const stoppingFrom = output.length;
    exit = new Promise((resolve) => script.once('exit', (code) => resolve(code)));
    // a Ctrl-C in a terminal signals the whole foreground process group, not only the script
    process.kill(-script.pid!, 'SIGINT');
    const code = await exit;
    const shutdown = output.slice(stoppingFrom);
    const errors = shutdown.split('\n').filter((line) => /"level":"(error|fatal)"/.test(line) || /Redis unavailable|ECONNREFUSED/.test(line));
    expect(errors).toEqual([]);
    expect(shutdown).toContain('[start]\x1b[0m stopped');
    expect(code).toBe(0);
    // the script's own record of each child's end, in order: every child went down on its SIGTERM
    // (none needed the SIGKILL the script sends 12 s later), the apps before the simulator, Redis
    // and NATS, which stop in reverse start order
    expect(shutdown).not.toMatch(/did not stop within .*SIGKILL/);
    const stopped = [...shutdown.matchAll(/\[start\]\x1b\[0m (\S+) stopped \((.+)\)/g)].map(([, name, how]) => ({ name, how }));
    const wallets = (JSON.parse(readFileSync(join(REPO_ROOT, 'config', 'bots.json'), 'utf8')) as { wallets: { id: string }[] }).wallets;
    const apps = ['price-feed', 'strategy', ...wallets.map((w) => `executor-${w.id}`), 'gateway'];
    expect(stopped.slice(0, apps.length).map((s) => s.name).sort()).toEqual([...apps].sort());
    expect(stopped.slice(apps.length).map((s) => s.name)).toEqual(['injective-sim', 'redis', 'nats']);
    // the node apps and Redis exit 0 after a clean shutdown (an app that overran SHUTDOWN_TIMEOUT_MS
    // exits 1); nats-server exits 1 on SIGTERM by design: it must exit, not be killed
    expect(stopped.filter((s) => s.name !== 'nats' && s.how !== 'exit 0')).toEqual([]);
    expect(stopped.find((s) => s.name === 'nats')?.how).toMatch(/^exit \d+$/);
  }, 60_000);

  it('once stopped, the CLI says the local stack is not running rather than listing unreachable endpoints', async () => {
    expect(readFileSync(join(dataDir, 'stack.env'), 'utf8')).toMatch(/^MB_STACK_STOPPED=/m);
    const health = await mirrorbook(dataDir, ['health']);
    expect(health.code).toBe(4);
    expect(health.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mirrorbook: the local stack is not running \(stopped at .+\): start it with "npm start"/)]);
    expect(health.stdout).toBe('');
  }, 30_000);
});
