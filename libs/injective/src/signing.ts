// @mirrorbook/injective/signing: keys, order messages, tx signing, broadcast and the results of a
// tx, for the executor and the tools that sign (CLI, demo wallets, the simulator's own tests).
// Apart from the index so that a process that only reads the chain (price feed, strategy,
// gateway) loads no signing code and no tx protobuf codecs: the boundary rules in
// eslint.config.mjs refuse it to those apps.
export { walletFromPrivateKey } from './wallet/wallet.factory';
export { generatePrivateKeyHex } from './wallet/private-key.generator';
export { buildBatchUpdateOrdersMsg } from './tx/batch-update-orders.builder';
export { signTx, txSigner, type SignedTx } from './tx/tx.signer';
export { broadcastTx } from './tx/tx.broadcaster';
export { waitForInclusion } from './tx/inclusion.waiter';
export { feePaidOf, parseTxResult, type OrderCreateResult, type PaidCoin, type TxResult } from './tx/tx-result.parser';
