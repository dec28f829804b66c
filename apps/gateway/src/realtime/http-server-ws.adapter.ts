import type { IncomingMessage } from 'node:http';
import { HttpAdapterHost } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import { EMPTY } from 'rxjs';
import type { WebSocket } from 'ws';
import { parseWsMessage } from './ws-message.parser';
import type { RealtimeSessions } from './realtime.sessions';
import type { WsUpgradePolicy } from './ws-upgrade.policy';

/** Largest message a client may send; `ws` closes the connection with 1009 beyond it. */
export const WS_MAX_FRAME_BYTES = 64 * 1024;

/**
 * The `ws` adapter on the app's own HTTP server, with the gateway's limits: upgrades pass
 * `WsUpgradePolicy` (else an HTTP error), frames are at most WS_MAX_FRAME_BYTES, and each message
 * takes a token of its connection's bucket before it is parsed. It is installed before the HTTP
 * server listens, so it looks the server up when Nest creates the gateway.
 */
export class HttpServerWsAdapter extends WsAdapter {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly policy: WsUpgradePolicy,
    private readonly sessions: RealtimeSessions,
  ) {
    super(undefined, { messageParser: (data) => parseWsMessage(data) });
  }

  override create(port: number, options?: Record<string, unknown> & { namespace?: string; server?: unknown; path?: string }) {
    const self = this as unknown as { httpServer: unknown };
    self.httpServer ??= this.host.httpAdapter.getHttpServer();
    return super.create(port, {
      ...options,
      maxPayload: WS_MAX_FRAME_BYTES,
      verifyClient: (info: { req: IncomingMessage }, done: (ok: boolean, status?: number, message?: string) => void) => {
        const refusal = this.policy.refusal(info.req);
        done(refusal === undefined, refusal?.status, refusal?.message);
      },
    });
  }

  // the event is ws's MessageEvent, whose target is the client
  override bindMessageHandler(event: { target: WebSocket }, handlers: Map<string, MessageMappingProperties>, transform: (data: unknown) => Observable<unknown>): Observable<unknown> {
    if (!this.sessions.admitMessage(event.target)) return EMPTY;
    return super.bindMessageHandler(event, handlers, transform);
  }
}
