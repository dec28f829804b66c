import { TopicHub, type Delta } from './topic.hub';

describe('TopicHub', () => {
  it('numbers deltas in order and emits each', () => {
    const hub = new TopicHub();
    const seen: Delta[] = [];
    hub.on('delta', (d) => seen.push(d));
    hub.publish('prices', 'tick', 1);
    hub.publish('bots', 'bot', 2);
    expect(seen.map((d) => [d.seq, d.topic])).toEqual([[1, 'prices'], [2, 'bots']]);
    expect(hub.lastSeq).toBe(2);
  });

  describe('when a client resumes from a seq it still holds', () => {
    it('returns the later deltas of the asked topics only', () => {
      const hub = new TopicHub();
      ['a', 'b', 'c'].forEach((x) => hub.publish('prices', 'tick', x));
      hub.publish('services', 'service', 'd');
      expect(hub.since(1, new Set(['prices'] as const))!.map((d) => d.data)).toEqual(['b', 'c']);
      expect(hub.since(4, new Set(['prices'] as const))).toEqual([]);
    });
  });

  describe('when it cannot cover the gap', () => {
    it('asks for a snapshot: seq too old for the ring, or from the future (another process)', () => {
      const hub = new TopicHub();
      for (let i = 0; i < 2100; i++) hub.publish('prices', 'tick', i);
      expect(hub.since(10, new Set(['prices'] as const))).toBeUndefined();
      expect(hub.since(5000, new Set(['prices'] as const))).toBeUndefined();
      expect(hub.since(2099, new Set(['prices'] as const))).toHaveLength(1);
    });
  });
});
