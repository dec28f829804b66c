import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';

/** The outcome of checking a request's credentials against GATEWAY_TOKEN. */
export type TokenCheck =
  | { ok: true }
  | { ok: false; status: 401; code: 'UNAUTHORIZED'; reason: string }
  | { ok: false; status: 503; code: 'CONTROL_DISABLED'; reason: string };

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <token>` against GATEWAY_TOKEN in constant time: both sides are
 * hashed first, so the buffers always have equal length and neither the length nor a prefix of the
 * token leaks through timing. Bearer only: browsers resend Basic credentials on their own, which
 * would let another site's form post control the bots.
 */
@Injectable()
export class TokenVerifier {
  private readonly expected: Buffer | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.env.GATEWAY_TOKEN === undefined ? undefined : digest(config.env.GATEWAY_TOKEN);
  }

  /** Whether control is possible at all (GATEWAY_TOKEN set). */
  get enabled(): boolean {
    return this.expected !== undefined;
  }

  /** Checks an Authorization header value. */
  checkHeader(authorization: string | undefined): TokenCheck {
    return this.checkToken(tokenFromHeader(authorization));
  }

  /** Checks a bare token (WebSocket messages carry it in a field). */
  checkToken(token: string | undefined): TokenCheck {
    if (!this.expected) return { ok: false, status: 503, code: 'CONTROL_DISABLED', reason: 'control disabled: GATEWAY_TOKEN not set' };
    if (!token) return { ok: false, status: 401, code: 'UNAUTHORIZED', reason: 'missing credentials: send Authorization: Bearer <GATEWAY_TOKEN>' };
    if (!timingSafeEqual(digest(token), this.expected)) return { ok: false, status: 401, code: 'UNAUTHORIZED', reason: 'invalid token' };
    return { ok: true };
  }
}

function tokenFromHeader(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}
