// libs/injective: the venue adapter, the only code that imports @injectivelabs/*. Public face.

// networks, the two sides of a pair per NETWORK, and the mainnet guard
export {
  FEE_DENOM_DECIMALS,
  networkConfig,
  SIM_CHAIN_ID,
  type NetworkConfig,
  type NetworkName,
} from './network/network.config';
export { assertSigningAllowed, chainIdRefusal } from './network/signing.guard';
export { lcdUrlsFromEnv, networkSides, type LcdUrls, type NetworkSide, type NetworkSides } from './network/network.sides';

// wallets
export type { Wallet } from './wallet/wallet.model';

// chain LCD
export { heightFromHeader, LcdClient, type OpenOrdersAtHeight, type SeenHeight, type SubaccountDeposits } from './lcd/lcd.client';
export { RateLimiter, type RateLimiterOptions } from './lcd/rate.limiter';
export type { RequestLimiter } from './lcd/request.limiter';
export { CHAIN_LCD_RATE_PER_SECOND } from './lcd/rate-limit.defaults';
export type { AccountInfo } from './lcd/schemas/account.schema';
export type { BookLevel, Orderbook } from './lcd/schemas/orderbook.schema';
export type { OpenOrder } from './lcd/schemas/open-orders.schema';
export type { Position } from './lcd/schemas/positions.schema';
export { isPostOnlyMode, type ExchangeParams } from './lcd/schemas/exchange-params.schema';
export type { SimulationGas } from './lcd/schemas/simulate.schema';
export { LCD_REPLY_SCHEMAS } from './lcd/schemas/lcd-reply.schemas';
export { defaultSubaccountFunds } from './lcd/default-subaccount.funds';

// transactions
export type {
  BatchUpdateOrdersInput,
  DerivativeOrderCreate,
  SpotOrderCreate,
} from './tx/batch-update-orders.input';
export {
  ANTE_GAS,
  ANTE_MARGIN_GAS,
  anteGas,
  DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET,
  estimateGas,
  fixedTableGas,
  GAS_PER_ORDER,
  MAX_CANCEL_ALL_ORDERS_PER_TX,
  MAX_CANCELS_BY_ID_PER_TX,
  MAX_GAS_PER_TX,
  type GasEstimate,
  type GasEstimateOptions,
} from './tx/gas.estimator';
export { signedTxBytes, signWithEstimatedGas, type EstimatedGasTx } from './tx/estimated-gas.signer';
export {
  DEFAULT_SIMULATE_GAS_MARGIN,
  effectiveGasPrice,
  gasFromSimulation,
  gasSourceOf,
  type GasSource,
} from './tx/gas.pricing';

// errors
export { InjectiveError } from './errors/injective.error';
export { ChainTxError } from './errors/chain-tx.error';
export { SequenceMismatchError } from './errors/sequence-mismatch.error';
export { TxTimeoutError } from './errors/tx-timeout.error';
export { UnauthorizedError } from './errors/unauthorized.error';
export { InsufficientFeeError } from './errors/insufficient-fee.error';
export { MempoolFullError } from './errors/mempool-full.error';
export { TxInMempoolCacheError } from './errors/tx-in-mempool-cache.error';
export { TxRejectedError } from './errors/tx-rejected.error';
export { RateLimitedError } from './errors/rate-limited.error';
export { ChainUnavailableError } from './errors/chain-unavailable.error';
export { MalformedResponseError } from './errors/malformed-response.error';
export { LcdRequestError } from './errors/lcd-request.error';
export { AccountNotFoundError } from './errors/account-not-found.error';
export { TxNotIncludedError } from './errors/tx-not-included.error';
export { InvalidPrivateKeyError } from './errors/invalid-private-key.error';
export { MainnetTradingRefusedError } from './errors/mainnet-trading-refused.error';

// keys, order messages, signing, broadcast and tx results have their own entry,
// @mirrorbook/injective/signing (signing.ts);
// the simulator's server-side tx codec too, @mirrorbook/injective/sim-codec (sim-codec.ts)

// bech32 `inj1…` addresses and subaccount ids without the SDK (also used by the simulator)
export { injAddressToHex, InvalidAddressError, isInjAddress } from './wallet/address.codec';
export { defaultSubaccountIdOrNull, subaccountIdOf, subaccountOwnerHex } from './wallet/subaccount-id.codec';
// a wallet's key from the file named by WALLET_<ID>_PRIVATE_KEY_FILE (executor, CLI)
export { WalletKeyError } from './wallet/wallet-key.error';
export { PrivateKey } from './wallet/private-key.secret';
export {
  readSecretFile,
  SecretFileModeError,
  walletKeyFromEnv,
  walletKeyVariables,
  type LoadedWalletKey,
  type SecretFileReader,
} from './wallet/wallet-key.source';
