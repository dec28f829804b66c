// The testnet profile's one-shot check (deploy/compose.executors.yml, service testnet-preflight):
// the executors start only when it exits 0. It refuses, one line per problem and exit code 78 (a
// configuration error, like the apps), when
//   - NETWORK is not `testnet` (the profile alone does not switch the apps to the real network),
//   - a wallet of config/bots.json has no readable key file /run/secrets/wallet_<id> holding 64 hex
//     digits (optionally 0x-prefixed),
//   - a WALLET_<ID>_PRIVATE_KEY variable reached the containers (keys in .env would be handed to
//     every service by env_file; they belong in ./secrets/ only).
// It never prints a key, only file and variable names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXIT_CONFIG = 78;
const configDir = process.env.CONFIG_DIR ?? 'config';
const secretsDir = process.env.SECRETS_DIR ?? '/run/secrets';
const problems = [];

if (process.env.NETWORK !== 'testnet') {
  problems.push(`NETWORK is "${process.env.NETWORK ?? ''}": the testnet profile needs NETWORK=testnet (in .env or on the command line)`);
}
for (const name of Object.keys(process.env)) {
  if (/^WALLET_[A-Z0-9_]+_PRIVATE_KEY$/.test(name)) {
    problems.push(`${name} is set in the environment (from .env?): put the key in ./secrets/ instead, every container reads .env`);
  }
}
let wallets = [];
try {
  wallets = JSON.parse(readFileSync(join(configDir, 'bots.json'), 'utf8')).wallets ?? [];
} catch (error) {
  problems.push(`${join(configDir, 'bots.json')}: cannot read (${error.code ?? error.message})`);
}
for (const { id } of wallets) {
  const file = join(secretsDir, `wallet_${id}`);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(`${file}: cannot read (${error.code ?? 'error'}): create ./secrets/wallet_${id}, readable by uid 1000`);
    continue;
  }
  if (!/^(0x)?[0-9a-fA-F]{64}$/.test(text.trim())) problems.push(`${file}: not a private key (expected 64 hex digits)`);
}
if (process.env.ALLOW_MAINNET_TRADING === 'true' || process.env.ALLOW_MAINNET_TRADING === '1') {
  problems.push('ALLOW_MAINNET_TRADING is true: the testnet profile never signs for mainnet; unset it');
}

if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`testnet-preflight: ${problem}\n`);
  process.exit(EXIT_CONFIG);
}
process.stdout.write(`testnet-preflight: ok, NETWORK=testnet and a key file for each of ${wallets.length} wallet(s)\n`);
