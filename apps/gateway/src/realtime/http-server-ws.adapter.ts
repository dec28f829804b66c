import { HttpAdapterHost } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { parseWsMessage } from './ws-message.parser';

/**
 * The `ws` adapter on the app's own HTTP server. It is installed before the HTTP server listens,
 * so it looks the server up when Nest creates the gateway.
 */
export class HttpServerWsAdapter extends WsAdapter {
  constructor(private readonly host: HttpAdapterHost) {
    super(undefined, { messageParser: (data) => parseWsMessage(data) });
  }

  override create(port: number, options?: Record<string, unknown> & { namespace?: string; server?: unknown; path?: string }) {
    const self = this as unknown as { httpServer: unknown };
    self.httpServer ??= this.host.httpAdapter.getHttpServer();
    return super.create(port, options);
  }
}
