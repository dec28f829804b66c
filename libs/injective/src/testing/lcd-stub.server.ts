import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

// Test helper (not exported from the lib): a tiny HTTP server on 127.0.0.1:0 answering canned
// JSON, recording every request with its arrival time.

/** A request as the stub saw it. */
export interface StubRequest {
  readonly method: string;
  /** path with query string */
  readonly url: string;
  readonly body: string;
  /** performance.now() at arrival */
  readonly at: number;
}

/** What the stub answers; `json` is serialized, `body` sent as is. */
export interface StubReply {
  readonly status?: number;
  readonly json?: unknown;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  /** wait this long before answering (to provoke client timeouts) */
  readonly delayMs?: number;
}

export type StubHandler = (request: StubRequest, index: number) => StubReply | Promise<StubReply>;

/** A running stub. */
export interface LcdStub {
  readonly url: string;
  readonly requests: StubRequest[];
  close(): Promise<void>;
}

/** Starts a stub that answers every request with `handler`. */
export async function startLcdStub(handler: StubHandler): Promise<LcdStub> {
  const requests: StubRequest[] = [];
  const closing = new AbortController();
  const server = createServer((req, res) => void serve(req, res, handler, requests, closing.signal));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      closing.abort();
      return close(server);
    },
  };
}

/** A URL on which nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await close(server);
  return `http://127.0.0.1:${port}`;
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  handler: StubHandler,
  requests: StubRequest[],
  closing: AbortSignal,
) {
  const at = performance.now();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = { method: req.method ?? 'GET', url: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8'), at };
  requests.push(request);
  const reply = await handler(request, requests.length - 1);
  if (reply.delayMs) {
    // a delayed answer must not keep the test process alive after close()
    const delayed = await sleep(reply.delayMs, true, { signal: closing }).catch(() => false);
    if (!delayed) return;
  }
  if (res.destroyed) return;
  const body = reply.body ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
  res.end(body);
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
