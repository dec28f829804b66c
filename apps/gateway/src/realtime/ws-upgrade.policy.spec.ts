import { isAllowedOrigin } from './ws-upgrade.policy';

const none = new Set<string>();

describe('isAllowedOrigin', () => {
  it("allows the page's own origin", () => {
    expect(isAllowedOrigin('http://127.0.0.1:8080', '127.0.0.1:8080', none)).toBe(true);
    expect(isAllowedOrigin('https://ops.example.org', 'OPS.example.org', none)).toBe(true);
  });

  it('refuses another origin, another port of the same host, and the opaque null origin', () => {
    expect(isAllowedOrigin('https://evil.example', '127.0.0.1:8080', none)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:5173', '127.0.0.1:8080', none)).toBe(false);
    expect(isAllowedOrigin('null', '127.0.0.1:8080', none)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:8080', undefined, none)).toBe(false);
  });

  it('allows the origins of GATEWAY_CORS_ORIGINS', () => {
    expect(isAllowedOrigin('http://localhost:5173', '127.0.0.1:8080', new Set(['http://localhost:5173']))).toBe(true);
  });

  it('allows a client without Origin: browsers always send one', () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:8080', none)).toBe(true);
  });
});
