import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderNatsAuthorization, renderRedisAcl, serviceIdentities } from '@mirrorbook/access';
import { botsFileSchema } from '@mirrorbook/config';

/**
 * NATS and Redis identities for `npm start`: one user per service (`executor-<wallet>` per wallet
 * of config/bots.json) with only its rights. Writes into `<dataDir>/identities/` (mode 0700):
 * `passwords.json` (random, reused across starts), `nats-auth.conf` (nats-server `-c`),
 * `users.acl` (redis-server `--aclfile`, password hashes only), each mode 0600. The CLI's URLs
 * go into the stack file scripts/start.mjs writes once the stack is up.
 */
const dataDir = process.argv[2] ?? '.data';
const configDir = process.env.CONFIG_DIR ?? 'config';
const dir = join(dataDir, 'identities');
mkdirSync(dir, { recursive: true, mode: 0o700 });
chmodSync(dir, 0o700);

const { wallets } = botsFileSchema.parse(JSON.parse(readFileSync(join(configDir, 'bots.json'), 'utf8')));
const identities = serviceIdentities(wallets.map((w) => w.id));
const passwordsFile = join(dir, 'passwords.json');
const kept: Record<string, string> = existsSync(passwordsFile) ? JSON.parse(readFileSync(passwordsFile, 'utf8')) : {};
const passwords = Object.fromEntries(identities.map((i) => [i.name, kept[i.name] ?? randomBytes(24).toString('hex')]));
const secret = (name: string, text: string) => writeFileSync(join(dir, name), text, { mode: 0o600 });

secret('passwords.json', `${JSON.stringify(passwords, null, 2)}\n`);
secret('nats-auth.conf', renderNatsAuthorization(identities, (name) => ({ literal: passwords[name]! })));
secret('users.acl', renderRedisAcl(identities, (name) => createHash('sha256').update(passwords[name]!).digest('hex')));
console.log(`bus identities: ${identities.map((i) => i.name).join(', ')} (in ${dir})`);
