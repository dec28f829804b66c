import { processState } from './executor.tenures';

describe('processState (several wallets in one process)', () => {
  it.each([
    [['running', 'standby', 'paused'], 'running'],
    [['paused', 'standby'], 'paused'],
    [['standby', 'standby'], 'standby'],
    [['starting', 'standby'], 'standby'],
    [[], 'standby'],
  ] as const)('%j → %s: running while one wallet runs, paused while none runs and one is paused by its breaker', (wallets, expected) => {
    expect(processState(wallets)).toBe(expected);
  });
});
