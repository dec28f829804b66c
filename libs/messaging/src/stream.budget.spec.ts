import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiscardPolicy, RetentionPolicy } from 'nats';
import { envSchema } from '@mirrorbook/config';
import { budgetOverflow, retainedBytes, secondsOfRetention, streamConfigOf, streamUsageRatio } from './stream.budget';

const MB = 1024 ** 2;

/** `max_file_store` of a nats-server config, in bytes (`2GB`, `20MB`). */
function maxFileStore(file: string): number {
  const match = /max_file_store:\s*(\d+)\s*(MB|GB)/.exec(readFileSync(join(__dirname, '../../..', file), 'utf8'));
  if (!match) throw new Error(`no max_file_store in ${file}`);
  return Number(match[1]) * (match[2] === 'GB' ? 1024 ** 3 : MB);
}

describe('stream budgets', () => {
  it('bounds every stream by bytes and discards the oldest messages once full', () => {
    expect(streamConfigOf('EXEC', { maxAgeS: 60, maxBytes: 8 * MB, maxMsgsPerSubject: 10 })).toMatchObject({
      name: 'EXEC',
      subjects: ['exec.report.>', 'orders.>'],
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: 60_000_000_000,
      max_bytes: 8 * MB,
      max_msgs_per_subject: 10,
    });
    expect(streamConfigOf('INTENTS', { maxAgeS: 60, maxBytes: MB })).toMatchObject({ retention: RetentionPolicy.Workqueue, discard: DiscardPolicy.Old, max_msgs_per_subject: -1 });
  });

  it('computes what a rate keeps for a max age, and how long a budget lasts', () => {
    // 100 events a minute of 500 bytes for an hour
    expect(retainedBytes({ eventsPerMinute: 100, bytesPerEvent: 500, maxAgeS: 3600 })).toBe(3_000_000);
    expect(secondsOfRetention(3_000_000, { eventsPerMinute: 100, bytesPerEvent: 500 })).toBe(3600);
    expect(streamUsageRatio(7 * MB, 10 * MB)).toBeCloseTo(0.7);
    expect(streamUsageRatio(5, -1)).toBe(0);
  });

  it('names the budgets that overflow the store', () => {
    expect(budgetOverflow({ EXEC: { maxAgeS: 1, maxBytes: 8 }, INTENTS: { maxAgeS: 1, maxBytes: 2 } }, 10)).toBeUndefined();
    expect(budgetOverflow({ EXEC: { maxAgeS: 1, maxBytes: 9 }, INTENTS: { maxAgeS: 1, maxBytes: 2 } }, 10)).toBe('stream budgets EXEC 9 + INTENTS 2 = 11 bytes exceed the JetStream store of 10 bytes');
  });

  it('the default budgets fit the store of deploy/nats/nats.conf, with room left for consumer state', () => {
    const env = envSchema.parse({});
    const budgets = {
      MD: { maxAgeS: env.MD_MAX_AGE_S, maxBytes: env.MD_MAX_BYTES },
      EXEC: { maxAgeS: env.EXEC_MAX_AGE_S, maxBytes: env.EXEC_MAX_BYTES },
      INTENTS: { maxAgeS: env.INTENTS_MAX_AGE_S, maxBytes: env.INTENTS_MAX_BYTES },
      DLQ: { maxAgeS: env.DLQ_MAX_AGE_S, maxBytes: env.DLQ_MAX_BYTES },
    };
    const store = maxFileStore('deploy/nats/nats.conf');
    expect(budgetOverflow(budgets, store * 0.9)).toBeUndefined();
    expect(budgetOverflow(budgets, maxFileStore('deploy/scale/nats/nats-cluster.conf'))).toBeUndefined();
  });
});
