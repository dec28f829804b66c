import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the LCD side saw it. */
export interface SeenRequest {
  /** arrival, ms (performance clock) */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  /** `answered` once the reply was sent in full; `dropped` if the client went away first */
  outcome: 'pending' | 'answered' | 'dropped';
}

/** A canned reply that replaces the upstream's for matching paths. */
export type Tamper = (path: string) => { status: number; body: string } | undefined;

/**
 * Test support: an HTTP proxy in front of the sim's LCD. It records every request (to measure
 * the rate the LCD side sees), can answer some paths itself (crossed books, garbage), and can be
 * pointed at a restarted sim. When the upstream is down it drops the connection, as a stopped
 * node would.
 */
export class LcdProxy {
  readonly requests: SeenRequest[] = [];
  tamper: Tamper | undefined;

  private readonly server: Server;

  private constructor(public upstream: string) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  static async start(upstream: string): Promise<LcdProxy> {
    const proxy = new LcdProxy(upstream);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The most requests that arrived within any `windowMs` (requests after `since` only). */
  maxInWindow(windowMs = 1000, since = 0): number {
    const times = this.requests.filter((r) => r.at >= since).map((r) => r.at);
    let best = 0;
    for (let i = 0, j = 0; j < times.length; j++) {
      while (times[j] - times[i] >= windowMs) i++;
      best = Math.max(best, j - i + 1);
    }
    return best;
  }

  /** Requests whose path contains `fragment`. */
  count(fragment: string): number {
    return this.requests.filter((r) => r.path.includes(fragment)).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    const seen: SeenRequest = { at: performance.now(), method: req.method ?? 'GET', path, outcome: 'pending' };
    this.requests.push(seen);
    res.on('close', () => (seen.outcome = res.writableFinished ? 'answered' : 'dropped'));
    const canned = this.tamper?.(path);
    if (canned) {
      res.writeHead(canned.status, { 'content-type': 'application/json' }).end(canned.body);
      return;
    }
    const upstream = request(`${this.upstream}${path}`, { method: req.method, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  }
}
