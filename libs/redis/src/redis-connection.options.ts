import { readFileSync } from 'node:fs';
import type { RedisOptions } from 'ioredis';

/**
 * TLS options of REDIS_URL and REDIS_CA_FILE: ioredis speaks TLS for a `rediss://` URL and verifies
 * the server against the system CAs; REDIS_CA_FILE names the CA that signed the server's
 * certificate instead (a private CA, deploy/README.md). A CA file with a plain `redis://` URL is a
 * mistake: refused rather than silently ignored or silently switching to TLS.
 */
export function redisTlsOptions(url: string, caFile?: string): Pick<RedisOptions, 'tls'> {
  if (caFile === undefined) return {};
  if (!url.startsWith('rediss://')) throw new Error('REDIS_CA_FILE is set but REDIS_URL is not rediss://');
  return { tls: { ca: readFileSync(caFile) } };
}
