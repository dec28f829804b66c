import { resolveReferenceSource } from './reference-source.resolver';

describe('resolveReferenceSource', () => {
  it('uses the mid of the top of book when configured', () => {
    expect(resolveReferenceSource({ key: 'inj-usdt', type: 'spot', referencePrice: 'mid' })).toEqual({ source: 'mid' });
  });

  it('uses the mark price of a derivative market', () => {
    expect(resolveReferenceSource({ key: 'inj-usdt-perp', type: 'derivative', referencePrice: 'mark' })).toEqual({ source: 'mark' });
  });

  it('falls back to mid for a spot market asked for a mark price, and says so', () => {
    expect(resolveReferenceSource({ key: 'inj-usdt', type: 'spot', referencePrice: 'mark' })).toEqual({
      source: 'mid',
      note: 'inj-usdt: referencePrice "mark" needs a derivative market; using mid',
    });
  });

  it('falls back to mid for "last", which the chain LCD cannot answer, and says so', () => {
    expect(resolveReferenceSource({ key: 'inj-usdt', type: 'spot', referencePrice: 'last' })).toMatchObject({
      source: 'mid',
      note: expect.stringContaining('no chain LCD query'),
    });
  });
});
