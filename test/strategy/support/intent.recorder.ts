import { StringCodec, type NatsConnection, type Subscription } from 'nats';

const sc = StringCodec();

/** One `intent.<wallet>` message as received (unvalidated: the specs validate it). */
export interface ReceivedIntent {
  readonly subject: string;
  readonly payload: any;
}

interface Waiter {
  readonly match: (i: ReceivedIntent) => boolean;
  readonly resolve: () => void;
}

/** Records every `intent.>` message on a plain NATS subscription; waits resolve on the first match. */
export class IntentRecorder {
  readonly intents: ReceivedIntent[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly sub: Subscription;

  constructor(nc: NatsConnection) {
    const sub = nc.subscribe('intent.>');
    this.sub = sub;
    void (async () => {
      for await (const msg of sub) {
        const received = { subject: msg.subject, payload: JSON.parse(sc.decode(msg.data)) };
        this.intents.push(received);
        for (const waiter of [...this.waiters]) if (waiter.match(received)) waiter.resolve();
      }
    })();
  }

  /** Intents of `bot` planned from book `seq` of `market`. */
  of(bot: string, market: string, seq?: number): ReceivedIntent[] {
    return this.intents.filter(
      (i) => i.payload.bot === bot && i.payload.plans?.[0]?.market === market && (seq === undefined || i.payload.plans[0].basedOn.bookSeq === seq),
    );
  }

  /** Resolves once an intent of `bot` planned from book `seq` of `market` was received. */
  waitFor(bot: string, market: string, seq: number, timeoutMs = 10_000): Promise<void> {
    if (this.of(bot, market, seq).length > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match: (i) => i.payload.bot === bot && i.payload.plans?.[0]?.market === market && i.payload.plans[0].basedOn.bookSeq === seq,
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no intent of ${bot} on ${market} from book ${seq} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  stop(): void {
    this.sub.unsubscribe();
  }
}
