import { generatePrivateKeyHex, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import type { CliContext } from '../cli/cli.context';
import { CliError } from '../cli/cli.errors';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { renderFacts } from '../format/table.renderer';
import { writePrivateFile } from './key-file.writer';

export interface WalletNewOptions {
  readonly out?: string;
  readonly showSecret?: boolean;
  readonly force?: boolean;
}

/**
 * `mirrorbook wallet new`: a fresh key and its address. The key goes to `--out` (a new mode-0600
 * file, never written through a symlink; an existing file is kept unless `--force` replaces it)
 * and is printed only with `--show-secret`. Without either it refuses: a key nobody keeps is a
 * wallet nobody can use.
 */
export async function walletNewCommand(ctx: CliContext, opts: WalletNewOptions): Promise<ExitCode> {
  if (!opts.out && !opts.showSecret) {
    throw CliError.usage('wallet new needs --out <file> (written with mode 0600) or --show-secret (prints the key)');
  }
  const key = generatePrivateKeyHex();
  const wallet = walletFromPrivateKey(key);
  if (opts.out) {
    try {
      writePrivateFile(opts.out, `${key}\n`, opts.force === true);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw CliError.usage(`${opts.out} exists; not overwriting a key file (--force to replace it)`);
      throw CliError.config(`cannot write ${opts.out}: ${code ?? (error as Error).message}`);
    }
  }
  ctx.out.result(
    {
      address: wallet.injAddress,
      ethAddress: wallet.ethAddress,
      subaccountId: wallet.subaccountId,
      keyFile: opts.out ?? null,
      ...(opts.showSecret ? { privateKey: key } : {}),
    },
    () =>
      renderFacts([
        ['address', wallet.injAddress],
        ['eth address', wallet.ethAddress],
        ['subaccount', wallet.subaccountId],
        ...(opts.out ? ([['key file', `${opts.out} (mode 0600): use it as WALLET_<ID>_PRIVATE_KEY_FILE`]] as const) : []),
        ...(opts.showSecret ? ([['private key', key]] as const) : []),
      ]),
  );
  return EXIT.OK;
}
