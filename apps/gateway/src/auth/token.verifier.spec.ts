import type { AppConfig } from '@mirrorbook/config';
import { TokenVerifier } from './token.verifier';

const TOKEN = 'correct-horse-battery-staple';
const verifier = (token: string | undefined) => new TokenVerifier({ env: { GATEWAY_TOKEN: token } } as AppConfig);

describe('TokenVerifier', () => {
  describe('with GATEWAY_TOKEN set', () => {
    const v = verifier(TOKEN);
    it('accepts the bearer token', () => {
      expect(v.checkHeader(`Bearer ${TOKEN}`)).toEqual({ ok: true });
      expect(v.checkHeader(`bearer   ${TOKEN} `)).toEqual({ ok: true });
    });
    it('refuses basic auth, even with the token as the password', () => {
      expect(v.checkHeader(`Basic ${Buffer.from(`ops:${TOKEN}`).toString('base64')}`)).toMatchObject({ ok: false, status: 401 });
    });
    it('refuses a missing header, another scheme, a prefix, a longer value and a wrong token with 401', () => {
      for (const header of [undefined, '', `Token ${TOKEN}`, `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, 'Bearer nope', `Basic ${Buffer.from(TOKEN).toString('base64')}`]) {
        expect({ header, status: (v.checkHeader(header) as { status?: number }).status }).toEqual({ header, status: 401 });
      }
      expect(v.checkHeader(undefined)).toMatchObject({ reason: expect.stringContaining('missing credentials') });
      expect(v.checkHeader('Bearer nope')).toMatchObject({ reason: 'invalid token' });
    });
  });

  describe('without GATEWAY_TOKEN', () => {
    it('refuses everything with 503: control is disabled, not open', () => {
      const v = verifier(undefined);
      expect(v.enabled).toBe(false);
      expect(v.checkToken('anything')).toEqual({ ok: false, status: 503, code: 'CONTROL_DISABLED', reason: 'control disabled: GATEWAY_TOKEN not set' });
    });
  });
});
