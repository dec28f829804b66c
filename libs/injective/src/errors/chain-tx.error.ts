import { InjectiveError } from './injective.error';

/**
 * The parts of a Cosmos `tx_response` (broadcast or lookup) that say why a tx failed, as the LCD
 * spells them.
 */
export interface TxResponseFailure {
  /** ABCI code; 0 = success */
  readonly code: number;
  /** module that registered the code; `sdk` for the Cosmos SDK's own errors */
  readonly codespace?: string;
  readonly raw_log?: string;
  readonly txhash?: string;
}

/** A tx the chain refused (CheckTx on broadcast) or executed with a failure (DeliverTx). */
export abstract class ChainTxError extends InjectiveError {
  /** ABCI code from the tx response */
  readonly abciCode: number;
  readonly codespace: string;
  readonly rawLog: string;
  /** upper-case hex, when the response carried one */
  readonly txHash: string | null;

  constructor(response: TxResponseFailure, options?: { cause?: unknown }) {
    const codespace = response.codespace ?? '';
    const rawLog = response.raw_log ?? '';
    super(`${codespace || 'tx'} code ${response.code}: ${rawLog || '(no log)'}`, options);
    this.abciCode = response.code;
    this.codespace = codespace;
    this.rawLog = rawLog;
    this.txHash = response.txhash ? response.txhash : null;
  }
}

/**
 * True when `response` carries the Cosmos SDK root error `abciCode`. An empty codespace counts as
 * `sdk` (some stand-ins omit it); another module's code with the same number does not.
 */
export function isSdkError(response: TxResponseFailure, abciCode: number): boolean {
  const codespace = response.codespace ?? '';
  return response.code === abciCode && (codespace === 'sdk' || codespace === '');
}

/** The first capture group of `pattern` in `text` as a safe integer, or null. */
export function captureInteger(text: string | undefined, pattern: RegExp): number | null {
  const match = pattern.exec(text ?? '');
  if (!match?.[1]) return null;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) ? value : null;
}
