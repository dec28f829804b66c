import type { BotState } from '@mirrorbook/contracts';
import { resolveBotState } from './bot-state.default';

describe('resolveBotState', () => {
  describe('when bot:<id> is missing', () => {
    it('runs an enabled bot', () => {
      expect(resolveBotState({ id: 'spot-inj', enabled: true }, undefined)).toEqual({ v: 1, bot: 'spot-inj', desired: 'running', params: {}, by: 'config', updatedAt: 0 });
    });
    it('stops a disabled bot', () => {
      expect(resolveBotState({ id: 'spot-inj', enabled: false }, undefined).desired).toBe('stopped');
    });
  });

  describe('when bot:<id> holds a state', () => {
    it('is that state, whatever the config says', () => {
      const stored: BotState = { v: 1, bot: 'spot-inj', desired: 'paused', params: { baseSize: '2' }, by: 'gateway', updatedAt: 5 };
      expect(resolveBotState({ id: 'spot-inj', enabled: true }, stored)).toBe(stored);
    });
  });
});
