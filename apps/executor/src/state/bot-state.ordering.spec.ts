import type { BotState } from '@mirrorbook/contracts';
import { nextBotState } from './bot-state.ordering';

const state = (desired: BotState['desired'], updatedAt: number, by = 'gateway'): BotState => ({ v: 1, bot: 'b1', desired, params: {}, by, updatedAt });

describe('nextBotState', () => {
  it('takes the first read as it is', () => {
    expect(nextBotState(undefined, state('running', 0, 'config'))).toEqual({ kind: 'apply', state: state('running', 0, 'config') });
  });

  it('takes a newer or equal record, and never goes back to an older updatedAt', () => {
    expect(nextBotState(state('running', 5), state('stopped', 6)).kind).toBe('apply');
    expect(nextBotState(state('running', 5), state('running', 5)).kind).toBe('apply');
    expect(nextBotState(state('stopped', 6), state('running', 5))).toEqual({ kind: 'stale', state: state('stopped', 6) });
  });

  it('stops a bot whose record vanished, whatever its default, until a newer record comes', () => {
    const lost = nextBotState(state('stopped', 6), state('running', 0, 'config'));
    expect(lost).toEqual({ kind: 'lost', state: state('stopped', 6, 'record-lost') });
    expect(nextBotState(lost.state, state('running', 0, 'config')).kind).toBe('lost');
    expect(nextBotState(lost.state, state('running', 7))).toEqual({ kind: 'apply', state: state('running', 7) });
  });

  it('follows the marker while no record was ever read (default ↔ no record)', () => {
    expect(nextBotState(state('stopped', 0, 'no-record'), state('running', 0, 'config')).kind).toBe('apply');
    expect(nextBotState(state('running', 0, 'config'), state('stopped', 0, 'no-record'))).toEqual({ kind: 'apply', state: state('stopped', 0, 'no-record') });
  });
});
