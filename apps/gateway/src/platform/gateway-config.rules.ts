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
 * demo token off a loopback sim, and plain HTTP on a reachable address without the opt-in.
 */
export function gatewayConfigProblems({ env }: Pick<AppConfig, 'env'>): string[] {
  const loopback = isLoopbackHost(env.HTTP_HOST);
  const problems: string[] = [];
  if (env.GATEWAY_TOKEN === DEMO_TOKEN && !(env.NETWORK === 'sim' && loopback)) {
    problems.push(
      `env: GATEWAY_TOKEN: the public demo token is accepted only with NETWORK=sim on a loopback HTTP_HOST (got NETWORK=${env.NETWORK}, HTTP_HOST=${env.HTTP_HOST}); set a random token of at least 16 characters`,
    );
  }
  if (!loopback && !env.GATEWAY_ALLOW_PLAIN_HTTP) {
    problems.push(
      `env: GATEWAY_ALLOW_PLAIN_HTTP: HTTP_HOST=${env.HTTP_HOST} is not a loopback address and the gateway serves plain HTTP; bind 127.0.0.1, or terminate TLS in a proxy in front and set GATEWAY_ALLOW_PLAIN_HTTP=true`,
    );
  }
  return problems;
}
