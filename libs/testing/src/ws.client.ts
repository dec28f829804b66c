import WebSocket from 'ws';

/** A test WebSocket client that records every message and awaits the ones a test expects. */
export class WsClient {
  readonly messages: any[] = [];
  /** The close code and reason, once the connection has closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { predicate: (m: any) => boolean; resolve: (m: any) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => (w.predicate(message) ? (w.resolve(message), false) : true));
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
    const socket = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new WsClient(socket)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first message (already received or coming) that matches. */
  next(predicate: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
    const seen = this.messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching WebSocket message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** Like next, but only among messages that arrive from now on. */
  nextNew(predicate: (m: any) => boolean, timeoutMs = 5000): Promise<any> {
    const from = this.messages.length;
    return this.next((m) => this.messages.indexOf(m) >= from && predicate(m), timeoutMs);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
