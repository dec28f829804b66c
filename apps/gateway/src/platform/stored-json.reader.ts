import { Injectable, Logger } from '@nestjs/common';
import type { z, ZodTypeAny } from 'zod';
import { RedisService } from '@mirrorbook/redis';

/**
 * Reads JSON values from Redis through their schema: a missing key is `undefined`, and so is a
 * value that fails its schema (logged once per key, never cast).
 */
@Injectable()
export class StoredJsonReader {
  private readonly logger = new Logger(StoredJsonReader.name);
  private readonly warned = new Set<string>();

  constructor(private readonly redis: RedisService) {}

  /** MGET of `keys`, each parsed with `schema`. */
  async many<S extends ZodTypeAny>(schema: S, keys: string[]): Promise<(z.output<S> | undefined)[]> {
    if (keys.length === 0) return [];
    const raws = await this.redis.client.mget(...keys);
    return raws.map((raw, i) => this.parse(schema, keys[i], raw));
  }

  /** GET of one key parsed with `schema`. */
  async one<S extends ZodTypeAny>(schema: S, key: string): Promise<z.output<S> | undefined> {
    return (await this.many(schema, [key]))[0];
  }

  /** Parses a raw value already read from `key`. */
  parse<S extends ZodTypeAny>(schema: S, key: string, raw: string | null): z.output<S> | undefined {
    if (raw === null) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      this.warnOnce(key, `not JSON (${(error as Error).message})`);
      return undefined;
    }
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    this.warnOnce(key, result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
    return undefined;
  }

  private warnOnce(key: string, reason: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.logger.warn(`ignoring invalid value at Redis key ${key}: ${reason}`);
  }
}
