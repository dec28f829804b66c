import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type Decimal from 'decimal.js';
import { config as loadDotenv } from 'dotenv';
import { LifecycleService } from '@mirrorbook/observability';
import { runService } from '@mirrorbook/runtime';
import { MAX_CANCELS_BY_ID_PER_TX } from '@mirrorbook/injective';
import { Dec } from '@mirrorbook/market';
import { balancesCommand } from './balances/balances.command';
import { cancelCommand, DEFAULT_CANCEL_BATCH_SIZE } from './cancel/cancel.command';
import { CliContext, type GlobalOptions } from './cli/cli.context';
import { settleEnvironment } from './cli/cli.environment';
import { describeError, exitCodeOf } from './cli/cli.errors';
import { EXIT, EXIT_CODES_HELP, type ExitCode } from './cli/exit-codes';
import { compareCommand } from './compare/compare.command';
import { configCheckCommand } from './config-check/config-check.command';
import { healthCommand } from './health/health.command';
import { MonitorModule } from './monitor.module';
import { ordersCommand } from './orders/orders.command';
import { closePositionsCommand, DEFAULT_CLOSE_SLIPPAGE_PCT } from './positions/close-positions.command';
import { positionsCommand } from './positions/positions.command';
import { DEFAULT_MAX_MARK_DISTANCE_PCT, preflightCommand } from './preflight/preflight.command';
import { walletNewCommand } from './wallets/wallet-new.command';

/** How a command uses the stack: `needed` (reads NATS, Redis or the chain), `optional`, or `none` (never looks for one). */
type StackUse = 'needed' | 'optional' | 'none';

/**
 * Runs a one-shot command: settles which stack it talks to (one line on stderr), then its exit
 * code, one-line errors on stderr, connections closed, then exit.
 */
function oneShot<O extends object>(run: (ctx: CliContext, opts: O) => Promise<ExitCode>, stack: StackUse = 'needed') {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const opts = command.optsWithGlobals<O & GlobalOptions>();
    const ctx = new CliContext(opts);
    let code: ExitCode;
    try {
      if (stack !== 'none') settleEnvironment(opts.envFile, stack === 'needed');
      code = await run(ctx, opts);
    } catch (error) {
      code = exitCodeOf(error);
      for (const line of describeError(error, opts.verbose === true)) process.stderr.write(`${line}\n`);
    } finally {
      await ctx.close();
    }
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    process.exit(code);
  };
}

function decimalOption(name: string, { min, below }: { min: string; below?: string }) {
  return (value: string): Decimal => {
    let d: Decimal;
    try {
      d = new Dec(value);
    } catch {
      throw new InvalidArgumentError(`${name} must be a number`);
    }
    if (!d.isFinite() || d.lt(min) || (below !== undefined && d.gte(below))) {
      throw new InvalidArgumentError(`${name} must be at least ${min}${below ? ` and below ${below}` : ''}`);
    }
    return d;
  };
}

function integerOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    return n;
  };
}

