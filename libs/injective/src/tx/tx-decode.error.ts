/** Why a tx could not be decoded. The chain stand-in maps each reason to a chain error code. */
export type TxDecodeErrorReason =
  /** not a TxRaw / TxBody / AuthInfo protobuf (chain: code 2, tx parse error) */
  | 'MALFORMED_TX'
  /** a message's bytes do not decode as its type URL says (chain: code 2) */
  | 'MALFORMED_MESSAGE'
  /** no signature or no signer info (chain: code 15) */
  | 'NO_SIGNATURES'
  /** more than one signer; the stand-in only serves single-signer txs (chain: code 4) */
  | 'MULTIPLE_SIGNERS'
  /** not SIGN_MODE_DIRECT (chain: code 4 for an unsupported mode) */
  | 'UNSUPPORTED_SIGN_MODE'
  /** the signer's public key is not a 33-byte ethsecp256k1 key (chain: code 8) */
  | 'INVALID_PUBKEY';

/**
 * A tx that could not be decoded. `code` is stable; branch on `reason`, never on `message`.
 * The decoder throws nothing else for bad input.
 */
export class TxDecodeError extends Error {
  /** stable error code for callers that handle several error classes */
  readonly code = 'TX_DECODE_ERROR';

  constructor(
    readonly reason: TxDecodeErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TxDecodeError';
  }
}

/** Runs `fn`, turning anything it throws (a protobuf reader's error) into a `TxDecodeError` of `reason`. */
export function guardDecode<T>(reason: TxDecodeErrorReason, message: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TxDecodeError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new TxDecodeError(reason, `${message}: ${detail}`, { cause: e });
  }
}
