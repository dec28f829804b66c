#!/usr/bin/env node
// @ts-check
// Writes deploy/compose.executors.yml (included by docker-compose.yml): one `executor-<wallet>`
// service per wallet of config/bots.json, each the `x-executor` template of docker-compose.yml plus
// WALLET_ID, WALLET_<ID>_PRIVATE_KEY_FILE=/run/secrets/wallet_<id> and that one secret, and
// NATS_URL/REDIS_URL with the wallet's bus identity `executor-<id>` (libs/access); the
// testnet profile's `testnet-preflight` (template `x-testnet-preflight`) with every wallet's
// secret; and the `wallet_<id>` secrets, read from ./secrets/wallet_<id>.
//
//   node scripts/compose-executors.mjs            # write it (after changing wallets or a template)
//   node scripts/compose-executors.mjs --check    # exit 1 when the file is not what config gives
//
// Options: --config-dir DIR (default $CONFIG_DIR or config), --compose FILE, --out FILE, and
// --executor-group W1,W2 (repeatable): one `executor-w1-w2` process for those wallets
// (EXECUTOR_WALLETS, both secrets, the group's identity) instead of one per wallet. The default,
// one wallet per process, isolates best; a group saves about one process's memory per wallet
// (apps/executor/README.md, "Several wallets in one process"). Give scripts/compose-identities.ts
// the same groups.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WALLET_ID = /^[a-z0-9][a-z0-9_]*$/;

/**
 * @param {string} name
 * @param {string} fallback
 */
function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/**
 * The values of every `--executor-group` option, each a list of wallet ids.
 * @param {string[]} argv
 * @returns {string[][]}
 */
export function executorGroupsOf(argv) {
  /** @type {string[][]} */
  const groups = [];
  argv.forEach((arg, i) => {
    if (arg !== '--executor-group') return;
    const value = argv[i + 1];
    if (!value || value.startsWith('--')) throw new Error('--executor-group needs a list of wallet ids, e.g. --executor-group w1,w2');
    groups.push(value.split(',').map((id) => id.trim()));
  });
  return groups;
}

/**
 * Refuses groups of fewer than two wallets, of a wallet config/bots.json does not list, or with a
 * wallet in two groups (libs/access's serviceIdentities refuses the same).
 * @param {string[][]} groups
 * @param {string[]} ids
 */
function checkGroups(groups, ids) {
  const grouped = new Set();
  for (const group of groups) {
    if (group.length < 2) throw new Error(`executor group ${group.join(',')}: a group has at least two wallets (one wallet per process is the default)`);
    for (const id of group) {
      if (!ids.includes(id)) throw new Error(`executor group ${group.join(',')}: wallet ${id} is not a wallet of config/bots.json`);
      if (grouped.has(id)) throw new Error(`executor group ${group.join(',')}: wallet ${id} is in two groups (or twice in one)`);
      grouped.add(id);
    }
  }
}

/**
 * NATS_URL and REDIS_URL of the executor of wallet `id` (or of a group, `id` its wallets joined by `-`): its identity `executor-<id>` and that
 * identity's passwords from .env, named as libs/access names them (natsPasswordVariable,
 * redisPasswordVariable; test/deploy/compose-file.spec.ts holds the two to the same names).
 * @param {string} id
 */
export function busUrlsOf(id) {
  const identity = `executor-${id}`;
  const token = identity.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  /** @param {string} name */
  const required = (name) => `\${${name}:?set ${name} in .env (deploy/bin/init-env.sh)}`;
  return {
    NATS_URL: `nats://${identity}:${required(`NATS_PASSWORD_${token}`)}@nats:4222`,
    REDIS_URL: `redis://${identity}:${required(`REDIS_PASSWORD_${token}`)}@redis:6379`,
  };
}

/**
 * The executors file for these wallets and the templates of the main compose file: one executor
 * per wallet, but one per group for the wallets of `groups`.
 * @param {Record<string, any>} compose docker-compose.yml, parsed
 * @param {{ id: string }[]} wallets config/bots.json's wallets
 * @param {string[][]} [groups] wallets that share one executor process (EXECUTOR_WALLETS)
 */
