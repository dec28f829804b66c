import type { IncludedTx } from '../chain/tx.submitter';

/** The tx made it into a block but failed there (code ≠ 0): fee and sequence spent, no order changed. */
export class TxFailedError extends Error {
  readonly code = 'TX_FAILED_ON_CHAIN';

  constructor(readonly tx: IncludedTx) {
    super(`tx ${tx.txHash} failed in block ${tx.result.height}: ${tx.result.codespace || 'sdk'} code ${tx.result.code}: ${tx.result.rawLog || '(no log)'}`);
    this.name = 'TxFailedError';
  }
}