function buildProgram(): Command {
  const program = new Command('mirrorbook')
    .description('mirrorbook operator tools: balances, orders, positions, cancels, market comparison, health')
    .option('--network <name>', 'sim | testnet | mainnet (read-only); default $NETWORK, else sim')
    .option('--json', 'print one JSON document on stdout instead of tables')
    .option('--verbose', 'print stack traces with errors')
    .option('--env-file <file>', 'read NETWORK, NATS_URL, REDIS_URL, SIM_LCD_URL, … from this file (the environment still wins); default: the local stack of npm start, when it runs')
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  program
    .command('balances')
    .description('bank balances and default-subaccount deposits per wallet, human units; fees spent today, pace, runway and fee budget state')
    .option('--wallet <id>', 'one wallet of config/bots.json')
    .option('--all', 'every configured wallet (the default)')
    .option('--address <inj1…>', 'read this address instead of a configured wallet')
    .action(oneShot(balancesCommand));

  program
    .command('orders')
    .description('open orders with price, quantity, side, distance from the mainnet mid and age')
    .option('--wallet <id>', 'one wallet (default: every configured wallet)')
    .option('--market <key>', 'one market (default: every enabled market)')
    .option('--address <inj1…>', 'read this address instead of a configured wallet')
    .action(oneShot(ordersCommand));

  program
    .command('positions')
    .description('derivative positions with entry, mark, PnL and margin ratio')
    .option('--wallet <id>', 'one wallet (default: every configured wallet)')
    .option('--address <inj1…>', 'read this address instead of a configured wallet')
    .action(oneShot(positionsCommand));

  program
    .command('cancel')
    .description("cancel a wallet's open orders: a dry run unless --yes; refused while the wallet's executor holds its lease")
    .requiredOption('--wallet <id>', 'the wallet (its key must be in the environment for --yes)')
    .option('--market <key>', 'only this market')
    .option('--all', 'every configured market')
    .option('--yes', 'really cancel (sign and broadcast in batches)')
    .option('--force', "sign although the wallet's executor holds the lease (two signers race on the sequence)")
    .option('--batch-size <n>', `orders per transaction (default ${DEFAULT_CANCEL_BATCH_SIZE})`, integerOption('--batch-size', 1, MAX_CANCELS_BY_ID_PER_TX))
    .action(oneShot(cancelCommand));

  program
    .command('close-positions')
    .description('flatten derivative positions with reduce-only orders at mark ± slippage: a dry run unless --yes')
    .requiredOption('--wallet <id>', 'the wallet (its key must be in the environment for --yes)')
    .option('--market <key>', 'only this derivative market')
    .option('--slippage <pct>', `how far through the mark to price, percent (default ${DEFAULT_CLOSE_SLIPPAGE_PCT})`, decimalOption('--slippage', { min: '0', below: '100' }))
    .option('--yes', 'really send the orders')
    .option('--force', "sign although the wallet's executor holds the lease")
    .action(oneShot(closePositionsCommand));

  program
    .command('compare')
    .description('mainnet vs testnet per pair: mid, gap, spread, depth within 1/2/5 %, levels, and book quality (tracking, spread and depth ratios, OLP uptime); exit 1 when a gap exceeds --max-gap')
    .option('--market <key>', 'one market (default: every enabled market)')
    .option('--max-gap <pct>', 'fail (exit 1) when |gap| is above this many percent, or unknown', decimalOption('--max-gap', { min: '0' }))
    .action(oneShot(compareCommand));

  program
    .command('preflight')
    .description('before trading on a network: chain id, exchange params (fixed gas, gas source, post-only mode), gas price, and per pair the market exists, is active, matches the reference and (derivatives) has a mark near it; exit 1 when a check fails')
    .option('--max-mark-distance <pct>', `largest distance of a derivative's mark from the reference, percent (default ${DEFAULT_MAX_MARK_DISTANCE_PCT})`, decimalOption('--max-mark-distance', { min: '0' }))
    .action(oneShot(preflightCommand));

  program
    .command('health')
    .description('NATS, Redis, LCDs, services (heartbeats), feed freshness and fee budgets; exit 1 when anything is down (warnings exit 0)')
    .option('--listen-ms <ms>', 'listen for heartbeats this long (default 1.5 × HEARTBEAT_INTERVAL_MS)', integerOption('--listen-ms', 100, 600_000))
    .action(oneShot(healthCommand));

  const wallet = program.command('wallet').description('wallet keys');
  wallet
    .command('new')
    .description('a new private key and its address; the key goes to --out (mode 0600) or, with --show-secret, to stdout')
    .option('--out <file>', 'write the key to this file (mode 0600)')
    .option('--show-secret', 'print the private key')
    .option('--force', 'overwrite an existing --out file')
    .action(oneShot(walletNewCommand, 'none'));

  const config = program.command('config').description('configuration');
  config
    .command('check')
    .description('validate config/ and the environment; print every problem; exit 78 on problems')
    .action(oneShot(configCheckCommand, 'optional'));

  program
    .command('monitor')
    .description('run as a long-lived watcher: heartbeats, /health and /metrics like any service')
    .action(async () => {
      await runService({
        app: 'cli',
        defaultPort: 8089,
        imports: () => [MonitorModule],
        afterListen: (app) => {
          app.get(LifecycleService).transition('running');
        },
      });
    });

  return program;
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true } as never);
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
      process.exit(ok ? EXIT.OK : EXIT.USAGE);
    }
    for (const line of describeError(error, process.argv.includes('--verbose'))) process.stderr.write(`${line}\n`);
    process.exit(exitCodeOf(error));
  }
}

void main();
