import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppName } from '@mirrorbook/contracts';
import { generatePrivateKeyHex, LcdClient, walletFromPrivateKey, type Wallet } from '@mirrorbook/injective';
import { fixtureMarkets } from '@mirrorbook/market';
import { REPO_ROOT, startAppProcess, startTestServers, type ManagedProcess, type TestServers } from '@mirrorbook/testing';

export interface StackWallet {
  id: string;
  key: string;
  wallet: Wallet;
}

export interface StackOptions {
  /** market keys of config/markets.json to keep */
  markets: string[];
  /** bots.json `bots` entries; wallets are derived from them */
  bots: { id: string; wallet: string; markets: string[]; params?: Record<string, unknown>; enabled?: boolean }[];
  /** config/sim.json contents (genesis accounts for the wallets are added) */
  sim: Record<string, unknown>;
  /** environment for every app (on top of the servers' URLs) */
  env?: Record<string, string>;
  /** extra environment per app */
  appEnv?: Partial<Record<AppName, Record<string, string>>>;
  /** executor replicas per wallet; default 1 */
  executorsPerWallet?: number;
  /** apps not to start */
  without?: AppName[];
}

/** The whole system as separate processes: real NATS and Redis, the sim as the chain. */
export interface Stack {
  servers: TestServers;
  configDir: string;
  wallets: StackWallet[];
  simUrl: string;
  gatewayUrl: string | undefined;
  lcd: LcdClient;
  procs: Map<string, ManagedProcess>;
  /** every line every app wrote so far */
  logs(): string;
  simAdmin(path: string, body: unknown): Promise<unknown>;
  height(): Promise<number>;
  /** resolves once the chain is `n` blocks further */
  waitBlocks(n: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/;

function writeConfig(dir: string, options: StackOptions, wallets: StackWallet[]): void {
  cpSync(join(REPO_ROOT, 'config', 'strategy.json'), join(dir, 'strategy.json'));
  const markets = JSON.parse(readFileSync(join(REPO_ROOT, 'config', 'markets.json'), 'utf8')).markets.filter((m: { key: string }) =>
    options.markets.includes(m.key),
  );
  writeFileSync(join(dir, 'markets.json'), JSON.stringify({ markets }));
  writeFileSync(
    join(dir, 'bots.json'),
    JSON.stringify({ wallets: wallets.map((w) => ({ id: w.id, label: w.id })), bots: options.bots.map((b) => ({ params: {}, enabled: true, ...b })) }),
  );
  const denoms = new Set<string>(['inj']);
  for (const m of fixtureMarkets().testnet) {
    denoms.add(m.quoteDenom);
    if (m.baseDenom) denoms.add(m.baseDenom);
  }
  const balances = Object.fromEntries([...denoms].map((d) => [d, '10000000']));
  const sim = { ...options.sim, genesis: { accounts: wallets.map((w) => ({ address: w.wallet.injAddress, balances })) } };
  writeFileSync(join(dir, 'sim.json'), JSON.stringify(sim));
}

async function portOf(proc: ManagedProcess): Promise<number> {
  const [, port] = await proc.waitForOutput(LISTENING, 90_000);
  return Number(port);
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const servers = await startTestServers();
  const configDir = mkdtempSync(join(tmpdir(), 'mb-stack-'));
  const walletIds = [...new Set(options.bots.map((b) => b.wallet))];
  const wallets = walletIds.map((id) => {
    const key = generatePrivateKeyHex();
    return { id, key, wallet: walletFromPrivateKey(key) };
  });
  writeConfig(configDir, options, wallets);
  const procs = new Map<string, ManagedProcess>();
  const skip = new Set(options.without ?? []);
  const base = { ...servers.env, CONFIG_DIR: configDir, HTTP_PORT: '0', HEARTBEAT_INTERVAL_MS: '1000', GATEWAY_TOKEN: 'stack-token-0123456789', ...options.env };
  const start = (name: string, app: AppName, env: Record<string, string> = {}) => {
    const proc = startAppProcess(app, { ...base, ...options.appEnv?.[app], ...env });
    procs.set(name, proc);
    return proc;
  };
  const sim = start('injective-sim', 'injective-sim', { SIM_CONFIG: join(configDir, 'sim.json') });
  const simUrl = `http://127.0.0.1:${await portOf(sim)}`;
  const withSim = { SIM_LCD_URL: simUrl };
  for (const app of ['price-feed', 'strategy'] as const) if (!skip.has(app)) start(app, app, withSim);
  if (!skip.has('executor')) {
    for (const w of wallets) {
      for (let replica = 0; replica < (options.executorsPerWallet ?? 1); replica++) {
        start(`executor-${w.id}-${replica}`, 'executor', { ...withSim, WALLET_ID: w.id, [`WALLET_${w.id.toUpperCase()}_PRIVATE_KEY`]: w.key });
      }
    }
  }
  const gateway = skip.has('gateway') ? undefined : start('gateway', 'gateway', withSim);
  const gatewayUrl = gateway ? `http://127.0.0.1:${await portOf(gateway)}` : undefined;
  for (const proc of procs.values()) await portOf(proc);

  const lcd = new LcdClient({ baseUrl: simUrl, ratePerSecond: 1000, maxRetries: 2 });
  const height = () => lcd.getLatestHeight();
  return {
    servers,
    configDir,
    wallets,
    simUrl,
    gatewayUrl,
    lcd,
    procs,
    logs: () => [...procs.values()].map((p) => p.logs()).join('\n'),
    simAdmin: async (path, body) => {
      const res = await fetch(`${simUrl}/sim/admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`sim admin ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    height,
    waitBlocks: async (n, timeoutMs = 60_000) => {
      const target = (await height()) + n;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const h = await height();
        if (h >= target) return h;
        if (Date.now() > deadline) throw new Error(`chain did not reach height ${target} in ${timeoutMs} ms (at ${h})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async () => {
      await Promise.all([...procs.values()].map((p) => p.stop('SIGTERM', 10_000)));
      await servers.stop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
