import { createHash } from 'node:crypto';

/**
 * A deterministic order hash: `0x` + sha256 of `subaccountId|marketId|height|nonce`, where the
 * nonce counts the subaccount's created orders. Unique per subaccount and independent of the clock.
 */
export function orderHash(subaccountId: string, marketId: string, height: number, nonce: number): string {
  return `0x${createHash('sha256').update(`${subaccountId}|${marketId}|${height}|${nonce}`).digest('hex')}`;
}
