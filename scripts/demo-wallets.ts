import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { botsFileSchema } from '@mirrorbook/config';
import { generatePrivateKeyHex, walletFromPrivateKey } from '@mirrorbook/injective';
import { catalogMarkets } from '@mirrorbook/market';

/**
 * Demo wallets for the embedded default: one throwaway key per wallet of config/bots.json, kept in
 * `<dataDir>/demo-wallets.env` (mode 0600, reused across starts), and the simulator's genesis with
 * every testnet denom funded for each of them in `<dataDir>/sim-genesis.json`.
 */
const dataDir = process.argv[2] ?? '.data';
const configDir = process.env.CONFIG_DIR ?? 'config';
mkdirSync(dataDir, { recursive: true });
const envFile = join(dataDir, 'demo-wallets.env');

const existing = existsSync(envFile)
  ? Object.fromEntries(readFileSync(envFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => l.split('=', 2) as [string, string]))
  : {};
const { wallets } = botsFileSchema.parse(JSON.parse(readFileSync(join(configDir, 'bots.json'), 'utf8')));
const keys = Object.fromEntries(
  wallets.map((w) => {
    const variable = `WALLET_${w.id.toUpperCase()}_PRIVATE_KEY`;
    return [variable, existing[variable] ?? generatePrivateKeyHex()];
  }),
);
writeFileSync(envFile, `${Object.entries(keys).map(([k, v]) => `${k}=${v}`).join('\n')}\n`, { mode: 0o600 });

const denoms = new Set<string>(['inj']);
for (const market of catalogMarkets().testnet) {
  denoms.add(market.quoteDenom);
  if (market.baseDenom) denoms.add(market.baseDenom);
}
const balances = Object.fromEntries([...denoms].map((d) => [d, d === 'inj' ? '100000' : '1000000']));
const accounts = Object.values(keys).map((key) => ({ address: walletFromPrivateKey(key).injAddress, balances }));
writeFileSync(join(dataDir, 'sim-genesis.json'), `${JSON.stringify({ accounts }, null, 2)}\n`);
console.log(`demo wallets: ${accounts.map((a) => a.address).join(', ')} (keys in ${envFile})`);
