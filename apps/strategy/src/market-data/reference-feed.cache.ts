import type { Subscription } from 'nats';
import { isNewerCopy, subjects, type FeedStamp, type FeedStatus, type PriceTick } from '@mirrorbook/contracts';
import type { MessagingService } from '@mirrorbook/messaging';

/**
 * The newest reference tick and feed status per market as heard on `md.price.*.*` (role
 * `reference`) and `md.status.*`. Every worker hears them all (no queue group); the evaluator
 * takes the newer of this and what the feed stored in Redis, so a tick that arrived just before
 * its Redis write (or a write that failed) still counts.
 */
export class ReferenceFeedCache {
  private readonly references = new Map<string, PriceTick>();
  private readonly statuses = new Map<string, FeedStatus>();
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly messaging: MessagingService,
    private readonly now: () => number = Date.now,
  ) {}

  /** Subscribes; call once NATS is connected. */
  start(): void {
    this.subscriptions.push(
      this.messaging.subscribe(subjects.mdPrice('*', '*'), (tick) => {
        if (tick.role === 'reference') keepNewest(this.references, tick.market, tick, this.now());
      }),
      this.messaging.subscribe(subjects.mdStatus('*'), (status) => keepNewest(this.statuses, status.market, status, this.now())),
    );
  }

  reference(marketKey: string): PriceTick | undefined {
    return this.references.get(marketKey);
  }

  status(marketKey: string): FeedStatus | undefined {
    return this.statuses.get(marketKey);
  }

  stop(): void {
    for (const sub of this.subscriptions.splice(0)) sub.unsubscribe();
  }
}

function keepNewest<T extends FeedStamp>(map: Map<string, T>, key: string, candidate: T, nowMs: number): void {
  if (isNewerCopy(candidate, map.get(key), nowMs)) map.set(key, candidate);
}
