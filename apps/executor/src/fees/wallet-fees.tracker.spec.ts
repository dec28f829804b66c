import type { StoredFees } from '@mirrorbook/contracts';
import { storedFeesSchema } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { FeeMeter } from './fee.meter';
import { WalletFeesTracker } from './wallet-fees.tracker';

const DAY_1 = Date.UTC(2026, 11, 7, 12);
const DAY_2 = Date.UTC(2026, 11, 8, 0, 0, 1);
const INJ = 10n ** 18n;

function tracker(stored?: StoredFees) {
  const writes: StoredFees[] = [];
  const meter = new FeeMeter('w-track', 'inj', 18, DAY_1 - 3_600_000);
  const fees = new WalletFeesTracker({
    meter,
    store: { fees: async () => stored, writeFees: async (f) => void writes.push(f) },
    budget: () => ({ dailyInj: new Dec(1), slowAtPct: 80 }),
    available: () => new Dec(11),
    reserve: new Dec(1),
    feeDenom: 'inj',
  });
  return { meter, fees, writes };
}

describe('WalletFeesTracker', () => {
  it('writes a valid fees:<wallet> record with the spend, pace, runway and budget state', async () => {
    const { meter, fees, writes } = tracker();
    meter.record([{ denom: 'inj', amount: (85n * INJ) / 100n }], DAY_1);
    await fees.publish(DAY_1);
    expect(writes).toHaveLength(1);
    const record = storedFeesSchema.parse(writes[0]);
    expect(record).toMatchObject({ day: '2026-12-07', todayInj: '0.85', txsToday: 1, perDayInj: '20.4', availableInj: '11', reserveInj: '1' });
    // (11 − 1) / 20.4 a day
    expect(record.runwayDays).toBe('0.49');
    expect(record.budget).toMatchObject({ dailyInj: '1', slowAtPct: 80, state: 'slow' });
  });

  it('takes up the day stored by an earlier process, so a restart does not reset the budget; another day is ignored', async () => {
    const { fees } = tracker({ ...tracker().fees.record(DAY_1), todayInj: '1.2', txsToday: 7 });
    await fees.restore(DAY_1 + 1000);
    expect(fees.verdict(DAY_1 + 1000).state).toBe('paused');
    expect(fees.record(DAY_1 + 1000)).toMatchObject({ todayInj: '1.2', txsToday: 7 });
    // at 00:00 UTC the budget starts again
    expect(fees.verdict(DAY_2).state).toBe('normal');

    const other = tracker({ ...tracker().fees.record(DAY_1), todayInj: '1.2', txsToday: 7 });
    await other.fees.restore(DAY_2);
    expect(other.fees.record(DAY_2)).toMatchObject({ day: '2026-12-08', todayInj: '0', txsToday: 0 });
  });

  it('writes again only when a tx paid, the state changed or 5 s passed', async () => {
    const { meter, fees, writes } = tracker();
    await fees.publish(DAY_1);
    await fees.publish(DAY_1 + 1000);
    expect(writes).toHaveLength(1);
    meter.record([{ denom: 'inj', amount: INJ / 10n }], DAY_1 + 1500);
    await fees.publish(DAY_1 + 2000);
    expect(writes).toHaveLength(2);
    await fees.publish(DAY_1 + 7000);
    expect(writes).toHaveLength(3);
  });

  it('keeps going when Redis refuses the write, and writes on the next call', async () => {
    let fail = true;
    const meter = new FeeMeter('w-track-2', 'inj', 18, DAY_1);
    const writes: StoredFees[] = [];
    const fees = new WalletFeesTracker({
      meter,
      store: {
        fees: async () => undefined,
        writeFees: async (f) => {
          if (fail) throw new Error('NOPERM');
          writes.push(f);
        },
      },
      budget: () => undefined,
      available: () => undefined,
      reserve: new Dec(0),
      feeDenom: 'inj',
    });
    await fees.publish(DAY_1);
    fail = false;
    await fees.publish(DAY_1 + 10);
    expect(writes).toHaveLength(1);
    // a wallet without bots: shown as a budget of 0 that never binds
    expect(writes[0]!.budget).toEqual({ dailyInj: '0', slowAtPct: 100, state: 'normal', reason: null });
  });
});
