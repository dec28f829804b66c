import { Injectable, Logger } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import type { z, ZodTypeAny } from 'zod';
import { RedisService } from '@mirrorbook/redis';

/** One Redis value read through its schema: there and valid, absent, or refused with why. */
export type StoredReading<T> = { status: 'ok'; value: T } | { status: 'missing' } | { status: 'invalid'; reason: string };

const INVALID_TOTAL = 'mirrorbook_gateway_invalid_stored_values_total';

/** Redis values the gateway refused (not JSON, or failing their schema), by key family (`fees`, `balances`, …). */
const invalidStoredTotal = () =>
  (register.getSingleMetric(INVALID_TOTAL) as Counter | undefined) ??
  new Counter({ name: INVALID_TOTAL, help: 'Redis values the gateway refused as invalid (not JSON or failing their schema), by key family', labelNames: ['family'] });

/**
 * Reads JSON values from Redis through their schema: a missing key is `undefined`, and so is a
 * value that fails its schema (counted, logged once per key, never cast).
 */
@Injectable()
export class StoredJsonReader {
  private readonly logger = new Logger(StoredJsonReader.name);
  private readonly warned = new Set<string>();

  constructor(private readonly redis: RedisService) {}

  /** MGET of `keys`, each parsed with `schema`. */
  async many<S extends ZodTypeAny>(schema: S, keys: string[]): Promise<(z.output<S> | undefined)[]> {
    return (await this.readings(schema, keys)).map((r) => (r.status === 'ok' ? r.value : undefined));
  }

  /** MGET of `keys`, each parsed with `schema`, telling an absent key from a refused value. */
  async readings<S extends ZodTypeAny>(schema: S, keys: string[]): Promise<StoredReading<z.output<S>>[]> {
    if (keys.length === 0) return [];
    const raws = await this.redis.client.mget(...keys);
    return raws.map((raw, i) => this.read(schema, keys[i], raw));
  }

  /** GET of one key parsed with `schema`. */
  async one<S extends ZodTypeAny>(schema: S, key: string): Promise<z.output<S> | undefined> {
    return (await this.many(schema, [key]))[0];
  }

  /** Parses a raw value already read from `key`. */
  parse<S extends ZodTypeAny>(schema: S, key: string, raw: string | null): z.output<S> | undefined {
    const reading = this.read(schema, key, raw);
    return reading.status === 'ok' ? reading.value : undefined;
  }

  private read<S extends ZodTypeAny>(schema: S, key: string, raw: string | null): StoredReading<z.output<S>> {
    if (raw === null) return { status: 'missing' };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      return this.refuse(key, `not JSON (${(error as Error).message})`);
    }
    const result = schema.safeParse(json);
    if (result.success) return { status: 'ok', value: result.data };
    return this.refuse(key, result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }

  private refuse(key: string, reason: string): { status: 'invalid'; reason: string } {
    invalidStoredTotal().inc({ family: key.split(':')[0] });
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.logger.warn(`ignoring invalid value at Redis key ${key}: ${reason}`);
    }
    return { status: 'invalid', reason };
  }
}
