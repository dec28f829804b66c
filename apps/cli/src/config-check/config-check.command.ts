import { ConfigError, loadConfig, type AppConfig } from '@mirrorbook/config';
import type { CliContext } from '../cli/cli.context';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { defaultSubaccountIdOrNull as defaultSubaccountId } from '@mirrorbook/injective';
import { lookupWalletKey, walletAddressVariable } from '../wallets/wallet-key.reader';

/** What `config check` learned about one wallet's key. */
interface WalletKeyReport {
  readonly wallet: string;
  readonly key: 'absent' | 'ok' | 'invalid';
  readonly variable: string | null;
  readonly address: string | null;
}

/**
 * `mirrorbook config check`: parses config/ and the environment exactly as the services do and
 * prints every problem at once, plus the wallet keys and addresses the environment holds
 * (present but unusable = a problem; absent = fine, only executors need them). Exit 78 on any
 * problem. The key itself is never printed.
 */
export async function configCheckCommand(ctx: CliContext): Promise<ExitCode> {
  const problems: string[] = [];
  const warnings: string[] = [];
  let config: AppConfig | undefined;
  let env = ctx.env;
  if (env.NETWORK?.trim().toLowerCase() === 'mainnet') {
    // the CLI reads mainnet (--network mainnet); no service runs on it
    problems.push('env: NETWORK: mainnet is only a read-only reference: services run on sim or testnet (use --network mainnet for CLI reads)');
    const { NETWORK: _network, ...rest } = env;
    env = rest;
  }
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const wallets = (config?.wallets ?? []).map((w): WalletKeyReport => {
    const lookup = lookupWalletKey(w.id, ctx.env, ctx.readFile);
    const addressVariable = walletAddressVariable(w.id);
    const declared = ctx.env[addressVariable]?.trim();
    if (declared && !defaultSubaccountId(declared)) problems.push(`env: ${addressVariable}: not a valid inj1… address`);
    if (lookup.kind === 'invalid') {
      problems.push(`env: ${lookup.problem}`);
      return { wallet: w.id, key: 'invalid', variable: lookup.variable, address: null };
    }
    if (lookup.kind === 'absent') return { wallet: w.id, key: 'absent', variable: null, address: declared || null };
    if (declared && declared !== lookup.wallet.injAddress) {
      problems.push(`env: ${addressVariable}: ${declared} is not the address of the key in ${lookup.variable} (${lookup.wallet.injAddress})`);
    }
    return { wallet: w.id, key: 'ok', variable: lookup.variable, address: lookup.wallet.injAddress };
  });

  ctx.out.result(
    {
      ok: problems.length === 0,
      problems,
      warnings,
      configDir: ctx.env.CONFIG_DIR ?? 'config',
      network: config?.env.NETWORK ?? null,
      counts: config ? { markets: config.markets.length, wallets: config.wallets.length, bots: config.bots.length } : null,
      wallets,
    },
    () => {
      const lines = [...problems.map((p) => `problem: ${p}`), ...warnings.map((w) => `warning: ${w}`)];
      for (const w of wallets) {
        const key = w.key === 'ok' ? `key ok in ${w.variable}` : w.key === 'absent' ? 'no key here (only its executor needs one)' : `key unusable (${w.variable})`;
        lines.push(`wallet ${w.wallet}: ${key}${w.address ? `, address ${w.address}` : ''}`);
      }
      lines.push(
        problems.length === 0
          ? `config OK: ${config?.markets.length} markets, ${config?.wallets.length} wallets, ${config?.bots.length} bots (NETWORK=${config?.env.NETWORK})`
          : `${problems.length} problem${problems.length === 1 ? '' : 's'} found`,
      );
      return lines.join('\n');
    },
  );
  return problems.length === 0 ? EXIT.OK : EXIT.CONFIG;
}
