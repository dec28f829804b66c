import type { BotEntry } from './bots-file.schema';
import { defaultBotState, resolveBotState } from './bot-state.resolver';

const bot: BotEntry = { id: 'b1', wallet: 'w1', markets: ['inj-usdt'], params: {}, enabled: true };

describe('bot state resolution', () => {
  it('runs an enabled bot and stops a disabled one when Redis has no record', () => {
    expect(resolveBotState(bot, null).desired).toBe('running');
    expect(resolveBotState({ ...bot, enabled: false }, null).desired).toBe('stopped');
  });

  it('uses the stored record when it is valid, raw or parsed', () => {
    const stored = { ...defaultBotState(bot), desired: 'paused' as const, by: 'gateway', updatedAt: 5 };
    expect(resolveBotState(bot, JSON.stringify(stored))).toEqual(stored);
    expect(resolveBotState(bot, stored)).toEqual(stored);
  });

  it('treats an unreadable or foreign record as stopped rather than guessing', () => {
    expect(resolveBotState(bot, '{nope').desired).toBe('stopped');
    expect(resolveBotState(bot, JSON.stringify({ ...defaultBotState(bot), bot: 'other' })).desired).toBe('stopped');
  });
});
