import { connect, type NatsConnection, type Subscription } from 'nats';
import {
  batchIntentSchema,
  executionReportSchema,
  priceTickSchema,
  type BatchIntent,
  type ExecutionReport,
  type PriceTick,
} from '@mirrorbook/contracts';

/** A payload with the time this process received it (ms since epoch). */
export type Seen<T> = T & { seenAt: number };

/**
 * Listens to the bus for what the benches time: reference and trading price ticks, intents and
 * execution reports, each validated with its contracts schema (anything else is counted as invalid).
 */
export class BusTap {
  readonly ticks: Seen<PriceTick>[] = [];
  readonly intents = new Map<string, Seen<BatchIntent>>();
  readonly reports: Seen<ExecutionReport>[] = [];
  invalid = 0;
  private readonly subs: Subscription[] = [];

  private constructor(private readonly nc: NatsConnection) {}

  static async open(url: string, net = 'sim'): Promise<BusTap> {
    const nc = await connect({ servers: url, name: 'bench-tap', maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    const tap = new BusTap(nc);
    tap.listen(`md.price.${net}.*`, (data, seenAt) => {
      const parsed = priceTickSchema.safeParse(data);
      if (!parsed.success) return false;
      tap.ticks.push({ ...parsed.data, seenAt });
      return true;
    });
    tap.listen('intent.>', (data, seenAt) => {
      const parsed = batchIntentSchema.safeParse(data);
      if (!parsed.success) return false;
      tap.intents.set(parsed.data.id, { ...parsed.data, seenAt });
      return true;
    });
    tap.listen('exec.report.>', (data, seenAt) => {
      const parsed = executionReportSchema.safeParse(data);
      if (!parsed.success) return false;
      tap.reports.push({ ...parsed.data, seenAt });
      return true;
    });
    await nc.flush();
    return tap;
  }

  private listen(subject: string, take: (data: unknown, seenAt: number) => boolean): void {
    const sub = this.nc.subscribe(subject);
    this.subs.push(sub);
    const decoder = new TextDecoder();
    void (async () => {
      for await (const msg of sub) {
        const seenAt = Date.now();
        let ok = false;
        try {
          ok = take(JSON.parse(decoder.decode(msg.data)), seenAt);
        } catch {
          ok = false;
        }
        if (!ok) this.invalid++;
      }
    })();
  }

  /** Forgets everything recorded so far (a new measurement window). */
  clear(): void {
    this.ticks.length = 0;
    this.intents.clear();
    this.reports.length = 0;
    this.invalid = 0;
  }

  async close(): Promise<void> {
    for (const sub of this.subs) sub.unsubscribe();
    await this.nc.close().catch(() => undefined);
  }
}
