import { CidSequence } from './cid.sequence';

describe('CidSequence', () => {
  it('numbers the orders of a cycle after the prefix and the cycle index (base 36)', () => {
    const cids = new CidSequence('spot-inj', 71);
    expect([cids.next(), cids.next()]).toEqual(['spot-inj-1z-0', 'spot-inj-1z-1']);
  });

  it('stays within 36 characters at the longest prefix, cycle index and order count', () => {
    const cids = new CidSequence('a'.repeat(20), Number.MAX_SAFE_INTEGER);
    let last = '';
    for (let i = 0; i < 36 ** 3; i++) last = cids.next();
    expect(last.length).toBe(36);
  });

  describe('when the prefix is unusable', () => {
    it.each(['', 'a'.repeat(21), 'has space', 'dot.ted'])('refuses %p with INVALID_CID_PREFIX', (prefix) => {
      expect(() => new CidSequence(prefix, 0)).toThrow(expect.objectContaining({ code: 'INVALID_CID_PREFIX' }));
    });
  });
});
