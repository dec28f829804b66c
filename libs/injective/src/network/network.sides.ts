import type { MarketNetwork } from '@mirrorbook/market';
import { networkConfig, type NetworkConfig, type NetworkName } from './network.config';

/** One side of a mirrored pair: where to read it and which market id to use there. */
export interface NetworkSide {
  /** `trading` = where the bots quote (or the network read), `reference` = mainnet prices */
  readonly role: 'trading' | 'reference';
  /** its LCD; `config.name` is the `<net>` token of its subjects and payloads */
  readonly config: NetworkConfig;
  /** which instance of the pair lives on this side */
  readonly marketNetwork: MarketNetwork;
  /** the pair's market id on this side */
  marketId(pair: { readonly mainnetMarketId: string; readonly testnetMarketId: string }): string;
}

/** The two sides of every pair for one network. */
export interface NetworkSides {
  readonly name: NetworkName;
  readonly trading: NetworkSide;
  readonly reference: NetworkSide;
  /** true when writes (signing) must be refused: mainnet is read-only for mirrorbook */
  readonly readOnly: boolean;
}

/** LCD base URLs that replace a network's default; unset ones keep it. */
export interface LcdUrls {
  readonly sim?: string;
  readonly testnet?: string;
  readonly mainnet?: string;
}

/** The LCD overrides of the environment: SIM_LCD_URL, TESTNET_LCD_URL, MAINNET_LCD_URL. */
export function lcdUrlsFromEnv(env: { readonly SIM_LCD_URL?: string; readonly TESTNET_LCD_URL?: string; readonly MAINNET_LCD_URL?: string }): LcdUrls {
  return { sim: env.SIM_LCD_URL, testnet: env.TESTNET_LCD_URL, mainnet: env.MAINNET_LCD_URL };
}

/**
 * Where each side of a pair is read (docs/architecture.md#networks):
 * - `sim`: both sides from the simulator (it serves a stand-in of both markets of a pair);
 * - `testnet`: trading on Injective testnet, reference from Injective mainnet;
 * - `mainnet`: read-only; the network read is mainnet, which is also the reference.
 */
export function networkSides(name: NetworkName, urls: LcdUrls = {}): NetworkSides {
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

function side(role: NetworkSide['role'], config: NetworkConfig, marketNetwork: MarketNetwork): NetworkSide {
  return {
    role,
    config,
    marketNetwork,
    marketId: (pair) => (marketNetwork === 'mainnet' ? pair.mainnetMarketId : pair.testnetMarketId),
  };
}
