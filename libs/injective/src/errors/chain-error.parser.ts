import type { ChainTxError, TxResponseFailure } from './chain-tx.error';
import { InsufficientFeeError } from './insufficient-fee.error';
import { InsufficientFundsError } from './insufficient-funds.error';
import { MempoolFullError } from './mempool-full.error';
import { OutOfGasError } from './out-of-gas.error';
import { SequenceMismatchError } from './sequence-mismatch.error';
import { TxInMempoolCacheError } from './tx-in-mempool-cache.error';
import { TxRejectedError } from './tx-rejected.error';
import { TxTimeoutError } from './tx-timeout.error';
import { UnauthorizedError } from './unauthorized.error';

const PARSERS: readonly ((response: TxResponseFailure) => ChainTxError | null)[] = [
  SequenceMismatchError.parse,
  InsufficientFundsError.parse,
  InsufficientFeeError.parse,
  OutOfGasError.parse,
  TxTimeoutError.parse,
  UnauthorizedError.parse,
  MempoolFullError.parse,
  TxInMempoolCacheError.parse,
];

/**
 * The typed error a tx response (`{ code, codespace, raw_log }` of broadcast or lookup) stands
 * for; null for code 0. Unknown codes become `TxRejectedError`.
 */
export function chainErrorFromTxResponse(response: TxResponseFailure): ChainTxError | null {
  if (response.code === 0) return null;
  for (const parse of PARSERS) {
    const error = parse(response);
    if (error) return error;
  }
  return TxRejectedError.parse(response);
}
