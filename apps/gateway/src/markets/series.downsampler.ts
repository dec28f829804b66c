/** One chart point: time (ms since epoch) and price (decimal string). */
export interface SeriesPoint {
  t: number;
  mid: string;
}

/**
 * Keeps at most `maxPoints` points over [from, to]: the range is cut into equal time buckets and
 * the latest point of each is kept, so a chart of any range costs the same to send and draw.
 */
export class SeriesDownsampler {
  private readonly buckets = new Map<number, SeriesPoint>();
  private readonly bucketMs: number;

  constructor(
    private readonly from: number,
    to: number,
    maxPoints: number,
  ) {
    this.bucketMs = Math.max(1, Math.ceil((to - from + 1) / maxPoints));
  }

  add(point: SeriesPoint): void {
    const bucket = Math.floor((point.t - this.from) / this.bucketMs);
    const held = this.buckets.get(bucket);
    if (!held || point.t >= held.t) this.buckets.set(bucket, point);
  }

  points(): SeriesPoint[] {
    return [...this.buckets.values()].sort((a, b) => a.t - b.t);
  }
}
