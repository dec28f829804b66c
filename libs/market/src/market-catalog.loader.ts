import { z } from 'zod';
import bundledCatalog from '../catalog/injective-markets.json';
import { MarketMetadataError } from './market-metadata.error';
import type { Market, MarketNetwork, MarketType } from './market.model';
import { normalizeCatalogEntry } from './market.normalizer';

/** Markets of both networks, human units. */
export interface MarketsByNetwork {
  readonly mainnet: readonly Market[];
  readonly testnet: readonly Market[];
}

const CHAIN_IDS: Record<MarketNetwork, string> = { mainnet: 'injective-1', testnet: 'injective-888' };
const TYPES: readonly MarketType[] = ['spot', 'derivative'];

const section = z.object({
  chain_id: z.string(),
  spot: z.array(z.unknown()),
  derivative: z.array(z.unknown()),
});
const catalogShape = z.object({ mainnet: section, testnet: section });

/**
 * Normalizes a whole markets file shaped like `catalog/injective-markets.json`, already parsed
 * from JSON (no file I/O here). Spot markets come before derivatives, each in file order.
 *
 * Throws `MarketMetadataError`: `INVALID_FIELD` with the full path (`testnet.spot[1].min_notional`),
 * `NETWORK_MISMATCH` when a section carries the other network's chain id, `DUPLICATE_MARKET` when a
 * market id repeats within a network.
 */
export function loadMarketCatalog(json: unknown): MarketsByNetwork {
  const shape = catalogShape.safeParse(json);
  if (!shape.success) throw MarketMetadataError.fromZodError(shape.error);
  return Object.freeze({
    mainnet: networkMarkets(shape.data.mainnet, 'mainnet'),
    testnet: networkMarkets(shape.data.testnet, 'testnet'),
  });
}

function networkMarkets(data: z.infer<typeof section>, network: MarketNetwork): readonly Market[] {
  if (data.chain_id !== CHAIN_IDS[network]) {
    throw new MarketMetadataError(
      'NETWORK_MISMATCH',
      [network, 'chain_id'],
      `expected ${CHAIN_IDS[network]}, found ${data.chain_id}`,
    );
  }
  const seen = new Set<string>();
  const markets = TYPES.flatMap((type) =>
    data[type].map((entry, index) => {
      const market = normalizeCatalogEntry(entry, network, type, [network, type, index]);
      const id = market.id.toLowerCase();
      if (seen.has(id)) {
        throw new MarketMetadataError('DUPLICATE_MARKET', [network, type, index, 'market_id'], `repeats ${market.id}`);
      }
      seen.add(id);
      return market;
    }),
  );
  return Object.freeze(markets);
}

let bundled: MarketsByNetwork | undefined;

/**
 * The markets of the bundled catalog (InjectiveLabs/injective-lists, see catalog/README.md),
 * normalized once and shared; the objects are frozen.
 */
export function catalogMarkets(): MarketsByNetwork {
  bundled ??= loadMarketCatalog(bundledCatalog);
  return bundled;
}
