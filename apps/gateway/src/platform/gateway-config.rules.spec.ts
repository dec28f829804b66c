import { envSchema } from '@mirrorbook/config';
import { DEMO_TOKEN, gatewayConfigProblems, gatewayTlsFileProblems, isLoopbackHost } from './gateway-config.rules';

const problemsOf = (vars: Record<string, string>) => gatewayConfigProblems({ env: envSchema.parse(vars) });

describe('the gateway start rules', () => {
  it('knows the loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].filter(isLoopbackHost)).toHaveLength(5);
    expect(['0.0.0.0', '::', '192.168.1.10', 'gateway', '127.example.org'].filter(isLoopbackHost)).toEqual([]);
  });

  it('accepts the demo token only with NETWORK=sim on loopback', () => {
    expect(problemsOf({ GATEWAY_TOKEN: DEMO_TOKEN })).toEqual([]);
    expect(problemsOf({ GATEWAY_TOKEN: DEMO_TOKEN, NETWORK: 'testnet' })).toEqual([expect.stringMatching(/^env: GATEWAY_TOKEN: the public demo token/)]);
    expect(problemsOf({ GATEWAY_TOKEN: DEMO_TOKEN, HTTP_HOST: '0.0.0.0', GATEWAY_ALLOW_PLAIN_HTTP: 'true' })).toEqual([expect.stringMatching(/^env: GATEWAY_TOKEN: /)]);
  });

  it('refuses plain HTTP on a non-loopback address unless GATEWAY_ALLOW_PLAIN_HTTP=true', () => {
    expect(problemsOf({ HTTP_HOST: '0.0.0.0' })).toEqual([expect.stringMatching(/^env: GATEWAY_ALLOW_PLAIN_HTTP: HTTP_HOST=0\.0\.0\.0 is not a loopback address/)]);
    expect(problemsOf({ HTTP_HOST: '0.0.0.0', GATEWAY_ALLOW_PLAIN_HTTP: 'true' })).toEqual([]);
  });

  it('allows a non-loopback address with HTTPS, and needs both TLS files', () => {
    expect(problemsOf({ HTTP_HOST: '0.0.0.0', GATEWAY_TLS_CERT_FILE: 'cert.pem', GATEWAY_TLS_KEY_FILE: 'key.pem' })).toEqual([]);
    expect(problemsOf({ GATEWAY_TLS_CERT_FILE: 'cert.pem' })).toEqual(['env: GATEWAY_TLS_KEY_FILE: HTTPS needs both GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE']);
  });

  it('names a TLS file it cannot read', () => {
    const env = envSchema.parse({ GATEWAY_TLS_CERT_FILE: '/nonexistent/cert.pem', GATEWAY_TLS_KEY_FILE: __filename });
    expect(gatewayTlsFileProblems({ env })).toEqual(['env: GATEWAY_TLS_CERT_FILE: cannot read /nonexistent/cert.pem (ENOENT)']);
  });

  it('reads GATEWAY_TRUST_PROXY as Express takes it and refuses what Express would not', () => {
    const trust = (value: string) => envSchema.parse({ GATEWAY_TRUST_PROXY: value }).GATEWAY_TRUST_PROXY;
    expect(['', 'false', 'true', '2', 'loopback, 10.0.0.0/8', '::1'].map(trust)).toEqual([false, false, true, 2, 'loopback, 10.0.0.0/8', '::1']);
    expect(envSchema.safeParse({ GATEWAY_TRUST_PROXY: 'my-proxy' }).success).toBe(false);
  });
});
