#!/usr/bin/env node
// @ts-check
// The embedded default: installs what is missing, starts NATS (JetStream), Redis, the simulator and
// every app with demo wallets, prefixes their logs, restarts a crashed app with backoff, prints the
// dashboard address, and stops everything on Ctrl-C. Node built-ins only: it runs before `npm ci`
// (scripts/build.mjs loads @swc/core only when it compiles). The apps run compiled, from dist/.
import { execFileSync, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = process.env.MB_DATA_DIR ?? join(ROOT, '.data');
const EXIT_CONFIG = 78;
/** A file a service was given is unreadable (e.g. the sim's replay candles): as final as a bad config. */
const EXIT_BAD_INPUT = 2;
/** How local tools reach this stack (apps/cli/src/cli/local-stack.ts reads it); marked stopped on the way out. */
const STACK_FILE = join(DATA, 'stack.env');
const PORTS = {
  nats: Number(process.env.MB_NATS_PORT ?? 14222),
  redis: Number(process.env.MB_REDIS_PORT ?? 16379),
  sim: Number(process.env.MB_SIM_PORT ?? 17700),
  gateway: Number(process.env.MB_GATEWAY_PORT ?? 8080),
  priceFeed: Number(process.env.MB_PRICE_FEED_PORT ?? 18081),
  strategy: Number(process.env.MB_STRATEGY_PORT ?? 18082),
  executorBase: Number(process.env.MB_EXECUTOR_BASE_PORT ?? 18090),
};
/** What the apps need until they have stopped: stopped last, in reverse start order. */
const INFRASTRUCTURE = ['nats', 'redis', 'injective-sim'];
const COLORS = [36, 33, 35, 32, 34, 31, 96, 93, 95, 92];
/** @typedef {{ name: string, restarts: number, proc: import('node:child_process').ChildProcess | undefined }} Child */
/** @type {Map<string, Child>} */
const children = new Map();
let stopping = false;

/** @param {string} message */
function log(message) {
  process.stdout.write(`\x1b[1m[start]\x1b[0m ${message}\n`);
}

/** @param {string} binary */
function has(binary) {
  try {
    execSync(`command -v ${binary}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    log(`Node ${process.versions.node} is too old: mirrorbook needs Node >= 20.19 (the Injective SDK requires it).`);
    process.exit(1);
  }
}

function ensureNodeModules() {
  if (existsSync(join(ROOT, 'node_modules', '@swc', 'core'))) return;
  log('installing npm dependencies (npm ci) …');
  execSync('npm ci --no-audit --no-fund', { cwd: ROOT, stdio: 'inherit' });
}

function ensureServers() {
  const missing = [['nats-server', 'nats-server'], ['redis-server', 'redis-server']].filter(([bin]) => !has(bin));
  if (missing.length === 0) return;
  const packages = missing.map(([, pkg]) => pkg).join(' ');
  if (process.getuid?.() === 0 && has('apt-get')) {
    log(`installing ${packages} with apt …`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, { stdio: 'inherit' });
    return;
  }
  if (has('sudo') && has('apt-get')) {
    log(`installing ${packages} with sudo apt …`);
    execSync(`sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, { stdio: 'inherit' });
    return;
  }
  log(`missing ${packages}: install them (apt-get install -y ${packages}) and run again.`);
  process.exit(1);
}

/**
 * @param {number} port
 * @param {number} [timeoutMs]
 * @returns {Promise<void>}
 */
function waitForPort(port, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * @param {string} name
 * @param {number} color
 * @param {import('node:stream').Readable} stream
 * @param {NodeJS.WritableStream} target
 */
function prefixLines(name, color, stream, target) {
  let buffered = '';
  stream.on('data', (chunk) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) target.write(`\x1b[${color}m${name.padEnd(14)}|\x1b[0m ${line}\n`);
  });
}

/**
 * Starts a process and keeps it running: a crash restarts it after a growing delay.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Child}
 */
