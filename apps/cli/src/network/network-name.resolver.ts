import type { NetworkName } from '@mirrorbook/injective';
import { CliError } from '../cli/cli.errors';

/** The network a CLI command reads (and, for sim and testnet, may write to). */
export type CliNetwork = NetworkName;

const NETWORKS: readonly CliNetwork[] = ['sim', 'testnet', 'mainnet'];

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
