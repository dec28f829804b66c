/** This process no longer holds the wallet's lease: it must not broadcast. */
export class LeaseLostError extends Error {
  readonly code = 'LEASE_LOST';

  constructor(reason: string) {
    super(`lease lost: ${reason}`);
    this.name = 'LeaseLostError';
  }
}
