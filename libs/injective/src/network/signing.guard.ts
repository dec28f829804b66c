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

/**
 * Why a node reporting `reported` may not be traded on under NETWORK=`network`, or null when it
 * may: mainnet needs `allowMainnetTrading`, and any chain must be the one NETWORK expects (its
 * allowlist: one chain id per network, so a testnet URL pointed at another chain is refused). Pure.
 */
export function chainIdRefusal(network: string, expected: string, reported: string, allowMainnetTrading: boolean): string | null {
  if (reported.trim().toLowerCase() === MAINNET_CHAIN_ID && !allowMainnetTrading) return new MainnetTradingRefusedError(reported).message;
  if (reported !== expected) return `the node reports chain id ${reported}, NETWORK=${network} expects ${expected}`;
  return null;
}
