// @mirrorbook/injective/signing: keys, order messages and tx signing, for the executor and the
// tools that sign (CLI, demo wallets, the simulator's own tests). Apart from the index so that a
// process that only reads the chain (price feed, strategy, gateway) loads no signing code and none
// of the SDK's message classes: the boundary rules in eslint.config.mjs refuse it to those apps.
export { walletFromPrivateKey } from './wallet/wallet.factory';
export { generatePrivateKeyHex } from './wallet/private-key.generator';
export { buildBatchUpdateOrdersMsg } from './tx/batch-update-orders.builder';
export { signTx, type SignedTx } from './tx/tx.signer';
