import { Dec } from '@mirrorbook/market';
import { validateReference } from './reference.validator';

const reading = (bid: string | null, ask: string | null, mark: string | null = null) => ({
  bid: bid === null ? null : new Dec(bid),
  ask: ask === null ? null : new Dec(ask),
  mark: mark === null ? null : new Dec(mark),
});

describe('validateReference', () => {
  describe('when the source is the mid of the top of book', () => {
    it('accepts an ordinary top of book and takes the exact mid', () => {
      const verdict = validateReference(reading('12.345', '12.35'), 'mid');
      expect(verdict.ok && verdict.value.price.toFixed()).toBe('12.3475');
    });

    it('keeps 18-decimal precision without floating point error', () => {
      const verdict = validateReference(reading('0.000000000000000001', '0.000000000000000002'), 'mid');
      expect(verdict.ok && verdict.value.price.toFixed()).toBe('0.0000000000000000015');
    });

    it('refuses a crossed book', () => {
      expect(validateReference(reading('12.36', '12.35'), 'mid')).toMatchObject({ ok: false, reason: 'crossed-book' });
    });

    it('refuses a locked book (bid equal to ask)', () => {
      expect(validateReference(reading('12.35', '12.35'), 'mid')).toMatchObject({ ok: false, reason: 'crossed-book' });
    });

    it('refuses a zero or negative price', () => {
      expect(validateReference(reading('0', '12.35'), 'mid')).toMatchObject({ ok: false, reason: 'non-positive-price' });
      expect(validateReference(reading('12', '-1'), 'mid')).toMatchObject({ ok: false, reason: 'non-positive-price' });
    });

    it('refuses a one-sided book: there is no mid to follow', () => {
      expect(validateReference(reading(null, '12.35'), 'mid')).toMatchObject({ ok: false, reason: 'missing-price', detail: expect.stringContaining('bid') });
      expect(validateReference(reading('12.3', null), 'mid')).toMatchObject({ ok: false, reason: 'missing-price', detail: expect.stringContaining('ask') });
    });
  });

  describe('when the source is the mark price', () => {
    it('follows the mark price and keeps the top of book as is', () => {
      const verdict = validateReference(reading('24.1', '24.2', '24.17'), 'mark');
      expect(verdict.ok && [verdict.value.price.toFixed(), verdict.value.bid?.toFixed(), verdict.value.source]).toEqual(['24.17', '24.1', 'mark']);
    });

    it('accepts an empty book when the mark price exists', () => {
      expect(validateReference(reading(null, null, '24.17'), 'mark').ok).toBe(true);
    });

    it('refuses a missing or non-positive mark price', () => {
      expect(validateReference(reading('24.1', '24.2'), 'mark')).toMatchObject({ ok: false, reason: 'missing-price' });
      expect(validateReference(reading('24.1', '24.2', '0'), 'mark')).toMatchObject({ ok: false, reason: 'non-positive-price' });
    });
  });
});
