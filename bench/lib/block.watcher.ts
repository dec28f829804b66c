import { sleep } from './sample.stats';

/**
 * Polls the chain height every `everyMs` and remembers when each height was first seen: the
 * time a block was committed, to within one poll and one LCD round trip.
 */
export class BlockWatcher {
  readonly seenAt = new Map<number, number>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(height: () => Promise<number>, everyMs = 20) {
    this.loop = (async () => {
      while (this.running) {
        try {
          const h = await height();
          if (!this.seenAt.has(h)) this.seenAt.set(h, Date.now());
        } catch {
          // a slow or failing read: the next poll tells
        }
        await sleep(everyMs);
      }
    })();
  }

  /** Mean ms between consecutive heights seen after `from` (ms since epoch). */
  meanBlockMs(from = 0): number {
    const times = [...this.seenAt.entries()].filter(([, at]) => at >= from).sort((a, b) => a[0] - b[0]);
    if (times.length < 2) return Number.NaN;
    const [h0, t0] = times[0]!;
    const [h1, t1] = times[times.length - 1]!;
    return (t1 - t0) / (h1 - h0);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
