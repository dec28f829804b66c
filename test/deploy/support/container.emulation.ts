import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { natsPasswordVariable, redisPasswordVariable, serviceIdentities } from '@mirrorbook/access';
import { ManagedProcess, REPO_ROOT } from '@mirrorbook/testing';
import { interpolate } from './compose.interpolation';
import { configuredWallets, environmentOf, type ComposeService } from './compose.model';

/** A test password per identity and server, as deploy/bin/init-env.sh writes them into .env. */
export function testBusPasswords(wallets: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    serviceIdentities(wallets).flatMap(({ name }) => [
      [natsPasswordVariable(name), `natsTest${name.replace(/[^A-Za-z0-9]/g, '')}0123`],
      [redisPasswordVariable(name), `redisTest${name.replace(/[^A-Za-z0-9]/g, '')}0123`],
    ]),
  );
}

/** Values the tests give the variables compose interpolates from .env. */
export const TEST_DOTENV: Record<string, string> = {
  ...testBusPasswords(configuredWallets().map((w) => w.id)),
  GATEWAY_TOKEN: 'test-token-0123456789',
};

/**
 * A container's environment for a process on this machine: the image's ENV, then the compose
 * service's `environment` (interpolated with TEST_DOTENV), then `overrides`; container paths
 * (`/run/secrets/…`, `/sim/…`) mapped by `paths`.
 */
export function containerEnvironment(
  imageEnv: Record<string, string>,
  service: ComposeService,
  paths: Record<string, string>,
  overrides: Record<string, string>,
): NodeJS.ProcessEnv {
  const composeEnv = Object.fromEntries(Object.entries(environmentOf(service)).map(([k, v]) => [k, interpolate(v, TEST_DOTENV)]));
  const env: Record<string, string> = { ...imageEnv, ...composeEnv, ...overrides };
  for (const [name, value] of Object.entries(env)) {
    const prefix = Object.keys(paths).find((p) => value.startsWith(p));
    if (prefix) env[name] = join(paths[prefix], value.slice(prefix.length));
  }
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^WALLET_|^NODE_OPTIONS$|^HTTP_/.test(k)));
  return { ...inherited, ...env };
}

/** Starts a container command (exec form) here: `node` is this Node, the repository is /app. */
export function startContainerCommand(label: string, command: string[], env: NodeJS.ProcessEnv): ManagedProcess {
  const [binary, ...args] = command;
  return new ManagedProcess(label, binary === 'node' ? process.execPath : binary, args, { cwd: REPO_ROOT, env });
}

/**
 * GET on 127.0.0.1 over a fresh connection (no keep-alive pool: a pooled socket can meet the
 * server's keep-alive timeout between two tests and fail with "other side closed").
 */
export function httpGet(port: number, path: string, timeoutMs = 5000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path} on ${port}: no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** Polls /health until it answers 200; rejects with the process's output otherwise. */
export async function waitForHealth(proc: ManagedProcess, port: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!proc.running) throw new Error(`${proc.label} exited before /health answered 200:\n${proc.logs().slice(-3000)}`);
    try {
      const { status, body } = await httpGet(port, '/health', 2000);
      if (status === 200) return;
      last = `HTTP ${status}: ${body.slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${proc.label}: /health did not answer 200 within ${timeoutMs} ms (last: ${last}):\n${proc.logs().slice(-3000)}`);
}

/** Runs a HEALTHCHECK command (exec form) the way Docker would, here; returns its exit code. */
export function runHealthcheck(command: string[], env: NodeJS.ProcessEnv): number | null {
  const [binary, ...args] = command;
  return spawnSync(binary === 'node' ? process.execPath : binary, args, { env, timeout: 10_000 }).status;
}

/** Peak resident memory of a process so far, MiB (Linux /proc). */
export function peakRssMiB(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for ${pid}`);
  return Number(match[1]) / 1024;
}
