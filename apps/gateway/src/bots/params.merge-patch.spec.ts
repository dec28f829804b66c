import { applyMergePatch } from './params.merge-patch';

describe('applyMergePatch (RFC 7396) of live overrides', () => {
  const current = { baseSize: '2', maintenance: { perSide: { min: 4, max: 6 }, gapBelowPct: '1' } };

  it('merges objects field by field', () => {
    expect(applyMergePatch(current, { maintenance: { perSide: { max: 7 } } })).toEqual({
      baseSize: '2',
      maintenance: { perSide: { min: 4, max: 7 }, gapBelowPct: '1' },
    });
  });

  it('removes an override given as null, and a parent left empty', () => {
    expect(applyMergePatch(current, { baseSize: null, maintenance: { perSide: null, gapBelowPct: null } })).toEqual({});
  });

  it('replaces arrays whole', () => {
    const stages = [{ min: '1', max: '2' }];
    expect(applyMergePatch({ maintenance: { stages: [{ min: '0.5', max: '1.5' }, { min: '2', max: '3' }] } }, { maintenance: { stages } })).toEqual({ maintenance: { stages } });
  });

  it('leaves the input untouched', () => {
    const copy = structuredClone(current);
    applyMergePatch(current, { baseSize: '3', maintenance: { perSide: null } });
    expect(current).toEqual(copy);
  });
});
