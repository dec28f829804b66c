import type Decimal from 'decimal.js';
import { defaultSubaccountFunds, type SubaccountDeposits } from '@mirrorbook/injective';
import { decimalsByDenom, denomCatalog, catalogMarkets, type DenomInfo, type FeeReport } from '@mirrorbook/market';
import type { CliContext } from '../cli/cli.context';
import { CliError } from '../cli/cli.errors';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { readFeeReports } from '../fees/fee-records.reader';
import { formatDecimal, jsonDecimal } from '../format/number.format';
import { renderTable } from '../format/table.renderer';
import type { WalletAddress } from '../wallets/address.resolver';
import { noAddressHint, resolveWalletTargets, type WalletSelection } from '../wallets/wallet.targets';

interface AssetRow {
  readonly denom: string;
  readonly symbol: string;
  /** bank balance, human units */
  readonly bank: Decimal | null;
  /** what the default subaccount can spend: bank + deposit available (docs/injective.md#balances-and-subaccounts) */
  readonly spendable: Decimal;
  /** default subaccount deposit, human units: on nonce 0 only dust is available, the total is what orders hold */
  readonly available: Decimal | null;
  readonly total: Decimal | null;
}

interface WalletBalances {
  readonly target: WalletAddress;
  readonly assets: AssetRow[];
  /** denoms held whose decimals the CLI does not know (shown by name only) */
  readonly unknownDenoms: string[];
  /** `fees:<wallet>` as a report; null for an `--address` without a wallet, or when Redis could not be read */
  readonly fees: FeeReport | null;
}

/**
 * `mirrorbook balances`: per wallet, what the default subaccount can spend (bank + deposit
 * available), the bank balance and the deposits, human units; and its fees from `fees:<wallet>`
 * (spent today, pace, runway, budget state and reason), as the dashboard shows them.
 */
export async function balancesCommand(ctx: CliContext, selection: WalletSelection & { all?: boolean }): Promise<ExitCode> {
  if (selection.all && (selection.wallet || selection.address)) throw CliError.usage('--all cannot be combined with --wallet or --address');
  const side = ctx.sides().trading;
  const targets = await resolveWalletTargets(ctx, selection);
  if (selection.wallet && targets[0]?.address === null) throw CliError.config(noAddressHint(selection.wallet));
  const { mainnet, testnet } = catalogMarkets();
  // the side's own network first: the first market naming a denom wins
  const registry = denomCatalog(side.marketNetwork === 'mainnet' ? [...mainnet, ...testnet] : [...testnet, ...mainnet]);
  const decimals = decimalsByDenom(registry);
  const lcd = ctx.lcd(side.config);
  const walletIds = targets.map((t) => t.wallet).filter((id) => ctx.config().wallets.some((w) => w.id === id));
  const [chain, fees] = await ctx.progress.step(`reading balances on ${ctx.networkName} and fee records`, () =>
    Promise.all([
      Promise.all(
        targets.map(async (target) => {
          if (!target.address || !target.subaccountId) return { target, assets: [], unknownDenoms: [] };
          const [bank, deposits] = await Promise.all([
            lcd.getBankBalances(target.address, decimals),
            lcd.getSubaccountDeposits(target.subaccountId, decimals),
          ]);
          return mergeBalances(target, registry, bank, deposits);
        }),
      ),
      readFeeReports(ctx, walletIds),
    ]),
  );
  if ('unreadable' in fees) ctx.out.note(`fee records not read: ${fees.unreadable}`);
  const reports = 'reports' in fees ? fees.reports : new Map<string, FeeReport>();
  const results = chain.map((r): WalletBalances => ({ ...r, fees: reports.get(r.target.wallet) ?? null }));
  for (const r of results) if (!r.target.address) ctx.out.note(noAddressHint(r.target.wallet));
  ctx.out.result(
    {
      network: ctx.networkName,
      wallets: results.map((r) => ({
        wallet: r.target.wallet,
        address: r.target.address,
        subaccountId: r.target.subaccountId,
        addressSource: r.target.source,
        balances: r.assets.map((a) => ({
          denom: a.denom,
          symbol: a.symbol,
          bank: jsonDecimal(a.bank),
          spendable: jsonDecimal(a.spendable),
          available: jsonDecimal(a.available),
          total: jsonDecimal(a.total),
        })),
        unknownDenoms: r.unknownDenoms,
        fees: r.fees,
      })),
    },
    () => results.map((r) => renderWallet(r)).join('\n\n'),
  );
  return EXIT.OK;
}

function mergeBalances(
  target: WalletAddress,
  registry: ReadonlyMap<string, DenomInfo>,
  bank: { balances: Readonly<Record<string, Decimal>>; unknownDenoms: readonly string[] },
  deposits: SubaccountDeposits,
): Omit<WalletBalances, 'fees'> {
  const funds = defaultSubaccountFunds(bank.balances, deposits.balances);
  const assets = Object.entries(funds)
    .map(([denom, f]): AssetRow => ({
      denom,
      symbol: registry.get(denom)?.symbol ?? denom,
      bank: bank.balances[denom] ?? null,
      spendable: f.available,
      available: deposits.balances[denom]?.available ?? null,
      total: deposits.balances[denom]?.total ?? null,
    }))
    .sort((a, b) => a.symbol.localeCompare(b.symbol) || a.denom.localeCompare(b.denom));
  return { target, assets, unknownDenoms: [...new Set([...bank.unknownDenoms, ...deposits.unknownDenoms])].sort() };
}

function renderWallet(r: WalletBalances): string {
  const { wallet, address, source } = r.target;
  if (!address) return `${wallet}: ${noAddressHint(wallet)}${renderFees(r.fees)}`;
  const header = `${wallet}  ${address}  (address from ${source})`;
  const table = renderTable(
    [
      { header: 'ASSET', value: (a: AssetRow) => a.symbol },
      { header: 'SPENDABLE', align: 'right', value: (a: AssetRow) => formatDecimal(a.spendable, 6) },
      { header: 'BANK', align: 'right', value: (a: AssetRow) => formatDecimal(a.bank, 6) },
      { header: 'DEPOSIT AVAILABLE', align: 'right', value: (a: AssetRow) => formatDecimal(a.available, 6) },
      { header: 'DEPOSIT TOTAL', align: 'right', value: (a: AssetRow) => formatDecimal(a.total, 6) },
      { header: 'DENOM', value: (a: AssetRow) => a.denom },
    ],
    r.assets,
    '(no balances)',
  );
  const unknown = r.unknownDenoms.length > 0 ? `\nalso holds (decimals unknown): ${r.unknownDenoms.join(', ')}` : '';
  return `${header}\n${table}${unknown}${renderFees(r.fees)}`;
}

/** The fee lines under a wallet: `fees  spent … today`, then pace, runway and budget, aligned. */
function renderFees(fees: FeeReport | null): string {
  if (!fees) return '';
  return fees.lines.map((line, i) => `\n${i === 0 ? 'FEES' : ''.padEnd(4)}  ${line}`).join('');
}
