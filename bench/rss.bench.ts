/**
 * Memory of the services: RSS after each import step (a fresh `node` per step), then each service
 * started alone from the compiled dist/ against real nats-server and redis-server — time until
 * /health answers 200 and VmRSS after IDLE_MS idle. `--ts` starts the services the old way
 * (`-r @swc-node/register apps/<app>/src/main.ts`) for a before/after.
 *
 * Run: node -r @swc-node/register bench/rss.bench.ts [--ts] [--services-only]   (README "Memory");
 * the services inherit NODE_OPTIONS.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCompiled, freePort, ManagedProcess, REPO_ROOT, startTestServers } from '@mirrorbook/testing';

const IDLE_MS = 5000;
const RUNS = 3;
const typescript = process.argv.includes('--ts');
const servicesOnly = process.argv.includes('--services-only');

/** What a step loads; each step is measured in its own process. */
const IMPORT_STEPS: [string, string[], string][] = [
  ['bare node', [], ''],
  ['-r @swc-node/register (how apps ran before)', ['-r', '@swc-node/register'], ''],
  ['@injectivelabs/sdk-ts (whole)', [], "require('@injectivelabs/sdk-ts')"],
  ['@injectivelabs/sdk-ts/core/modules', [], "require('@injectivelabs/sdk-ts/core/modules')"],
  ['@injectivelabs/sdk-ts/core/tx', [], "require('@injectivelabs/sdk-ts/core/tx')"],
  ['@injectivelabs/utils', [], "require('@injectivelabs/utils')"],
  ['@injectivelabs/networks', [], "require('@injectivelabs/networks')"],
  ['exchange v2 + cosmos tx proto codecs', [], "require('@injectivelabs/core-proto-ts-v2/generated/injective/exchange/v2/tx_pb'); require('@injectivelabs/core-proto-ts-v2/generated/cosmos/tx/v1beta1/tx_pb')"],
  ['@noble/curves secp256k1 + keccak', [], "require('@noble/curves/secp256k1'); require('@noble/hashes/sha3')"],
  ['Nest (core, common, reflect-metadata)', [], "require('reflect-metadata'); require('@nestjs/core'); require('@nestjs/common')"],
  ['nats + ioredis + zod + pino', [], "require('nats'); require('ioredis'); require('zod'); require('pino')"],
  ['dist: @mirrorbook/injective', [], "require('./dist/libs/injective/src/index.js')"],
  ['dist: @mirrorbook/injective/signing', [], "require('./dist/libs/injective/src/signing.js')"],
  ['dist: @mirrorbook/runtime', [], "require('./dist/libs/runtime/src/index.js')"],
];

const SERVICES = ['injective-sim', 'price-feed', 'strategy', 'executor', 'gateway'] as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function rssMiB(pid: number | 'self'): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** NaN when the step cannot load (e.g. an entry that does not exist yet). */
function importStepRss(flags: string[], code: string): number {
  const probe = `${code};setTimeout(()=>process.stdout.write(/VmRSS:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'))[1]),200)`;
  const runs = Array.from({ length: RUNS }, () => {
    const result = spawnSync(process.execPath, [...flags, '-e', probe], { cwd: REPO_ROOT, encoding: 'utf8' });
    return result.status === 0 ? Number(result.stdout) / 1024 : NaN;
  });
  return median(runs);
}

function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function untilHealthy(proc: ManagedProcess, port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!proc.running) throw new Error(`${proc.label} exited:\n${proc.logs().slice(-2000)}`);
    if ((await healthStatus(port)) === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${proc.label}: no /health 200 within 60 s`);
}

function command(app: string): string[] {
  return typescript ? ['-r', '@swc-node/register', join('apps', app, 'src', 'main.ts')] : [join('dist', 'apps', app, 'src', 'main.js')];
}

async function measureServices(): Promise<{ app: string; readyMs: number; rss: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mb-rss-'));
  execFileSync(process.execPath, ['dist/scripts/demo-wallets.js', dir], { cwd: REPO_ROOT, env: { ...process.env, CONFIG_DIR: 'config' }, stdio: 'ignore' });
  const servers = await startTestServers();
  const simPort = await freePort();
  const running: ManagedProcess[] = [];
  const results = [];
  try {
    for (const app of SERVICES) {
      const port = app === 'injective-sim' ? simPort : await freePort();
      const started = Date.now();
      const proc = new ManagedProcess(app, process.execPath, command(app), {
        cwd: REPO_ROOT,
        env: {
          ...process.env, ...servers.env, NETWORK: 'sim', SIM_LCD_URL: `http://127.0.0.1:${simPort}`, HTTP_PORT: String(port), LOG_LEVEL: 'warn',
          SIM_GENESIS_FILE: join(dir, 'sim-genesis.json'), WALLET_ID: 'w1', WALLET_W1_PRIVATE_KEY_FILE: join(dir, 'wallets', 'wallet_w1'),
          GATEWAY_TOKEN: 'bench-token-bench-token-bench-token', GATEWAY_ALLOW_PLAIN_HTTP: 'true',
        },
      });
      running.push(proc);
      await untilHealthy(proc, port);
      const readyMs = Date.now() - started;
      await new Promise((r) => setTimeout(r, IDLE_MS));
      results.push({ app, readyMs, rss: rssMiB(proc.pid) });
    }
  } finally {
    await Promise.all(running.map((p) => p.stop('SIGTERM', 15_000)));
    await servers.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function main(): Promise<void> {
  ensureCompiled();
  process.stdout.write(`node ${process.version}, ${new Date().toISOString()}, NODE_OPTIONS=${process.env.NODE_OPTIONS ?? ''}\n`);
  if (!servicesOnly) process.stdout.write(`\nRSS after each import step (median of ${RUNS}):\n`);
  for (const [label, flags, code] of servicesOnly ? [] : IMPORT_STEPS) {
    process.stdout.write(`  ${importStepRss(flags, code).toFixed(0).padStart(4)} MiB  ${label}\n`);
  }
  process.stdout.write(`\nservices (${typescript ? 'TypeScript through @swc-node/register' : 'compiled, dist/'}), each alone, idle ${IDLE_MS / 1000} s after /health 200:\n`);
  for (const { app, readyMs, rss } of await measureServices()) {
    process.stdout.write(`  ${app.padEnd(14)} ready ${(readyMs / 1000).toFixed(1)} s  RSS ${rss.toFixed(0)} MiB\n`);
  }
}

void main();
