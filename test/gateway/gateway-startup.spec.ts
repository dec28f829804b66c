import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startAppProcess } from '@mirrorbook/testing';

// The gateway as `npm start` and the images run it (apps/gateway/src/main.ts in its own process):
// configurations it must refuse before it listens, the way every config error is reported.

const EXIT_CONFIG = 78;
const DEMO_TOKEN = 'demo-token-change-me-please';

async function startupOf(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  // nothing listens on these: the refusal must come before any connection
  const unreachable = { NATS_URL: `nats://127.0.0.1:${await freePort()}`, REDIS_URL: `redis://127.0.0.1:${await freePort()}`, HTTP_PORT: '0' };
  const gateway = startAppProcess('gateway', { ...unreachable, ...env });
  // a gateway that accepted the configuration listens: stop it rather than wait for an exit
  const listening = gateway.waitForOutput(/listening on http/, 50_000).then(() => gateway.stop('SIGKILL'), () => undefined);
  const { code } = await gateway.exited;
  await listening;
  return { code, output: gateway.logs() };
}

describe('gateway start rules (a child process)', () => {
  it('refuses the public demo token off the simulator: exit 78 naming GATEWAY_TOKEN, no stack trace', async () => {
    const { code, output } = await startupOf({ NETWORK: 'testnet', GATEWAY_TOKEN: DEMO_TOKEN });
    expect(code).toBe(EXIT_CONFIG);
    expect(output).toMatch(/^gateway: invalid configuration: env: GATEWAY_TOKEN: the public demo token is accepted only with NETWORK=sim on a loopback HTTP_HOST/m);
    expect(output).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('refuses plain HTTP on a non-loopback address without the opt-in: exit 78 naming GATEWAY_ALLOW_PLAIN_HTTP', async () => {
    const { code, output } = await startupOf({ NETWORK: 'sim', HTTP_HOST: '0.0.0.0', GATEWAY_TOKEN: 'test-token-0123456789abcdef' });
    expect(code).toBe(EXIT_CONFIG);
    expect(output).toMatch(/^gateway: invalid configuration: env: GATEWAY_ALLOW_PLAIN_HTTP: HTTP_HOST=0\.0\.0\.0 is not a loopback address/m);
    expect(output).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('serves HTTPS on a non-loopback address with GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE, no opt-in needed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-gateway-tls-'));
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const unreachable = { NATS_URL: `nats://127.0.0.1:${await freePort()}`, REDIS_URL: `redis://127.0.0.1:${await freePort()}`, HTTP_PORT: '0' };
    const gateway = startAppProcess('gateway', { ...unreachable, HTTP_HOST: '0.0.0.0', GATEWAY_TLS_CERT_FILE: cert, GATEWAY_TLS_KEY_FILE: key, GATEWAY_TOKEN: 'test-token-0123456789abcdef' });
    try {
      const [, port] = await gateway.waitForOutput(/listening on https:\/\/0\.0\.0\.0:(\d+)/, 50_000);
      const status = await new Promise<number | undefined>((resolve, reject) => {
        request({ host: '127.0.0.1', port: Number(port), path: '/health/live', rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(200);
    } finally {
      await gateway.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
