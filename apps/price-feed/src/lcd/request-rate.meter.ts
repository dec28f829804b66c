/** Counts events in a sliding window (requests started in the last second). */
export class RequestRateMeter {
  private readonly stamps: number[] = [];

  constructor(private readonly windowMs = 1000) {}

  /** Records one event at `now` (ms). */
  record(now: number): void {
    this.stamps.push(now);
    this.prune(now);
  }

  /** Events within the window ending at `now`. */
  count(now: number): number {
    this.prune(now);
    return this.stamps.length;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.stamps.length && this.stamps[drop] <= now - this.windowMs) drop++;
    if (drop > 0) this.stamps.splice(0, drop);
  }
}
