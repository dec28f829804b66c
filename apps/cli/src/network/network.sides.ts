import type { MarketPair } from '@mirrorbook/config';
import { networkConfig, type NetworkConfig, type NetworkName } from '@mirrorbook/injective';
import type { MarketNetwork } from '@mirrorbook/market';
import { CliError } from '../cli/cli.errors';

/** The network a CLI command reads (and, for sim and testnet, may write to). */
export type CliNetwork = NetworkName;

const NETWORKS: readonly CliNetwork[] = ['sim', 'testnet', 'mainnet'];

/** One side of a mirrored pair: where to read it and which market id to use there. */
export interface NetworkSide {
  /** `trading` = where the bots quote (or the network read), `reference` = mainnet prices */
  readonly role: 'trading' | 'reference';
  readonly config: NetworkConfig;
  /** which instance of the pair lives on this side */
  readonly marketNetwork: MarketNetwork;
  /** the pair's market id on this side */
  marketId(pair: Pick<MarketPair, 'mainnetMarketId' | 'testnetMarketId'>): string;
}

/** The two sides of every pair for one network. */
export interface NetworkSides {
  readonly name: CliNetwork;
  readonly trading: NetworkSide;
  readonly reference: NetworkSide;
  /** true when writes (signing) must be refused: mainnet is read-only for mirrorbook */
  readonly readOnly: boolean;
}

/** LCD endpoints from the environment (SIM_LCD_URL, TESTNET_LCD_URL, MAINNET_LCD_URL). */
export interface LcdUrls {
  readonly sim?: string;
  readonly testnet?: string;
  readonly mainnet?: string;
}

/**
 * The network to use: `--network` wins over `NETWORK`, default `sim`. Throws a usage error for
 * any other name.
 */
export function resolveNetworkName(flag: string | undefined, envValue: string | undefined): CliNetwork {
  const candidate = (flag ?? (envValue?.trim() || undefined) ?? 'sim').toLowerCase();
  if (!(NETWORKS as readonly string[]).includes(candidate)) {
    const source = flag !== undefined ? '--network' : 'NETWORK';
    throw CliError.usage(`${source} must be one of ${NETWORKS.join(', ')}, got "${candidate}"`);
  }
  return candidate as CliNetwork;
}

/**
 * Where each side of a pair is read:
 * - `sim`: both sides from the simulator (it serves a stand-in of both markets of a pair);
 * - `testnet`: trading on Injective testnet, reference from Injective mainnet;
 * - `mainnet`: read-only; the network read is mainnet, which is also the reference.
 */
export function networkSides(name: CliNetwork, urls: LcdUrls = {}): NetworkSides {
  const side = (role: NetworkSide['role'], config: NetworkConfig, marketNetwork: MarketNetwork): NetworkSide => ({
    role,
    config,
    marketNetwork,
    marketId: (pair) => (marketNetwork === 'mainnet' ? pair.mainnetMarketId : pair.testnetMarketId),
  });
  const mainnet = () => networkConfig('mainnet', { lcdUrl: urls.mainnet });
  switch (name) {
    case 'sim': {
      const sim = networkConfig('sim', { simUrl: urls.sim });
      return { name, trading: side('trading', sim, 'testnet'), reference: side('reference', sim, 'mainnet'), readOnly: false };
    }
    case 'testnet':
      return {
        name,
        trading: side('trading', networkConfig('testnet', { lcdUrl: urls.testnet }), 'testnet'),
        reference: side('reference', mainnet(), 'mainnet'),
        readOnly: false,
      };
    case 'mainnet':
      return { name, trading: side('trading', mainnet(), 'mainnet'), reference: side('reference', mainnet(), 'mainnet'), readOnly: true };
  }
}
