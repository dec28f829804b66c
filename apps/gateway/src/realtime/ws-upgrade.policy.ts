import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { ClientAddressResolver } from '../platform/client-address';
import { RealtimeSessions } from './realtime.sessions';

/** Why a WebSocket upgrade is answered with an HTTP error instead. */
export interface UpgradeRefusal {
  status: 403 | 429 | 503;
  message: string;
}

/**
 * Whether a browser page at `origin` may open the socket: the page's own origin (its host is the
 * one the request was sent to) or one of GATEWAY_CORS_ORIGINS. No Origin at all is a client that
 * is not a browser (the CLI, scripts): browsers always send one on a WebSocket upgrade, so a
 * missing Origin cannot be another site's page riding on the user's session.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Admission of WebSocket upgrades: origin, then the connection caps in all and per client IP. */
@Injectable()
export class WsUpgradePolicy {
  private readonly allowedOrigins: ReadonlySet<string>;
  private readonly maxConnections: number;
  private readonly maxPerClient: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: RealtimeSessions,
    private readonly addresses: ClientAddressResolver,
  ) {
    this.allowedOrigins = new Set(config.env.GATEWAY_CORS_ORIGINS);
    this.maxConnections = config.env.GATEWAY_WS_MAX_CONNECTIONS;
    this.maxPerClient = config.env.GATEWAY_WS_MAX_CONNECTIONS_PER_IP;
  }

  refusal(request: IncomingMessage): UpgradeRefusal | undefined {
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, this.allowedOrigins)) {
      return { status: 403, message: 'origin not allowed' };
    }
    if (this.sessions.size >= this.maxConnections) return { status: 503, message: 'too many WebSocket connections' };
    if (this.sessions.countFrom(this.addresses.of(request)) >= this.maxPerClient) {
      return { status: 429, message: 'too many WebSocket connections from this address' };
    }
    return undefined;
  }
}
