// The offline demo's one-shot init (docker-compose.yml, service demo-init, profile sim): a throwaway
// key for every wallet of config/bots.json in SECRETS_DIR/wallet_<id> (existing files are kept, so
// the demo wallets survive restarts), and the simulator's genesis funding all of them in
// GENESIS_FILE. The keys and the genesis come from scripts/demo-wallets.ts, the same code `npm start`
// uses. Runs as root inside the image only to write the bind-mounted secrets directory; the key
// files are handed to APP_UID (the image's `node` user) with mode 0400. Never prints a key.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const configDir = process.env.CONFIG_DIR ?? 'config';
const secretsDir = process.env.SECRETS_DIR ?? '/secrets';
const genesisFile = process.env.GENESIS_FILE ?? '/sim/sim-genesis.json';
const appUid = Number(process.env.APP_UID ?? 1000);

const { wallets } = JSON.parse(readFileSync(join(configDir, 'bots.json'), 'utf8'));
mkdirSync(secretsDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'demo-init-'));
try {
  // Seed demo-wallets.ts with the key files already in the secrets directory: it reuses them.
  const workKeys = join(work, 'wallets');
  mkdirSync(workKeys, { mode: 0o700 });
  for (const { id } of wallets) {
    const existing = join(secretsDir, `wallet_${id}`);
    if (existsSync(existing)) writeFileSync(join(workKeys, `wallet_${id}`), readFileSync(existing), { mode: 0o600 });
  }
  execFileSync(process.execPath, ['dist/scripts/demo-wallets.js', work], { stdio: 'inherit' });

  const created = [];
  for (const { id } of wallets) {
    const file = join(secretsDir, `wallet_${id}`);
    if (existsSync(file)) continue;
    copyFileSync(join(workKeys, `wallet_${id}`), file, constants.COPYFILE_EXCL);
    chmodSync(file, 0o400);
    if (process.getuid?.() === 0) chownSync(file, appUid, appUid);
    created.push(id);
  }
  mkdirSync(dirname(genesisFile), { recursive: true });
  copyFileSync(join(work, 'sim-genesis.json'), genesisFile);
  console.log(
    `demo-init: ${wallets.length} wallet key(s) in ${secretsDir} (${created.length ? `new: ${created.join(', ')}` : 'all kept'}); genesis in ${genesisFile}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
