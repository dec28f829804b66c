import { contentFingerprint, shouldPublish } from './publish.gate';

describe('shouldPublish', () => {
  it('publishes the first snapshot', () => {
    expect(shouldPublish(undefined, 'a', 0, 5000)).toBe(true);
  });

  it('publishes changed content at once', () => {
    expect(shouldPublish({ fingerprint: 'a', at: 1000 }, 'b', 1001, 5000)).toBe(true);
  });

  it('holds unchanged content until the republish interval has passed', () => {
    expect(shouldPublish({ fingerprint: 'a', at: 1000 }, 'a', 5999, 5000)).toBe(false);
    expect(shouldPublish({ fingerprint: 'a', at: 1000 }, 'a', 6000, 5000)).toBe(true);
  });
});

describe('contentFingerprint', () => {
  it('ignores the read time and the block height', () => {
    const a = { mid: '12.3', ts: 1, height: 10 };
    expect(contentFingerprint(a)).toBe(contentFingerprint({ mid: '12.3', ts: 2, height: 11 }));
    expect(contentFingerprint(a)).not.toBe(contentFingerprint({ mid: '12.31', ts: 1, height: 10 }));
  });
});
