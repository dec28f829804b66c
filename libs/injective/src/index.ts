// libs/injective: the venue adapter, the only code that imports @injectivelabs/*. Public face.

// networks, the two sides of a pair per NETWORK, and the mainnet guard
export {
  DEFAULT_SIM_URL,
  networkConfig,
  SIM_CHAIN_ID,
  type NetworkConfig,
  type NetworkName,
  type NetworkOverrides,
} from './network/network.config';
export { assertSigningAllowed, MAINNET_CHAIN_ID } from './network/signing.guard';
export { lcdUrlsFromEnv, networkSides, type LcdUrls, type NetworkSide, type NetworkSides } from './network/network.sides';

// wallets
export type { Wallet } from './wallet/wallet.model';
export { walletFromPrivateKey } from './wallet/wallet.factory';
export { generatePrivateKeyHex } from './wallet/private-key.generator';

// chain LCD
export {
  LcdClient,
  type DepositBalance,
  type LcdClientOptions,
  type LcdRequestOptions,
  type LcdSendOptions,
  type SubaccountDeposits,
} from './lcd/lcd.client';
export { RateLimiter, type RateLimiterOptions } from './lcd/rate.limiter';
export { RateLimiterRegistry, rateLimiters } from './lcd/rate-limiter.registry';
export { CHAIN_LCD_RATE_PER_SECOND, INDEXER_RATE_PER_SECOND } from './lcd/rate-limit.defaults';
export type { AccountInfo } from './lcd/schemas/account.schema';
export type { BookLevel, Orderbook } from './lcd/schemas/orderbook.schema';
export type { OpenOrder } from './lcd/schemas/open-orders.schema';
export type { Position } from './lcd/schemas/positions.schema';
export type { MidPriceAndTob } from './lcd/schemas/mid-price-and-tob.schema';
export type { LcdTxResponse } from './lcd/schemas/tx-response.schema';
export { LCD_REPLY_SCHEMAS } from './lcd/schemas/lcd-reply.schemas';
export { defaultSubaccountFunds } from './lcd/default-subaccount.funds';

// transactions
export type {
  BatchUpdateOrdersInput,
  DerivativeOrderCreate,
  OrderCancel,
  SpotOrderCreate,
} from './tx/batch-update-orders.input';
export { buildBatchUpdateOrdersMsg, type BatchUpdateOrdersMsg } from './tx/batch-update-orders.builder';
export { ORDER_TYPE, orderTypeOf, type LimitOrderType } from './tx/order-type';
export {
  ANTE_OVERHEAD_GAS,
  DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET,
  estimateGas,
  GAS_PER_ORDER,
  GAS_SAFETY_PERCENT,
  MAX_CANCEL_ALL_ORDERS_PER_TX,
  MAX_CANCELS_BY_ID_PER_TX,
  MAX_GAS_PER_TX,
  TX_BYTES_GAS_PER_ITEM,
  type GasEstimate,
  type GasEstimateOptions,
} from './tx/gas.estimator';
export { signTx, type SignedTx, type SignTxInput } from './tx/tx.signer';
export { broadcastTx, type BroadcastResult } from './tx/tx.broadcaster';
export { waitForInclusion, type InclusionWaitOptions } from './tx/inclusion.waiter';
export { parseTxResult, type OrderCreateResult, type TxResult } from './tx/tx-result.parser';
export {
  BATCH_UPDATE_ORDERS_RESPONSE_TYPE_URL,
  decodeBatchUpdateOrdersData,
  type BatchUpdateOrdersOutcome,
} from './tx/batch-update-orders-response.codec';

// errors
export { InjectiveError, type InjectiveErrorCode } from './errors/injective.error';
export { ChainTxError, type TxResponseFailure } from './errors/chain-tx.error';
export { chainErrorFromTxResponse } from './errors/chain-error.parser';
export { SequenceMismatchError } from './errors/sequence-mismatch.error';
export { InsufficientFundsError } from './errors/insufficient-funds.error';
export { InsufficientFeeError } from './errors/insufficient-fee.error';
export { OutOfGasError } from './errors/out-of-gas.error';
export { TxTimeoutError } from './errors/tx-timeout.error';
export { UnauthorizedError } from './errors/unauthorized.error';
export { MempoolFullError } from './errors/mempool-full.error';
export { TxInMempoolCacheError } from './errors/tx-in-mempool-cache.error';
export { TxRejectedError } from './errors/tx-rejected.error';
export { RateLimitedError } from './errors/rate-limited.error';
export { ChainUnavailableError, type ChainUnavailableReason } from './errors/chain-unavailable.error';
export { MalformedResponseError } from './errors/malformed-response.error';
export { LcdRequestError } from './errors/lcd-request.error';
export { AccountNotFoundError } from './errors/account-not-found.error';
export { TxNotIncludedError } from './errors/tx-not-included.error';
export { InvalidPrivateKeyError, type InvalidPrivateKeyReason } from './errors/invalid-private-key.error';
export { MainnetTradingRefusedError } from './errors/mainnet-trading-refused.error';
export { InvalidOrderInputError } from './errors/invalid-order-input.error';

// the simulator's server-side tx codec has its own entry, @mirrorbook/injective/sim-codec (sim-codec.ts)

// bech32 `inj1…` addresses and subaccount ids without the SDK (also used by the simulator)
export { hexToInjAddress, injAddressToHex, InvalidAddressError, isInjAddress } from './wallet/address.codec';
export { defaultSubaccountIdOrNull, subaccountIdOf, subaccountOwnerHex } from './wallet/subaccount-id.codec';
// a wallet's key from WALLET_<ID>_PRIVATE_KEY or WALLET_<ID>_PRIVATE_KEY_FILE (executor, CLI)
export { WalletKeyError, type WalletKeyProblem } from './wallet/wallet-key.error';
export { readWalletKey, walletFromEnv, walletKeyVariables, type SecretFileReader, type WalletKeyMaterial } from './wallet/wallet-key.source';
