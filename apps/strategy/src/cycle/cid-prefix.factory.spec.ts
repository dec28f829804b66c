import fc from 'fast-check';
import { botId, marketKey } from '@mirrorbook/contracts';
import { cidPrefixOf, intentIdOf, parseIntentId } from './cid-prefix.factory';

const ids = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,40}$/).filter((s) => botId.safeParse(s).success);
const keys = fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}$/).filter((s) => marketKey.safeParse(s).success);

describe('cidPrefixOf', () => {
  it('reads as the bot and market stems followed by a hash', () => {
    expect(cidPrefixOf('spot-inj', 'inj-usdt')).toBe('spotininjusd-0zjqhor');
  });

  it('is what the strategy core accepts: 1–20 characters of [A-Za-z0-9_-], for any ids', () => {
    fc.assert(fc.property(ids, keys, (bot, market) => /^[A-Za-z0-9_-]{1,20}$/.test(cidPrefixOf(bot, market))));
  });

  it('is the same for the same pair (a replayed cycle yields the same ids)', () => {
    expect(cidPrefixOf('perp-inj', 'inj-usdt-perp')).toBe(cidPrefixOf('perp-inj', 'inj-usdt-perp'));
  });

  it('tells apart pairs whose readable stems coincide', () => {
    expect(cidPrefixOf('a-b', 'c')).not.toBe(cidPrefixOf('ab', 'c'));
    expect(cidPrefixOf('spot-inj-1', 'inj-usdt')).not.toBe(cidPrefixOf('spot-inj-2', 'inj-usdt'));
  });
});

describe('intent ids', () => {
  it('are the cid prefix and the cycle index in base 36', () => {
    expect(intentIdOf('spotininjusd-0zjqhor', 1_700_000_000_000)).toBe('spotininjusd-0zjqhor-loyw3v28');
  });

  it('give back the prefix and index they were made of, for any ids and index', () => {
    const indices = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(ids, keys, indices, (bot, market, index) => {
        const cidPrefix = cidPrefixOf(bot, market);
        expect(parseIntentId(intentIdOf(cidPrefix, index))).toEqual({ cidPrefix, index });
      }),
    );
  });

  it('are not read from other shapes (an intent of another publisher)', () => {
    for (const id of ['', 'plain', '-abc', 'x-', 'x-ABC', 'x-1.5', `x-${'z'.repeat(12)}`]) expect(parseIntentId(id)).toBeUndefined();
  });
});