function supervise(name, command, args, env = {}) {
  const color = COLORS[children.size % COLORS.length];
  /** @type {Child} */
  const state = { name, restarts: 0, proc: undefined };
  children.set(name, state);
  const launch = () => {
    // its own process group: a Ctrl-C in the terminal reaches the whole foreground group at once,
    // and would stop the simulator, Redis and NATS under the apps still finishing their work; only
    // this script's ordered stopAll() signals the children
    const proc = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    state.proc = proc;
    const startedAt = Date.now();
    prefixLines(name, color, proc.stdout, process.stdout);
    prefixLines(name, color, proc.stderr, process.stderr);
    proc.on('exit', (code, signal) => {
      if (stopping) return;
      if (code === EXIT_CONFIG || code === EXIT_BAD_INPUT) {
        log(`${name} refused its configuration (exit ${code}); fix it and start again. Not restarting.`);
        return;
      }
      if (Date.now() - startedAt > 60_000) state.restarts = 0;
      const delay = Math.min(1000 * 2 ** state.restarts, 30_000);
      state.restarts += 1;
      log(`${name} exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => !stopping && launch(), delay);
    });
  };
  launch();
  return state;
}

/**
 * The Node/V8 flags of every app (scripts/node-flags.json, the flags the Dockerfile's commands
 * carry): a 4 MB semi-space and a 1.2× old-generation growth step, which keep an idle service's
 * heap small without making a busy one spend its time collecting garbage (README, "Memory").
 * @type {string[]}
 */
const NODE_FLAGS = JSON.parse(readFileSync(join(ROOT, 'scripts', 'node-flags.json'), 'utf8')).flags;

/**
 * How an app runs, as in its image (Dockerfile): its compiled entry (scripts/build.mjs) with the
 * flags of scripts/node-flags.json.
 * @param {string} app
 */
function nodeApp(app) {
  return [...NODE_FLAGS, join('dist', 'apps', app, 'src', 'main.js')];
}

/**
 * The gateway's control token: GATEWAY_TOKEN when set, else .data/gateway-token, generated once
 * (mode 0600) and reused across restarts. The token itself is printed only when it is new.
 * @returns {{ token: string, where: string }}
 */
function gatewayToken() {
  if (process.env.GATEWAY_TOKEN) return { token: process.env.GATEWAY_TOKEN, where: 'GATEWAY_TOKEN of the environment' };
  const file = join(DATA, 'gateway-token');
  const stored = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (/^[A-Za-z0-9_-]{32,}$/.test(stored)) {
    chmodSync(file, 0o600);
    log(`gateway token: in ${file}`);
    return { token: stored, where: file };
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  // the mode of writeFileSync applies only to a file it creates
  chmodSync(file, 0o600);
  log(`gateway token (new, kept in ${file}, mode 0600; printed only this once): ${token}`);
  return { token, where: file };
}

async function stopAll() {
  if (stopping) return;
  stopping = true;
  markStackStopped();
  log('stopping …');
  // the apps first, together: an executor finishes its tx in flight and reports it, which needs the
  // chain, NATS and Redis; then the simulator, Redis and NATS
  const started = [...children.values()];
  await Promise.all(started.filter(({ name }) => !INFRASTRUCTURE.includes(name)).map(stopChild));
  for (const child of started.filter(({ name }) => INFRASTRUCTURE.includes(name)).reverse()) await stopChild(child);
  log('stopped');
  process.exit(0);
}

/**
 * SIGTERM, then SIGKILL after 12 s; resolves once the process has exited (and says how it ended).
 * @param {Child} child
 * @returns {Promise<void>}
 */
function stopChild({ name, proc }) {
  return new Promise((resolve) => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      log(`${name} did not stop within 12 s of SIGTERM: SIGKILL`);
      proc.kill('SIGKILL');
    }, 12_000);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      log(`${name} stopped (${signal ?? `exit ${code}`})`);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/**
 * On the first run only (no .data/bots-bootstrapped yet) the gateway writes `bots:bootstrap`, so
 * the demo bots run by their config default. Never again on its own: if Redis loses its data,
 * every bot without a record stays stopped until an operator bootstraps again.
 * @param {string} token
 */
async function bootstrapBotsOnFirstRun(token) {
  const done = join(DATA, 'bots-bootstrapped');
  const url = `http://127.0.0.1:${PORTS.gateway}/api/bots/bootstrap`;
  if (existsSync(done)) {
    log(`bots: bootstrapped on the first run (${done}); after a Redis data loss bots without a record stay stopped until: curl -X POST -H "Authorization: Bearer <token>" ${url}`);
    return;
  }
  // the gateway's port opens before it reaches NATS and Redis (503 until then)
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
    if (res?.ok) break;
    if (attempt >= 60) throw new Error(`bootstrapping the bots failed: ${res ? `${res.status} ${await res.text()}` : 'the gateway did not answer'}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  writeFileSync(done, `${new Date().toISOString()}\n`, { mode: 0o600 });
  log('bots bootstrapped (first run): bots without a bot:<id> record run by their config default (bots:bootstrap in Redis)');
}

async function main() {
  checkNode();
  ensureNodeModules();
  ensureServers();
  await buildIfStale((reason) => `\x1b[1m[start]\x1b[0m building dist/ (${reason}) …`);
  mkdirSync(join(DATA, 'nats'), { recursive: true });
  mkdirSync(join(DATA, 'redis'), { recursive: true });
  const gateway = gatewayToken();
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  process.on('SIGHUP', stopAll);
  // the children are in groups of their own: if this script ends any other way, take them with it
  process.on('exit', () => {
    markStackStopped();
    for (const { proc } of children.values()) if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });

  log('preparing demo wallets and the simulator genesis …');
  execFileSync(process.execPath, ['dist/scripts/demo-wallets.js', DATA], { cwd: ROOT, stdio: 'inherit' });

  log('preparing a NATS and a Redis identity per service …');
  execFileSync(process.execPath, ['dist/scripts/bus-identities.js', DATA], { cwd: ROOT, stdio: 'inherit' });
  const identities = join(DATA, 'identities');
  /** @type {Record<string, string>} */
  const passwords = JSON.parse(readFileSync(join(identities, 'passwords.json'), 'utf8'));
  /** @param {string} identity */
  const busEnv = (identity) => ({
    NATS_URL: `nats://${identity}:${passwords[identity]}@127.0.0.1:${PORTS.nats}`,
    REDIS_URL: `redis://${identity}:${passwords[identity]}@127.0.0.1:${PORTS.redis}`,
  });

  supervise('nats', 'nats-server', ['-c', join(identities, 'nats-auth.conf'), '-js', '-a', '127.0.0.1', '-p', String(PORTS.nats), '-sd', join(DATA, 'nats')]);
  supervise('redis', 'redis-server', [
    '--port', String(PORTS.redis), '--bind', '127.0.0.1', '--dir', join(DATA, 'redis'), '--appendonly', 'yes', '--save', '',
    '--aclfile', join(identities, 'users.acl'),
  ]);
  await Promise.all([waitForPort(PORTS.nats), waitForPort(PORTS.redis)]);

  const common = {
    NETWORK: 'sim',
    SIM_LCD_URL: `http://127.0.0.1:${PORTS.sim}`,
    GATEWAY_TOKEN: gateway.token,
  };
  supervise('injective-sim', process.execPath, nodeApp('injective-sim'), {
    ...common,
    ...busEnv('injective-sim'),
    HTTP_PORT: String(PORTS.sim),
    SIM_GENESIS_FILE: join(DATA, 'sim-genesis.json'),
  });
  await waitForPort(PORTS.sim, 60_000);
  supervise('price-feed', process.execPath, nodeApp('price-feed'), { ...common, ...busEnv('price-feed'), HTTP_PORT: String(PORTS.priceFeed) });
  supervise('strategy', process.execPath, nodeApp('strategy'), { ...common, ...busEnv('strategy'), HTTP_PORT: String(PORTS.strategy) });
  /** @type {{ wallets: { id: string }[] }} */
  const bots = JSON.parse(readFileSync(join(ROOT, process.env.CONFIG_DIR ?? 'config', 'bots.json'), 'utf8'));
  // the key file, never the key: an environment stays readable in /proc/<pid>/environ
  bots.wallets.forEach((wallet, i) => {
    supervise(`executor-${wallet.id}`, process.execPath, nodeApp('executor'), {
      ...common,
      ...busEnv(`executor-${wallet.id}`),
      HTTP_PORT: String(PORTS.executorBase + i),
      WALLET_ID: wallet.id,
      [`WALLET_${wallet.id.toUpperCase()}_PRIVATE_KEY_FILE`]: join(DATA, 'wallets', `wallet_${wallet.id}`),
    });
  });
  supervise('gateway', process.execPath, nodeApp('gateway'), { ...common, ...busEnv('gateway'), HTTP_PORT: String(PORTS.gateway) });
  await waitForPort(PORTS.gateway, 60_000);
  await bootstrapBotsOnFirstRun(gateway.token);
  log(`mirrorbook is up on the simulator. Dashboard: http://127.0.0.1:${PORTS.gateway}/  (token: ${gateway.where})`);
  log('health: ' + [
    `gateway :${PORTS.gateway}`, `price-feed :${PORTS.priceFeed}`, `strategy :${PORTS.strategy}`,
    `executors :${PORTS.executorBase}+`, `sim :${PORTS.sim}`,
  ].join(', ') + ' — each serves /health and /metrics. Ctrl-C stops everything.');
  writeStackFile(passwords.cli, bots.wallets.map((w) => w.id));
  log(`try next, in another terminal (the CLI finds this stack through ${STACK_FILE}):`);
  log('  bin/mirrorbook health');
  log('  bin/mirrorbook compare');
  log('  bin/mirrorbook balances --wallet w1');
}

/**
 * Writes what a local tool needs to reach this stack — endpoints, the CLI's own NATS and Redis
 * identity, the gateway, the demo key files (their paths, never a key) and this script's pid —
 * into STACK_FILE, mode 0600.
 * @param {string} cliPassword
 * @param {string[]} walletIds
 */
function writeStackFile(cliPassword, walletIds) {
  const lines = [
    '# mirrorbook: the local stack `npm start` runs (scripts/start.mjs). Read by bin/mirrorbook when no',
    '# NATS_URL, REDIS_URL, SIM_LCD_URL or NETWORK is set; marked MB_STACK_STOPPED when it stops.',
    `MB_STACK_PID=${process.pid}`,
    `MB_STACK_STARTED=${new Date().toISOString()}`,
    'NETWORK=sim',
    `NATS_URL=nats://cli:${cliPassword}@127.0.0.1:${PORTS.nats}`,
    `REDIS_URL=redis://cli:${cliPassword}@127.0.0.1:${PORTS.redis}`,
    `SIM_LCD_URL=http://127.0.0.1:${PORTS.sim}`,
    `GATEWAY_URL=http://127.0.0.1:${PORTS.gateway}`,
    ...walletIds.map((id) => `WALLET_${id.toUpperCase()}_PRIVATE_KEY_FILE=${join(DATA, 'wallets', `wallet_${id}`)}`),
    '',
  ];
  writeFileSync(STACK_FILE, lines.join('\n'), { mode: 0o600 });
  chmodSync(STACK_FILE, 0o600);
}

/** Marks STACK_FILE stopped (once), so a local tool says the stack is not running. */
function markStackStopped() {
  if (!existsSync(STACK_FILE) || readFileSync(STACK_FILE, 'utf8').includes('MB_STACK_STOPPED=')) return;
  appendFileSync(STACK_FILE, `MB_STACK_STOPPED=${new Date().toISOString()}\n`);
}

main().catch((error) => {
  log(`failed: ${error.message}`);
  void stopAll();
});