export function renderExecutors(compose, wallets, groups = []) {
  const executor = compose['x-executor'];
  const preflight = compose['x-testnet-preflight'];
  if (!executor || !preflight) throw new Error('docker-compose.yml has no x-executor or x-testnet-preflight template');
  /** @type {Record<string, unknown>} */
  const services = {};
  /** @type {Record<string, { file: string }>} */
  const secrets = {};
  for (const { id } of wallets) if (!WALLET_ID.test(id)) throw new Error(`wallet id "${id}" is not usable as a service name`);
  checkGroups(groups, wallets.map((w) => w.id));
  for (const { id } of wallets) {
    const group = groups.find((g) => g.includes(id));
    if (group && group[0] !== id) continue;
    const members = group ?? [id];
    const name = members.join('-');
    const keyFiles = Object.fromEntries(members.map((m) => [`WALLET_${m.toUpperCase()}_PRIVATE_KEY_FILE`, `/run/secrets/wallet_${m}`]));
    services[`executor-${name}`] = {
      ...executor,
      environment: {
        ...executor.environment,
        ...busUrlsOf(name),
        ...(group ? { EXECUTOR_WALLETS: members.join(',') } : { WALLET_ID: id }),
        ...keyFiles,
      },
      secrets: members.map((m) => `wallet_${m}`),
    };
  }
  for (const { id } of wallets) secrets[`wallet_${id}`] = { file: `./secrets/wallet_${id}` };
  services['testnet-preflight'] = { ...preflight, secrets: Object.keys(secrets) };
  const header = [
    '# GENERATED by `node scripts/compose-executors.mjs` from config/bots.json and the x-executor /',
    '# x-testnet-preflight templates of docker-compose.yml. Do not edit: change those and run it again',
    '# (`--check` tells whether this file is current; test/deploy checks it too).',
    '#',
    '# One executor per wallet: the only process holding that wallet\'s key, read from',
    '# ./secrets/wallet_<id> (a compose secret, mounted at /run/secrets/wallet_<id>). A second replica',
    '# of an executor (`--scale executor-<id>=2`, or one on another host) waits as a standby: the Redis',
    '# lease keeps exactly one active per wallet.',
    ...(groups.length > 0
      ? [
          '#',
          `# Grouped (--executor-group): ${groups.map((g) => `executor-${g.join('-')} signs for ${g.join(', ')}`).join('; ')}:`,
          '# one process, one tenure per wallet (EXECUTOR_WALLETS), the union of those wallets\' rights.',
        ]
      : []),
    '',
  ].join('\n');
  const body = stringify({ services, secrets }, { aliasDuplicateObjects: false, lineWidth: 0, version: '1.1' });
  return `${header}${body}`;
}

function main() {
  const configDir = option('--config-dir', process.env.CONFIG_DIR ?? join(ROOT, 'config'));
  const composeFile = option('--compose', join(ROOT, 'docker-compose.yml'));
  const out = option('--out', join(ROOT, 'deploy', 'compose.executors.yml'));
  const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true });
  const { wallets } = /** @type {{ wallets: { id: string }[] }} */ (JSON.parse(readFileSync(join(configDir, 'bots.json'), 'utf8')));
  let text;
  try {
    text = renderExecutors(compose, wallets, executorGroupsOf(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`compose-executors: ${/** @type {Error} */ (error).message}\n`);
    process.exit(2);
  }
  const shown = relative(process.cwd(), out) || out;
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      const grouping = process.argv.slice(2).flatMap((arg, i, all) => (arg === '--executor-group' ? [` ${arg} ${all[i + 1]}`] : [])).join('');
      process.stderr.write(`${shown} is out of date with config/bots.json: run node scripts/compose-executors.mjs${grouping}\n`);
      process.exit(1);
    }
    process.stdout.write(`${shown} is current (${wallets.length} wallet(s))\n`);
    return;
  }
  writeFileSync(out, text);
  process.stdout.write(`wrote ${shown}: ${Object.keys(parse(text).services).filter((s) => s.startsWith('executor-')).join(', ')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
