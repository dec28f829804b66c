import { decideMismatch, decideSequence } from './sequence.policy';

describe('decideSequence', () => {
  describe('when the local sequence equals the chain plus what is in flight', () => {
    it('keeps it', () => {
      expect(decideSequence({ local: 11, chain: 10, inFlight: 1, maxDrift: 2 })).toEqual({ action: 'keep', drift: 0 });
    });
  });

  describe('when the chain is ahead (another client used the key, or the sim drifted it)', () => {
    it('takes the chain value, however small the gap', () => {
      expect(decideSequence({ local: 10, chain: 11, inFlight: 0, maxDrift: 2 })).toEqual({ action: 'correct', to: 11, drift: -1, reason: 'behind' });
    });
  });

  describe('when the local sequence is ahead of the chain', () => {
    it('tolerates up to maxDrift (an LCD answering from a node a block late)', () => {
      expect(decideSequence({ local: 12, chain: 10, inFlight: 0, maxDrift: 2 }).action).toBe('keep');
    });

    it('corrects a drift above maxDrift to the chain plus what is in flight', () => {
      expect(decideSequence({ local: 14, chain: 10, inFlight: 1, maxDrift: 2 })).toEqual({ action: 'correct', to: 11, drift: 3, reason: 'ahead' });
    });
  });
});

describe('decideMismatch', () => {
  it('adopts an expected sequence at or above the floor (the last included + 1)', () => {
    expect(decideMismatch(12, 10)).toEqual({ action: 'adopt', to: 12 });
    expect(decideMismatch(10, 10)).toEqual({ action: 'adopt', to: 10 });
  });

  it('never moves below the floor: an expected sequence under it comes from a lagging node', () => {
    expect(decideMismatch(9, 10)).toEqual({ action: 'lagging-node' });
    expect(decideMismatch(0, 1)).toEqual({ action: 'lagging-node' });
  });

  it('re-reads the account when the reply names no sequence', () => {
    expect(decideMismatch(null, 10)).toEqual({ action: 'refresh' });
  });
});
