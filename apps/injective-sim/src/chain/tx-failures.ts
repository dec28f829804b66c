import { TxFailure } from './tx.failure';

/**
 * The chain's tx failures, one builder per error, with the chain's texts (`<detail>: <root
 * error>`). Codes are Cosmos SDK root errors (codespace `sdk`) unless noted.
 */
export const TxFailures = {
  /** 2: the bytes are not a tx */
  txParse: (detail: string) => new TxFailure(2, 'sdk', detail ? `${detail}: tx parse error` : 'tx parse error'),
  /** 4: bad signature, or signed for another chain id / account number */
  signatureVerification: (accountNumber: bigint, sequence: bigint, chainId: string) =>
    new TxFailure(
      4,
      'sdk',
      `signature verification failed; please verify account number (${accountNumber}), sequence (${sequence}) and chain-id (${chainId}): unauthorized`,
    ),
  /** 4: more than one signer or an unsupported sign mode */
  unauthorized: (detail: string) => new TxFailure(4, 'sdk', `${detail}: unauthorized`),
  /** 5: the fee payer cannot pay */
  insufficientFunds: (spendable: string, fee: string) =>
    new TxFailure(5, 'sdk', `spendable balance ${spendable} is smaller than ${fee}: insufficient funds: insufficient funds`),
  /** 6: a message the sim does not execute */
  unknownRequest: (detail: string) => new TxFailure(6, 'sdk', `${detail}: unknown request`),
  /** 8: the key is missing, malformed, or not the signer's */
  invalidPubKey: (detail: string) => new TxFailure(8, 'sdk', `${detail}: invalid pubkey`),
  /** 9: no such account */
  unknownAddress: (address: string) => new TxFailure(9, 'sdk', `account ${address} does not exist: unknown address`),
  /**
   * 11: the tx needs more gas than its limit. In the ante handler (location `txSize`, `ante verify: …`)
   * it is refused with nothing deducted; after it (the messages) the sequence and the fee are consumed.
   */
  outOfGas: (location: string, gasWanted: bigint, gasUsed: bigint) =>
    new TxFailure(11, 'sdk', `out of gas in location: ${location}; gasWanted: ${gasWanted}, gasUsed: ${gasUsed}: out of gas`),
  /** 13: fee below gas limit × minimum gas price */
  insufficientFee: (got: string, required: string) =>
    new TxFailure(13, 'sdk', `insufficient fees; got: ${got} required: ${required}: insufficient fee`),
  /** 13: a tx without a fee coin (injective-core txfees `MempoolFeeDecorator`) */
  noFee: () => new TxFailure(13, 'sdk', 'no fee provided in tx: insufficient fee'),
  /** 13: a fee coin that is not a valid amount (cosmos-sdk `DeductFees`) */
  invalidFeeAmount: (fee: string) => new TxFailure(13, 'sdk', `invalid fee amount: ${fee}: insufficient fee`),
  /** txfees 1: a fee in another denom than `inj` */
  invalidFeeToken: (denom: string) =>
    new TxFailure(1, 'txfees', `fee denom is not a valid denom (inj or stake): ${denom}: invalid fee token`),
  /** txfees 2: more than one coin in the fee */
  tooManyFeeCoins: () => new TxFailure(2, 'txfees', 'more than one coin in fee'),
  /** 15: no signature */
  noSignatures: () => new TxFailure(15, 'sdk', 'no signatures supplied'),
  /** 18: a stateless check failed */
  invalidRequest: (detail: string) => new TxFailure(18, 'sdk', `${detail}: invalid request`),
  /** 19: the same bytes are already in the mempool (or were included) */
  txInMempoolCache: () => new TxFailure(19, 'sdk', 'tx already in mempool'),
  /** 20: mempool full; retry later */
  mempoolFull: (count: number, max: number) =>
    new TxFailure(20, 'sdk', `mempool is full: number of txs ${count} (max: ${max}): mempool is full`),
  /** 30: the tx's timeout height has passed */
  timeoutHeight: (blockHeight: number, timeoutHeight: bigint) =>
    new TxFailure(30, 'sdk', `block height: ${blockHeight}, timeout height: ${timeoutHeight}: tx timeout height`),
  /** 32: signed with another sequence than the account's (check state) */
  wrongSequence: (expected: bigint, got: bigint) =>
    new TxFailure(32, 'sdk', `account sequence mismatch, expected ${expected}, got ${got}: incorrect account sequence`),
  /** 41: gas limit above the block's max gas */
  invalidGasLimit: (gasWanted: bigint, maxGas: number) =>
    new TxFailure(41, 'sdk', `tx gas limit ${gasWanted} exceeds block max gas ${maxGas}: invalid gas limit`),
  /** exchange 10: a subaccount that is not the sender's */
  badSubaccountId: (subaccountId: string) =>
    new TxFailure(10, 'exchange', `subaccount ${subaccountId} does not belong to the sender: bad subaccount id`),
  /** exchange 58: a MsgBatchUpdateOrders that breaks the message's rules */
  invalidBatchMsgUpdate: (detail: string) => new TxFailure(58, 'exchange', `${detail}: invalid batch msg update`),
  /** exchange 60: an order type a batch cannot carry */
  invalidOrderTypeForMessage: (orderType: number) =>
    new TxFailure(60, 'exchange', `order type ${orderType} is not supported in MsgBatchUpdateOrders: invalid order type for message`),
  /** a message handler threw: the chain reports a panic in codespace `undefined` */
  panic: (detail: string) => new TxFailure(111222, 'undefined', `${detail}: panic`),
} as const;
