import type { StoredOrder } from '@mirrorbook/contracts';

/**
 * The lowest height an open-orders read of one market may be acted on at: the block of the
 * wallet's last tx sent from this process, and the block every stored order was created in (which
 * covers the txs of an earlier holder of the wallet). A node behind it has not seen them yet.
 */
export function requiredReadHeight(lastOwnTxHeight: number, stored: readonly StoredOrder[]): number {
  return stored.reduce((max, o) => Math.max(max, o.height ?? 0), lastOwnTxHeight);
}

/** Why a read served at `height` must not be acted on (older than `required`, or of no known height); null when it may. */
export function staleReadReason(height: number | null, required: number): string | null {
  if (height === null) return `the node sent no block height with the open orders (${required} required)`;
  if (height < required) return `the node answered at height ${height}, before ${required}`;
  return null;
}
