import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';

/** What a WebSocket client can subscribe to. */
export const TOPICS = ['prices', 'books', 'bots', 'executions', 'activity', 'services'] as const;
export type Topic = (typeof TOPICS)[number];

/** One change on a topic; `seq` orders all deltas of this gateway process. */
export interface Delta {
  seq: number;
  topic: Topic;
  /** what changed: tick, status, book, bot, report, activity, service */
  event: string;
  data: unknown;
}

/** Deltas kept for resuming clients: at most this many, and none older than RETAIN_MS. */
const RETAIN_COUNT = 2000;
const RETAIN_MS = 60_000;

/**
 * The fan-out point of live data: numbers every delta, keeps a short ring of recent ones so a
 * reconnecting client can resume from its last `seq`, and emits each to the WebSocket sessions.
 * `epoch` names this process: seqs from another gateway instance or an earlier run mean nothing here.
 */
@Injectable()
export class TopicHub extends EventEmitter<{ delta: [Delta] }> {
  readonly epoch = randomUUID().slice(0, 8);
  private seq = 0;
  private readonly ring: { delta: Delta; at: number }[] = [];

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  get lastSeq(): number {
    return this.seq;
  }

  publish(topic: Topic, event: string, data: unknown): Delta {
    const delta = { seq: ++this.seq, topic, event, data };
    const now = Date.now();
    this.ring.push({ delta, at: now });
    while (this.ring.length > RETAIN_COUNT || (this.ring.length > 0 && now - this.ring[0].at > RETAIN_MS)) this.ring.shift();
    this.emit('delta', delta);
    return delta;
  }

  /**
   * Deltas after `since` on `topics`, or undefined when the ring no longer reaches back that far
   * (or `since` is from the future: another process) and the client needs a snapshot instead.
   */
  since(since: number, topics: ReadonlySet<Topic>): Delta[] | undefined {
    if (since > this.seq) return undefined;
    const oldest = this.ring[0]?.delta.seq ?? this.seq + 1;
    if (since < oldest - 1) return undefined;
    return this.ring.filter((r) => r.delta.seq > since && topics.has(r.delta.topic)).map((r) => r.delta);
  }
}
