import { bookSnapshotSchema } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { bookSnapshot } from './book-snapshot.builder';

describe('bookSnapshot', () => {
  it('keeps both sides best first, counts the levels and validates as md.book', () => {
    const snapshot = bookSnapshot(
      { net: 'testnet', market: 'inj-usdt-perp', height: 7, ts: 1_700_000_000_000 },
      {
        bids: [{ price: new Dec('24.100000000000000000'), quantity: new Dec('3.000000000000000000') }],
        asks: [
          { price: new Dec('24.2'), quantity: new Dec('1') },
          { price: new Dec('24.3'), quantity: new Dec('0.5') },
        ],
      },
      'trading',
    );
    expect(snapshot).toMatchObject({
      role: 'trading',
      bids: [{ price: '24.1', quantity: '3' }],
      asks: [
        { price: '24.2', quantity: '1' },
        { price: '24.3', quantity: '0.5' },
      ],
      orderCount: 3,
    });
    expect(bookSnapshotSchema.safeParse({ ...snapshot, seq: 9 }).success).toBe(true);
  });

  it('labels a reference-side book with role reference (md.refbook)', () => {
    const snapshot = bookSnapshot({ net: 'mainnet', market: 'inj-usdt', height: 7, ts: 1_700_000_000_000 }, { bids: [], asks: [] }, 'reference');
    expect(snapshot).toMatchObject({ net: 'mainnet', role: 'reference', orderCount: 0 });
    expect(bookSnapshotSchema.safeParse({ ...snapshot, seq: 9 }).success).toBe(true);
  });
});
