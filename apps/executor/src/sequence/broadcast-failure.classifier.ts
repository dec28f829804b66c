/**
 * What a refused or failed broadcast means for the batch. Every refusal at broadcast comes from
 * CheckTx (ante handler and mempool), so none of them consumed the sequence (docs/injective.md#account-sequence).
 */
export type BroadcastFailure =
  /** sign again with the chain's `expected` sequence, once */
  | { readonly kind: 'sequence-mismatch'; readonly expected: number | null }
  /** the very same bytes reached the node before: wait for their inclusion */
  | { readonly kind: 'already-known' }
  /** send the same bytes again after `delayMs`; `ambiguous` when the first attempt may have arrived */
  | { readonly kind: 'resend'; readonly delayMs: number; readonly ambiguous: boolean }
  /** the timeout height passed: sign again with a new one */
  | { readonly kind: 'resign' }
  /** the fee is below the chain's minimum (code 13): read the gas price again and sign again, once */
  | { readonly kind: 'reprice' }
  /** give the batch up; `refreshAccount` when the account number or chain id may be wrong */
  | { readonly kind: 'fatal'; readonly refreshAccount: boolean };

const MEMPOOL_FULL_PAUSE_MS = 500;
const RATE_LIMIT_PAUSE_MS = 1000;
const UNAVAILABLE_PAUSE_MS = 200;

/**
 * Classifies an error thrown by `broadcastTx` by its stable `code` (libs/injective errors), never
 * by message text. Unknown errors are fatal for the batch.
 */
export function classifyBroadcastFailure(error: unknown): BroadcastFailure {
  const code = codeOf(error);
  switch (code) {
    case 'SEQUENCE_MISMATCH':
      return { kind: 'sequence-mismatch', expected: numberField(error, 'expected') };
    case 'TX_IN_MEMPOOL_CACHE':
      return { kind: 'already-known' };
    case 'MEMPOOL_FULL':
      return { kind: 'resend', delayMs: MEMPOOL_FULL_PAUSE_MS, ambiguous: false };
    case 'RATE_LIMITED':
      return { kind: 'resend', delayMs: numberField(error, 'retryAfterMs') ?? RATE_LIMIT_PAUSE_MS, ambiguous: false };
    case 'CHAIN_UNAVAILABLE':
      return { kind: 'resend', delayMs: UNAVAILABLE_PAUSE_MS, ambiguous: true };
    case 'TX_TIMEOUT_HEIGHT':
      return { kind: 'resign' };
    case 'INSUFFICIENT_FEE':
      return { kind: 'reprice' };
    case 'UNAUTHORIZED':
      return { kind: 'fatal', refreshAccount: true };
    default:
      return { kind: 'fatal', refreshAccount: false };
  }
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : undefined;
}

function numberField(error: unknown, field: string): number | null {
  const value = typeof error === 'object' && error !== null ? Reflect.get(error, field) : undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}
