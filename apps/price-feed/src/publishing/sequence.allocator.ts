/**
 * The next seq of one stream (pure): the current time in ms, or one more than the previous seq if
 * that is not larger. Time-based, so a restarted feed continues above its predecessor without
 * shared state (the allocator is also seeded from the last seqs kept in Redis, which covers a
 * clock that went backwards).
 */
export function nextSeq(previous: number | undefined, nowMs: number): number {
  return previous === undefined ? nowMs : Math.max(previous + 1, nowMs);
}

/** Monotonic seqs per key (`price:<net>:<role>:<mk>`, `book:…`, `status:<mk>`). */
export class SequenceAllocator {
  private readonly last = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Makes sure the key's next seq is above `seq` (seeding from what an earlier run published). */
  seed(key: string, seq: number): void {
    this.last.set(key, Math.max(this.last.get(key) ?? 0, seq));
  }

  next(key: string): number {
    const seq = nextSeq(this.last.get(key), this.now());
    this.last.set(key, seq);
    return seq;
  }
}
