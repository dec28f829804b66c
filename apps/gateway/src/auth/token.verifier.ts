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
 * Checks `Authorization: Bearer <token>` (or Basic with the token as password) against
 * GATEWAY_TOKEN in constant time: both sides are hashed first, so the buffers always have equal
 * length and neither the length nor a prefix of the token leaks through timing.
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
  if (!authorization) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : undefined;
}
