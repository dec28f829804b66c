/** What a tenure's work checks before every broadcast, and the signal that ends it. */
export interface TenureGuard {
  /** aborted when the lease is lost or the process stops */
  readonly signal: AbortSignal;
  /** Throws `LeaseLostError` unless this process still holds the lease (checked against Redis). */
  assertActive(): Promise<void>;
}
