import { decodePayload } from './inbound.decoder';

const NOW = 1_750_000_000_000;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const tick = (ts: number) => ({ v: 1, net: 'sim', role: 'reference', market: 'inj-usdt', bid: null, ask: null, mid: '25', last: null, source: 'mid', height: 1, ts, seq: 1 });
const intent = (ts: number, deadline: number) => ({
  v: 1, id: 'i1', wallet: 'w1', bot: 'b1', ts, deadline,
  plans: [{ market: 'inj-usdt', phase: 'MAINTENANCE', basedOn: { bookSeq: 1, priceSeq: 1, referencePrice: '25' }, actions: [{ type: 'cancelAll' }] }],
});

describe('decodePayload', () => {
  it('passes a well-formed payload of now', () => {
    expect(decodePayload('mdPrice', encode(tick(NOW)), NOW)).toMatchObject({ ok: true, value: { mid: '25' } });
  });

  it('refuses an md.price from the future with the reason of the time rule, not the schema', () => {
    expect(decodePayload('mdPrice', encode(tick(NOW + 86_400_000)), NOW)).toMatchObject({ ok: false, reason: 'future-ts' });
  });

  it('refuses an md.book numbered far beyond the clock (it would supersede every genuine book)', () => {
    const book = { v: 1, net: 'sim', role: 'trading', market: 'inj-usdt', bids: [], asks: [], orderCount: 0, height: 1, ts: NOW, seq: Number.MAX_SAFE_INTEGER };
    expect(decodePayload('mdBook', encode(book), NOW)).toMatchObject({ ok: false, reason: 'future-seq' });
  });

  it('refuses an intent a day ahead, and one with a 10-minute deadline', () => {
    expect(decodePayload('intent', encode(intent(NOW + 86_400_000, NOW + 86_403_000)), NOW)).toMatchObject({ ok: false, reason: 'future-ts' });
    expect(decodePayload('intent', encode(intent(NOW, NOW + 600_000)), NOW)).toMatchObject({ ok: false, reason: 'ttl-too-long' });
  });

  it('never throws: not JSON, and a schema failure, come back as reasons', () => {
    expect(decodePayload('intent', new TextEncoder().encode('{'), NOW)).toMatchObject({ ok: false, reason: 'not-json' });
    expect(decodePayload('mdPrice', encode({ ...tick(NOW), seq: 2 ** 60 }), NOW)).toMatchObject({ ok: false, reason: 'schema' });
  });
});
