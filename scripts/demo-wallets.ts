import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { botsFileSchema } from '@mirrorbook/config';
import { generatePrivateKeyHex, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { catalogMarkets } from '@mirrorbook/market';

/**
 * Demo wallets for the embedded default: one throwaway key per wallet of config/bots.json, kept in
 * `<dataDir>/wallets/wallet_<id>` (mode 0600, reused across starts; each executor is handed its
 * file as `WALLET_<ID>_PRIVATE_KEY_FILE`, never the key), and the simulator's genesis with every
 * testnet denom funded for each of them in `<dataDir>/sim-genesis.json`.
 */
const dataDir = process.argv[2] ?? '.data';
const configDir = process.env.CONFIG_DIR ?? 'config';
const keyDir = join(dataDir, 'wallets');
mkdirSync(keyDir, { recursive: true, mode: 0o700 });
chmodSync(keyDir, 0o700);

/** Keys of an older `npm start` (inline variables in demo-wallets.env): kept, so its wallets stay funded. */
const legacyFile = join(dataDir, 'demo-wallets.env');
const legacy: Record<string, string> = existsSync(legacyFile)
  ? Object.fromEntries(readFileSync(legacyFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => l.split('=', 2) as [string, string]))
  : {};

const { wallets } = botsFileSchema.parse(JSON.parse(readFileSync(join(configDir, 'bots.json'), 'utf8')));
const keys = wallets.map((w) => {
  const file = join(keyDir, `wallet_${w.id}`);
  if (!existsSync(file)) {
    const key = legacy[`WALLET_${w.id.toUpperCase()}_PRIVATE_KEY`] ?? generatePrivateKeyHex();
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
});
rmSync(legacyFile, { force: true });

const denoms = new Set<string>(['inj']);
for (const market of catalogMarkets().testnet) {
  denoms.add(market.quoteDenom);
  if (market.baseDenom) denoms.add(market.baseDenom);
}
const balances = Object.fromEntries([...denoms].map((d) => [d, d === 'inj' ? '100000' : '1000000']));
const accounts = keys.map((key) => ({ address: walletFromPrivateKey(key).injAddress, balances }));
writeFileSync(join(dataDir, 'sim-genesis.json'), `${JSON.stringify({ accounts }, null, 2)}\n`);
console.log(`demo wallets: ${accounts.map((a) => a.address).join(', ')} (key files in ${keyDir})`);
