/**
 * `node -r @swc-node/register scripts/record-lcd-fixtures.ts --network testnet|mainnet [--address inj1…] [--lcd URL] [--out DIR]`
 *
 * Records, read-only, what a real node answers on every route mirrorbook reads (see
 * scripts/lcd-fixtures/lcd-fixture.recorder.ts) into test/fixtures/lcd/<network>/, for the parser
 * tests. Needs network access; the tests need none. With `--address` of a funded wallet that has
 * one resting order, it also records the paired bank balances and subaccountDeposits that show
 * where the default subaccount's funds are. Record again after a chain upgrade or an SDK bump.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkConfig, subaccountIdOf } from '@mirrorbook/injective';
import { recordReplies, recordTargets } from './lcd-fixtures/lcd-fixture.recorder';

const ROOT = join(__dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const network = arg('network');
  if (network !== 'testnet' && network !== 'mainnet') {
    process.stderr.write('record-lcd-fixtures: --network testnet|mainnet is required\n');
    process.exit(64);
  }
  const address = arg('address');
  if (address !== undefined && !/^inj1[02-9ac-hj-np-z]{38}$/.test(address)) {
    process.stderr.write(`record-lcd-fixtures: --address ${JSON.stringify(address)} is not an inj1… address\n`);
    process.exit(64);
  }
  const lcdUrl = arg('lcd') ?? networkConfig(network).lcdUrl;
  const outDir = arg('out') ?? join(ROOT, 'test', 'fixtures', 'lcd', network);
  const pairs = (JSON.parse(readFileSync(join(ROOT, 'config', 'markets.json'), 'utf8')) as { markets: { type: 'spot' | 'derivative'; mainnetMarketId: string; testnetMarketId: string }[] }).markets;
  const id = (p: (typeof pairs)[number]) => (network === 'mainnet' ? p.mainnetMarketId : p.testnetMarketId);
  const markets = { spot: pairs.filter((p) => p.type === 'spot').map(id), derivative: pairs.filter((p) => p.type === 'derivative').map(id) };
  const wallet = address ? { address, subaccountId: subaccountIdOf(address) } : undefined;
  const targets = recordTargets(markets, wallet);
  process.stdout.write(`record-lcd-fixtures: ${targets.length} GET requests to ${lcdUrl}, 4 a second, into ${outDir}\n`);
  const files = await recordReplies({
    lcdUrl,
    network,
    targets,
    outDir,
    onProgress: (done, total, target, status) => process.stdout.write(`  [${done}/${total}] ${status} ${target.path}\n`),
  });
  process.stdout.write(`record-lcd-fixtures: wrote ${files.length} files\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`record-lcd-fixtures: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
