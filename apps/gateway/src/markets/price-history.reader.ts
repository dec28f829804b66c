import { Injectable } from '@nestjs/common';
import { DeliverPolicy } from 'nats';
import { priceTickSchema, subjects } from '@mirrorbook/contracts';
import { decodeInbound } from '@mirrorbook/messaging';
import { JetStreamAccess } from '../platform/jetstream.access';
import type { PriceHistory } from './price-history.view';
import { SeriesDownsampler } from './series.downsampler';

/** Budget of one history read: messages and wall time. */
const MAX_SCAN = 200_000;
const MAX_READ_MS = 5_000;
/** How far the stream's timestamp may run ahead of the feed's `ts`: read on this long past `to`. */
const STAMP_SLACK_MS = 10_000;

/**
 * Prices of one market over a time range from the MD stream (`md.price.<net>.<mk>`), read with an
 * ordered consumer that starts at `from`. The stream is checked first so the consumer is only
 * opened when a message at or after `from` exists — otherwise it would wait for one.
 */
@Injectable()
export class PriceHistoryReader {
  constructor(private readonly jetstream: JetStreamAccess) {}

  async read(market: string, from: number, to: number, maxPoints: number): Promise<PriceHistory> {
    const series = { reference: new SeriesDownsampler(from, to, maxPoints), trading: new SeriesDownsampler(from, to, maxPoints) };
    const result = (scanned: number, truncated: boolean): PriceHistory => ({
      market, from, to, reference: series.reference.points(), trading: series.trading.points(), scanned, truncated,
    });
    const { jsm, js } = await this.jetstream.clients();
    const filter = subjects.mdPrice('*', market).subject;
    // no MD stream yet (the price feed creates it): no history, not an error
    const info = await jsm.streams.info('MD', { subjects_filter: filter }).catch(() => undefined);
    const perSubject = info?.state.subjects ?? {};
    const lasts = await Promise.all(Object.keys(perSubject).map((s) => this.jetstream.lastOn(jsm, 'MD', s)));
    if (!lasts.some((m) => m && m.time.getTime() >= from - STAMP_SLACK_MS)) return result(0, false);

    const consumer = await js.consumers.get('MD', { filterSubjects: filter, deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(from - STAMP_SLACK_MS).toISOString() });
    const messages = await consumer.consume({ max_messages: 1024 });
    let scanned = 0;
    let truncated = false;
    const deadline = setTimeout(() => {
      truncated = true;
      void messages.close();
    }, MAX_READ_MS);
    try {
      for await (const msg of messages) {
        scanned += 1;
        const decoded = decodeInbound(priceTickSchema, msg.data);
        if (decoded.ok && decoded.value.ts >= from && decoded.value.ts <= to) {
          series[decoded.value.role].add({ t: decoded.value.ts, mid: decoded.value.mid });
        }
        if (msg.info.pending === 0 || msg.info.timestampNanos / 1e6 > to + STAMP_SLACK_MS) break;
        if (scanned >= MAX_SCAN) {
          truncated = true;
          break;
        }
      }
    } finally {
      clearTimeout(deadline);
      await messages.close();
    }
    return result(scanned, truncated);
  }
}
