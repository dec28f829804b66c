import { getNetworkEndpoints, getNetworkInfo, Network } from '@injectivelabs/networks';
import { z } from 'zod';

/** Where mirrorbook trades or reads: the offline stand-in, Injective testnet or mainnet. */
export type NetworkName = 'sim' | 'testnet' | 'mainnet';

/** Endpoints and fee settings of one network. */
export interface NetworkConfig {
  readonly name: NetworkName;
  /** Cosmos chain id signed into every tx, e.g. `injective-888` */
  readonly chainId: string;
  /** chain LCD (REST) base URL, no trailing slash */
  readonly lcdUrl: string;
  /** denom fees are paid in */
  readonly feeDenom: string;
  /** fee per gas unit, in base units of `feeDenom` (10^-18 INJ), integer decimal string */
  readonly gasPrice: string;
}

/** Decimals of the fee denom (`inj`: 1 INJ = 10^18 base units) on every network. */
export const FEE_DENOM_DECIMALS = 18;

/** Caller overrides; `simUrl` is the sim's LCD when `lcdUrl` is not given. */
export type NetworkOverrides = Partial<Omit<NetworkConfig, 'name'>> & { readonly simUrl?: string };

/** Chain id of the offline simulator (apps/injective-sim). */
export const SIM_CHAIN_ID = 'injective-sim-1';

/**
 * @injectivelabs/utils' DEFAULT_GAS_PRICE (1.6e8 base units of inj per gas), copied: that package
 * costs ≈ 20 MB RSS to load for this one number (network.config.spec.ts checks they agree).
 */
export const DEFAULT_GAS_PRICE = 160_000_000;

/** Default LCD of the offline simulator. */
export const DEFAULT_SIM_URL = 'http://127.0.0.1:7700';

const configSchema = z.object({
  name: z.enum(['sim', 'testnet', 'mainnet']),
  chainId: z.string().min(1),
  lcdUrl: z
    .string()
    .url()
    .refine((url) => /^https?:$/.test(new URL(url).protocol), 'must be an http(s) URL')
    .transform((url) => url.replace(/\/+$/, '')),
  feeDenom: z.string().min(1),
  gasPrice: z.string().regex(/^[1-9]\d*$/, 'must be a positive integer decimal string'),
});

/**
 * The config of `name`: testnet and mainnet from `@injectivelabs/networks` (sentry LCD, chain
 * ids `injective-888` / `injective-1`), sim from `simUrl` (default http://127.0.0.1:7700) with
 * chain id `injective-sim-1`; fee denom `inj`, gas price 160000000. Every field can be
 * overridden. Throws a ZodError naming the field for an unusable override.
 */
export function networkConfig(name: NetworkName, overrides: NetworkOverrides = {}): NetworkConfig {
  const { simUrl, ...fields } = overrides;
  const defaults = name === 'sim' ? simDefaults(simUrl ?? DEFAULT_SIM_URL) : injectiveDefaults(name);
  return Object.freeze(configSchema.parse({ ...defaults, ...definedOnly(fields), name }));
}

function simDefaults(simUrl: string): Omit<NetworkConfig, 'name'> {
  return { chainId: SIM_CHAIN_ID, lcdUrl: simUrl, feeDenom: 'inj', gasPrice: String(DEFAULT_GAS_PRICE) };
}

function injectiveDefaults(name: 'testnet' | 'mainnet'): Omit<NetworkConfig, 'name'> {
  const network = name === 'mainnet' ? Network.Mainnet : Network.Testnet;
  const info = getNetworkInfo(network);
  return {
    chainId: info.chainId,
    lcdUrl: getNetworkEndpoints(network).rest,
    feeDenom: info.feeDenom,
    gasPrice: String(DEFAULT_GAS_PRICE),
  };
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
