import { connect, type NatsConnection, type Subscription } from 'nats';

/** One message as received. */
export interface Received {
  readonly subject: string;
  readonly payload: Record<string, unknown>;
  /** arrival, ms (performance clock) */
  readonly at: number;
}

interface Waiter {
  match: (m: Received) => boolean;
  resolve: (m: Received) => void;
}

/**
 * Test support: records every `md.>` message on a plain NATS connection, and resolves waits on
 * the first message (already received after `since`, or yet to come) that matches.
 */
export class MdRecorder {
  readonly messages: Received[] = [];
  private readonly waiters = new Set<Waiter>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly sub: Subscription,
  ) {
    void this.pump();
  }

  static async start(natsUrl: string, subject = 'md.>'): Promise<MdRecorder> {
    const nc = await connect({ servers: natsUrl });
    const recorder = new MdRecorder(nc, nc.subscribe(subject));
    await nc.flush();
    return recorder;
  }

  /** The first message matching `match` that arrived at or after `since` (default: any time). */
  waitFor(match: (m: Received) => boolean, timeoutMs: number, since = 0, what = 'a matching md message'): Promise<Received> {
    const seen = this.messages.find((m) => m.at >= since && match(m));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match: (m) => m.at >= since && match(m),
        resolve: (m) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`${what} not received within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Messages on `subject` received at or after `since`. */
  on(subject: string, since = 0): Received[] {
    return this.messages.filter((m) => m.subject === subject && m.at >= since);
  }

  async close(): Promise<void> {
    this.sub.unsubscribe();
    await this.nc.close();
  }

  private async pump(): Promise<void> {
    for await (const msg of this.sub) {
      const received: Received = { subject: msg.subject, payload: msg.json<Record<string, unknown>>(), at: performance.now() };
      this.messages.push(received);
      for (const waiter of [...this.waiters]) if (waiter.match(received)) waiter.resolve(received);
    }
  }
}
