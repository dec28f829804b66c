import { getNetworkInfo, Network } from '@injectivelabs/networks';
import { MainnetTradingRefusedError } from '../errors/mainnet-trading-refused.error';

/** Chain id of Injective mainnet: real money. */
export const MAINNET_CHAIN_ID: string = getNetworkInfo(Network.Mainnet).chainId;

/**
 * Throws `MainnetTradingRefusedError` when `chainId` is Injective mainnet and
 * `allowMainnetTrading` is not true. Call it before every signature.
 */
export function assertSigningAllowed(chainId: string, allowMainnetTrading: boolean): void {
  if (chainId.trim().toLowerCase() === MAINNET_CHAIN_ID && allowMainnetTrading !== true) {
    throw new MainnetTradingRefusedError(chainId);
  }
}
