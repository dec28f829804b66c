import type { BotEntry } from './bots-file.schema';
import { botsBootstrapped, defaultBotState, resolveBotState, stoppedForNoRecord } from './bot-state.resolver';

const bot: BotEntry = { id: 'b1', wallet: 'w1', markets: ['inj-usdt'], params: {}, enabled: true };
const marker = JSON.stringify({ v: 1, at: 1, by: 'test' });

describe('bot state resolution', () => {
  it('fails closed: without a record and without the bootstrap marker every bot is stopped (no record)', () => {
    const state = resolveBotState(bot, null, false);
    expect(state).toMatchObject({ desired: 'stopped', by: 'no-record', updatedAt: 0 });
    expect(stoppedForNoRecord(state)).toBe(true);
    expect(resolveBotState(bot, undefined, false).desired).toBe('stopped');
  });

  it('once bootstrapped, runs an enabled bot and stops a disabled one when Redis has no record', () => {
    expect(resolveBotState(bot, null, true).desired).toBe('running');
    expect(resolveBotState({ ...bot, enabled: false }, null, true).desired).toBe('stopped');
    expect(stoppedForNoRecord(resolveBotState({ ...bot, enabled: false }, null, true))).toBe(false);
  });

  it('uses the stored record when it is valid, raw or parsed, marker or not', () => {
    const stored = { ...defaultBotState(bot), desired: 'paused' as const, by: 'gateway', updatedAt: 5 };
    expect(resolveBotState(bot, JSON.stringify(stored), false)).toEqual(stored);
    expect(resolveBotState(bot, stored, true)).toEqual(stored);
  });

  it('treats an unreadable or foreign record as stopped rather than guessing', () => {
    expect(resolveBotState(bot, '{nope', true).desired).toBe('stopped');
    expect(resolveBotState(bot, JSON.stringify({ ...defaultBotState(bot), bot: 'other' }), true).desired).toBe('stopped');
  });

  it('counts only a valid bootstrap marker', () => {
    expect(botsBootstrapped(marker)).toBe(true);
    expect([null, undefined, '', '1', '{nope', JSON.stringify({ v: 2, at: 1, by: 'x' })].map(botsBootstrapped)).toEqual([false, false, false, false, false, false]);
  });
});
