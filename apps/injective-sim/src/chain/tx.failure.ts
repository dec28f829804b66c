/**
 * Why the chain refused a tx (CheckTx) or failed it in a block (DeliverTx): the ABCI `code`, its
 * `codespace` and the `raw_log` text, spelled as the Cosmos SDK / Injective chain spell them so
 * clients can parse them (e.g. `expected (\d+)` of a sequence mismatch).
 */
export class TxFailure extends Error {
  constructor(
    /** ABCI code, never 0 */
    readonly abciCode: number,
    /** module that registered the code: `sdk`, `exchange`, `undefined` (a panic) */
    readonly codespace: string,
    /** the chain's `raw_log` */
    readonly log: string,
  ) {
    super(log);
    this.name = 'TxFailure';
  }
}
