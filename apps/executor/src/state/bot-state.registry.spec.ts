import { Logger } from '@nestjs/common';
import { register } from 'prom-client';
import { resolveStrategyParams, type BotState } from '@mirrorbook/contracts';
import type { AppConfig } from '@mirrorbook/config';
import type { MessagingService } from '@mirrorbook/messaging';
import type { BotStateListener } from './bot-state.listener';
import { BotStateRegistry } from './bot-state.registry';
import type { WalletStateStore } from './wallet-state.store';

const config = {
  markets: [{ key: 'inj-usdt', type: 'spot', mainnetMarketId: '0x1', testnetMarketId: '0x2', referencePrice: 'mid', strategy: { baseSize: '2' }, enabled: true }],
  bots: [{ id: 'b1', wallet: 'w1', markets: ['inj-usdt'], params: {}, enabled: true }],
  strategyDefaults: resolveStrategyParams(),
} as unknown as AppConfig;

const MARKER = JSON.stringify({ v: 1, at: 1, by: 'test' });
const record = (desired: BotState['desired'], params: Record<string, unknown>, updatedAt = 1): BotState => ({ v: 1, bot: 'b1', desired, params, by: 'gateway', updatedAt });

/** A registry over an in-memory `bot:b1` and `bots:bootstrap`, with the `bot.state` handler and what its listener heard. */
async function loaded(initial: { record?: BotState | null; marker?: string | null } = {}) {
  const redis = { record: initial.record === undefined ? null : initial.record, marker: initial.marker === undefined ? MARKER : initial.marker };
  let onMessage: ((state: BotState) => void) | undefined;
  const store = {
    botStateRecords: async () => ({ marker: redis.marker, records: [redis.record ? JSON.stringify(redis.record) : null] }),
  } as unknown as WalletStateStore;
  const messaging = {
    ready: async () => undefined,
    subscribe: (_subject: unknown, handler: (state: BotState) => void) => (onMessage = handler),
  } as unknown as MessagingService;
  const stopped: string[] = [];
  const listener: BotStateListener = { botStopped: (bot) => stopped.push(bot.id) };
  const registry = new BotStateRegistry(config, store, messaging, 'w1');
  await registry.load(listener);
  const message = async (state: BotState) => {
    onMessage!(state);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { redis, registry, stopped, message };
}

async function metric(name: string): Promise<number> {
  const values = (await register.getSingleMetric(name)?.get())?.values ?? [];
  return values.filter((v) => v.labels.wallet === 'w1').reduce((sum, v) => sum + v.value, 0);
}

describe('BotStateRegistry', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('takes state and parameters from the bot:<id> record only: a bot.state message is a cue to read it again', async () => {
    const { redis, registry, stopped, message } = await loaded({ record: record('stopped', { leverage: '3' }) });
    expect(registry.running('b1')).toBe(false);
    expect(registry.paramsOf('b1', 'inj-usdt').leverage.toFixed()).toBe('3');

    // a forged message: running with a huge baseSize and leverage; the record still says stopped
    await message(record('running', { baseSize: '1000000', leverage: '20' }));
    expect(registry.running('b1')).toBe(false);
    expect(registry.paramsOf('b1', 'inj-usdt').leverage.toFixed()).toBe('3');

    // the gateway's real change: record first, then the message
    redis.record = record('running', { baseSize: '1000000', leverage: '4' }, 2);
    await message(record('running', {}, 2));
    expect(registry.running('b1')).toBe(true);
    const params = registry.paramsOf('b1', 'inj-usdt');
    expect([params.leverage.toFixed(), params.configuredBaseSize.toFixed()]).toEqual(['4', '2']);

    redis.record = record('stopped', { leverage: '4' }, 3);
    await message(record('stopped', {}, 3));
    expect(stopped).toEqual(['b1']);
  });

  it('resolves fee budgets once per change of the live edits (heartbeats ask every beat), and follows an edit', async () => {
    const { redis, registry } = await loaded({ record: record('running', { feeBudget: { dailyInj: '2' } }, 1) });
    const first = registry.feeBudgets();
    expect(first.map((l) => l.live.dailyInj)).toEqual(['2']);
    redis.record = record('running', { feeBudget: { dailyInj: '2' } }, 2);
    await registry.resync();
    // same edits, a later record: the resolved layers are the same objects, not parsed again
    expect(registry.feeBudgets()[0]).toBe(first[0]);
    redis.record = record('running', { feeBudget: { dailyInj: '3' } }, 3);
    await registry.resync();
    expect(registry.feeBudgets().map((l) => l.live.dailyInj)).toEqual(['3']);
    expect(registry.paramsOf('b1', 'inj-usdt').leverage.toFixed()).toBe(resolveStrategyParams().leverage);
  });

  it('never goes back to an older updatedAt: a record older than the one in force is ignored', async () => {
    const { redis, registry, stopped } = await loaded({ record: record('stopped', {}, 10) });
    redis.record = record('running', {}, 9);
    await registry.resync();
    expect(registry.running('b1')).toBe(false);
    redis.record = record('running', {}, 11);
    await registry.resync();
    expect(registry.running('b1')).toBe(true);
    expect(stopped).toEqual([]);
  });

  it('acts on a resync like on a message: a bot found stopped is announced once', async () => {
    const { redis, registry, stopped } = await loaded({ record: record('running', {}, 1) });
    redis.record = record('stopped', {}, 2);
    await registry.resync();
    await registry.resync();
    expect(stopped).toEqual(['b1']);
  });

  it('fails closed: without a record and without bots:bootstrap the bot is stopped and counted missing; the marker applies the default', async () => {
    const { redis, registry, stopped } = await loaded({ marker: null });
    expect(registry.running('b1')).toBe(false);
    expect(registry.stopped().map((b) => b.id)).toEqual(['b1']);
    expect(Object.keys(registry.missingStates())).toEqual(['b1']);
    expect(await metric('mirrorbook_executor_bot_state_missing')).toBe(1);

    redis.marker = MARKER;
    await registry.resync();
    expect(registry.running('b1')).toBe(true);
    expect(registry.missingStates()).toEqual({});
    expect(await metric('mirrorbook_executor_bot_state_missing')).toBe(0);

    // Redis lost its data: the marker is gone, the bot stops (and its listener hears it), an alert is counted
    const lostBefore = await metric('mirrorbook_executor_bot_state_lost_total');
    redis.marker = null;
    await registry.resync();
    expect(registry.running('b1')).toBe(false);
    expect(stopped).toEqual(['b1']);
    expect(await metric('mirrorbook_executor_bot_state_lost_total')).toBe(lostBefore + 1);
  });

  it('stops a bot whose record vanished even while the marker stays, alerts once, and runs it again only on a newer record', async () => {
    const { redis, registry, stopped } = await loaded({ record: record('running', {}, 5) });
    const lostBefore = await metric('mirrorbook_executor_bot_state_lost_total');
    redis.record = null;
    await registry.resync();
    await registry.resync();
    expect(registry.running('b1')).toBe(false);
    expect(stopped).toEqual(['b1']);
    expect(registry.missingStates()).toEqual({ b1: expect.stringContaining('vanished') });
    expect(await metric('mirrorbook_executor_bot_state_lost_total')).toBe(lostBefore + 1);
    redis.record = record('running', {}, 6);
    await registry.resync();
    expect(registry.running('b1')).toBe(true);
  });
});
