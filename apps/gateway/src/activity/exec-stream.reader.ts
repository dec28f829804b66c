import { Injectable } from '@nestjs/common';
import type { JetStreamManager } from 'nats';
import { JetStreamAccess } from '../platform/jetstream.access';
import { decodeActivityItem } from './activity-item.decoder';
import type { ActivityItem, ActivityPage } from './activity-item.view';

/** What to read from EXEC: subjects, cursor, page size and an optional extra predicate. */
export interface ActivityQuery {
  /** subject filters, e.g. `exec.report.>` and `orders.>` */
  filters: string[];
  /** only messages with a stream sequence below this */
  before?: number;
  limit: number;
  accept?: (item: ActivityItem) => boolean;
}

/** Stream sequences looked at per request at most, so a rare filter cannot make a request unbounded. */
const MAX_SCAN = 50_000;
const MAX_WINDOW = 4096;

/**
 * Reads the EXEC stream (reports and order events, the audit trail) newest first. JetStream
 * only reads forwards, so it walks back in windows of growing size and, inside each, hops from
 * match to match with MSG.GET `next_by_subj` — a request per match, none for the rest.
 */
@Injectable()
export class ExecStreamReader {
  constructor(private readonly jetstream: JetStreamAccess) {}

  async page(query: ActivityQuery): Promise<ActivityPage> {
    const { jsm } = await this.jetstream.clients();
    const { first_seq: first, last_seq: last, messages } = (await jsm.streams.info('EXEC')).state;
    if (messages === 0) return { items: [], nextBefore: null };
    const items: ActivityItem[] = [];
    let end = Math.min(query.before === undefined ? last : query.before - 1, last);
    let window = Math.max(query.limit, 16);
    let scanned = 0;
    while (items.length < query.limit && end >= first && scanned < MAX_SCAN) {
      const start = Math.max(first, end - window + 1);
      const found = (await Promise.all(query.filters.map((f) => this.range(jsm, f, start, end)))).flat().sort((a, b) => b.id - a.id);
      for (const item of found) {
        if (query.accept && !query.accept(item)) continue;
        items.push(item);
        if (items.length === query.limit) break;
      }
      scanned += end - start + 1;
      end = start - 1;
      window = Math.min(window * 2, MAX_WINDOW);
    }
    return { items, nextBefore: this.nextBefore(items, query.limit, first, end) };
  }

  private nextBefore(items: ActivityItem[], limit: number, first: number, unscannedEnd: number): number | null {
    if (items.length === limit) {
      const oldest = items[items.length - 1].id;
      return oldest > first ? oldest : null;
    }
    // the scan budget ran out before the page filled: continue below what was looked at
    return unscannedEnd >= first ? unscannedEnd + 1 : null;
  }

  private async range(jsm: JetStreamManager, filter: string, start: number, end: number): Promise<ActivityItem[]> {
    const items: ActivityItem[] = [];
    for (let seq = start; seq <= end; ) {
      const msg = await this.jetstream.nextMatching(jsm, 'EXEC', seq, filter);
      if (!msg || msg.seq > end) break;
      const item = decodeActivityItem(msg.seq, msg.subject, msg.data);
      if (item) items.push(item);
      seq = msg.seq + 1;
    }
    return items;
  }
}
