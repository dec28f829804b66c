import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '@mirrorbook/testing';

/** One service of a compose file, as far as these tests read it. */
export interface ComposeService {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[] | string;
  entrypoint?: string[] | string;
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null>;
  env_file?: (string | { path: string })[];
  ports?: (string | { target: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  secrets?: (string | { source: string })[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  networks?: Record<string, { aliases?: string[] } | null>;
  restart?: string;
  logging?: { driver: string; options?: Record<string, string> };
  mem_limit?: string;
  container_name?: string;
  user?: string;
  privileged?: boolean;
  [key: string]: unknown;
}

export interface ComposeFile {
  name?: string;
  include?: { path: string | string[]; project_directory?: string }[];
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file?: string; environment?: string }>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export const COMPOSE_FILE = 'docker-compose.yml';
export const EXECUTORS_FILE = 'deploy/compose.executors.yml';

export function repoText(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/** A compose file as Compose reads it: YAML 1.2 with `<<` merge keys resolved. */
export function loadComposeFile(path: string): ComposeFile {
  return parse(repoText(path), { merge: true, uniqueKeys: true }) as ComposeFile;
}

/** docker-compose.yml with the services and secrets of the files it includes. */
export function loadComposeProject(): ComposeFile {
  const main = loadComposeFile(COMPOSE_FILE);
  const merged: ComposeFile = { ...main, services: { ...main.services }, secrets: { ...main.secrets } };
  for (const entry of main.include ?? []) {
    for (const path of [entry.path].flat()) {
      const included = loadComposeFile(path);
      for (const [name, service] of Object.entries(included.services)) {
        if (merged.services[name]) throw new Error(`${path} redefines service ${name}`);
        merged.services[name] = service;
      }
      Object.assign(merged.secrets ?? {}, included.secrets);
    }
  }
  return merged;
}

/** The wallets of config/bots.json. */
export function configuredWallets(): { id: string }[] {
  return (JSON.parse(repoText('config/bots.json')) as { wallets: { id: string }[] }).wallets;
}

/** Services that run a mirrorbook image (built from the Dockerfile). */
export function appServices(project: ComposeFile): [string, ComposeService][] {
  return Object.entries(project.services).filter(([, s]) => s.build !== undefined);
}

/** `environment` as name → string (compose's list form is not used in these files). */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** Megabytes of a compose byte value such as `384m` or `1g`. */
export function megabytes(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([kmg])b?$/i.exec(value.trim());
  if (!match) throw new Error(`unreadable size ${value}`);
  const factor = { k: 1 / 1024, m: 1, g: 1024 }[match[2].toLowerCase() as 'k' | 'm' | 'g'];
  return Number(match[1]) * factor;
}
