import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { AppConfig } from '@mirrorbook/config';

/** The token older `npm start`s used and printed: public, so it only ever guards a local sim. */
export const DEMO_TOKEN = 'demo-token-change-me-please';

/** Whether HTTP_HOST only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * What the gateway refuses to start with (runService prints each line and exits 78): the public
 * demo token off a loopback sim, half a TLS setting, and plain HTTP on a reachable address
 * without the opt-in.
 */
export function gatewayConfigProblems({ env }: Pick<AppConfig, 'env'>): string[] {
  const loopback = isLoopbackHost(env.HTTP_HOST);
  const tls = env.GATEWAY_TLS_CERT_FILE !== undefined && env.GATEWAY_TLS_KEY_FILE !== undefined;
  const problems: string[] = [];
  if ((env.GATEWAY_TLS_CERT_FILE === undefined) !== (env.GATEWAY_TLS_KEY_FILE === undefined)) {
    const missing = env.GATEWAY_TLS_CERT_FILE === undefined ? 'GATEWAY_TLS_CERT_FILE' : 'GATEWAY_TLS_KEY_FILE';
    problems.push(`env: ${missing}: HTTPS needs both GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE`);
  }
  if (env.GATEWAY_TOKEN === DEMO_TOKEN && !(env.NETWORK === 'sim' && loopback)) {
    problems.push(
      `env: GATEWAY_TOKEN: the public demo token is accepted only with NETWORK=sim on a loopback HTTP_HOST (got NETWORK=${env.NETWORK}, HTTP_HOST=${env.HTTP_HOST}); set a random token of at least 16 characters`,
    );
  }
  if (!loopback && !tls && !env.GATEWAY_ALLOW_PLAIN_HTTP) {
    problems.push(
      `env: GATEWAY_ALLOW_PLAIN_HTTP: HTTP_HOST=${env.HTTP_HOST} is not a loopback address and the gateway serves plain HTTP; bind 127.0.0.1, serve HTTPS (GATEWAY_TLS_CERT_FILE, GATEWAY_TLS_KEY_FILE), or terminate TLS in a proxy in front and set GATEWAY_ALLOW_PLAIN_HTTP=true`,
    );
  }
  return problems;
}

/** The TLS files that cannot be read (one line each, never their content). */
export function gatewayTlsFileProblems({ env }: Pick<AppConfig, 'env'>): string[] {
  const files = { GATEWAY_TLS_CERT_FILE: env.GATEWAY_TLS_CERT_FILE, GATEWAY_TLS_KEY_FILE: env.GATEWAY_TLS_KEY_FILE };
  return Object.entries(files).flatMap(([name, path]) => {
    if (path === undefined) return [];
    try {
      readFileSync(path);
      return [];
    } catch (error) {
      return [`env: ${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`];
    }
  });
}

/** HTTPS options when both TLS files are set (runService reads them after the rules above passed). */
export function gatewayHttpsOptions({ env }: Pick<AppConfig, 'env'>): { key: Buffer; cert: Buffer } | undefined {
  if (env.GATEWAY_TLS_CERT_FILE === undefined || env.GATEWAY_TLS_KEY_FILE === undefined) return undefined;
  return { cert: readFileSync(env.GATEWAY_TLS_CERT_FILE), key: readFileSync(env.GATEWAY_TLS_KEY_FILE) };
}
