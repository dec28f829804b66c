import type { LcdClient } from '@mirrorbook/injective';

/**
 * The latest block height of one LCD host, read at most once per `refreshMs` however many
 * markets ask: every read of that host in between reuses it (so a snapshot's height is the height
 * known when its read started, a lower bound of the height it was served at). The height header
 * of the host's last reply counts as a read: while the feed polls books, it costs no request.
 */
export class HeightTracker {
  private latest: { height: number; at: number } | undefined;
  private inflight: Promise<number> | undefined;

  constructor(
    private readonly client: Pick<LcdClient, 'getLatestHeight' | 'lastSeenHeight'>,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The latest height, refreshed when older than `refreshMs`; throws what the LCD client throws. */
  current(): Promise<number> {
    const seen = this.client.lastSeenHeight();
    if (seen && (!this.latest || seen.height >= this.latest.height)) this.latest = { height: seen.height, at: seen.atMs };
    if (this.latest && this.now() - this.latest.at < this.refreshMs) return Promise.resolve(this.latest.height);
    this.inflight ??= this.client
      .getLatestHeight()
      .then((height) => {
        this.latest = { height, at: this.now() };
        return height;
      })
      .finally(() => (this.inflight = undefined));
    return this.inflight;
  }
}
