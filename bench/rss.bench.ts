/**
 * Memory of the services: RSS after each import step (a fresh `node` per step), then each service
 * started alone from the compiled dist/ against real nats-server and redis-server, with the Node
 * flags it runs with everywhere (scripts/node-flags.json, as `npm start` and the images) — time
 * until /health answers 200 and VmRSS after IDLE_MS idle. `--ts` starts the services the old way
 * (`-r @swc-node/register apps/<app>/src/main.ts`, no flags) for a before/after; `--no-flags`
 * starts dist/ without the flags.
 *
 * Run: node -r @swc-node/register bench/rss.bench.ts [--ts] [--no-flags] [--services-only]
 * (README "Memory"); the services inherit NODE_OPTIONS.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCompiled, freePort, ManagedProcess, REPO_ROOT, serviceNodeFlags, startTestServers } from '@mirrorbook/testing';

/** How long a service idles after /health 200 before its RSS is read (BENCH_IDLE_MS, default 30 s). */
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 30_000);
const RUNS = 3;
const typescript = process.argv.includes('--ts');
const servicesOnly = process.argv.includes('--services-only');
/** The flags the compiled services start with: scripts/node-flags.json unless `--no-flags`. */
const nodeFlags = typescript || process.argv.includes('--no-flags') ? [] : serviceNodeFlags();

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
  ...[
    ['price-feed', 'price-feed.module'], ['strategy', 'strategy.module'], ['gateway', 'gateway.module'],
    ['executor', 'executor.module'], ['injective-sim', 'sim.module'],
  ].map(([app, file]): [string, string[], string] => [`dist: ${app}'s Nest module (loaded, not started)`, [], `require('reflect-metadata'); require('./dist/apps/${app}/src/${file}.js')`]),
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

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** The V8 heap (total, used) and external memory the service's /metrics reports, MiB. */
async function heapMiB(port: number): Promise<{ heapTotal: number; heapUsed: number; external: number }> {
  const { body } = await httpGet(port, '/metrics');
  const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(body)?.[1] ?? NaN) / 2 ** 20;
  return { heapTotal: metric('nodejs_heap_size_total_bytes'), heapUsed: metric('nodejs_heap_size_used_bytes'), external: metric('nodejs_external_memory_bytes') };
}

async function untilHealthy(proc: ManagedProcess, port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!proc.running) throw new Error(`${proc.label} exited:\n${proc.logs().slice(-2000)}`);
    if ((await httpGet(port, '/health')).status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${proc.label}: no /health 200 within 60 s`);
}

function command(app: string): string[] {
  return typescript ? ['-r', '@swc-node/register', join('apps', app, 'src', 'main.ts')] : [...nodeFlags, join('dist', 'apps', app, 'src', 'main.js')];
}

interface ServiceMemory {
  app: string;
  readyMs: number;
  rss: number;
  heap: { heapTotal: number; heapUsed: number; external: number };
}

async function measureServices(): Promise<ServiceMemory[]> {
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
      results.push({ app, readyMs, rss: rssMiB(proc.pid), heap: await heapMiB(port) });
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
  const how = typescript ? 'TypeScript through @swc-node/register' : `compiled, dist/, node ${nodeFlags.join(' ') || '(no flags)'}`;
  process.stdout.write(`\nservices (${how}), each alone, idle ${IDLE_MS / 1000} s after /health 200:\n`);
  for (const { app, readyMs, rss, heap } of await measureServices()) {
    const v8 = `V8 heap ${heap.heapUsed.toFixed(0)} used / ${heap.heapTotal.toFixed(0)} total, external ${heap.external.toFixed(0)} MiB`;
    process.stdout.write(`  ${app.padEnd(14)} ready ${(readyMs / 1000).toFixed(1)} s  RSS ${rss.toFixed(0)} MiB  (${v8})\n`);
  }
}

void main();
