/** What a tenure's work checks before every broadcast, and the signal that ends it. */
export interface TenureGuard {
  /** aborted when the lease is lost or the process stops */
  readonly signal: AbortSignal;
  /**
   * Throws `LeaseLostError` unless this process still holds the lease with enough of it left
   * (checked locally, then atomically against Redis: holder value and fencing token).
   */
  assertActive(): Promise<void>;
  /** `signal`, also aborted when the lease's local deadline passes: what a broadcast and its waits carry */
  broadcastSignal(): AbortSignal;
}
