import { register } from 'prom-client';
import { Dec } from '@mirrorbook/market';
import { FeeMeter, feeInDenom, runwayDays, utcDay } from './fee.meter';

const DAY_1 = Date.UTC(2026, 11, 7, 23, 59, 59, 999);
const DAY_2 = Date.UTC(2026, 11, 8, 0, 0, 0, 0);

describe('FeeMeter', () => {
  it('adds each tx’s INJ fee to the last base unit (gas limit × gas price, 18 decimals), ignoring other denoms', () => {
    const meter = new FeeMeter('w-fees-1', 'inj', 18, DAY_1 - 1000);
    // 4 480 000 gas × 160 000 000 inj (base units) per gas = 716 800 000 000 000 inj = 0.0007168 INJ
    expect(meter.record([{ denom: 'inj', amount: 4_480_000n * 160_000_000n }], DAY_1).toFixed()).toBe('0.0007168');
    expect(meter.record([{ denom: 'inj', amount: 1n }, { denom: 'peggy0xdead', amount: 5n }], DAY_1).toFixed()).toBe('0.000000000000000001');
    expect(meter.snapshot(DAY_1)).toEqual({ day: '2026-12-07', today: '0.000716800000000001', total: '0.000716800000000001', txs: 2, txsToday: 2, perDay: null });
  });

  it('starts a new day at 00:00 UTC and keeps the total', () => {
    const meter = new FeeMeter('w-fees-2', 'inj', 18, DAY_1 - 1000);
    meter.record([{ denom: 'inj', amount: 10n ** 18n }], DAY_1);
    expect(meter.snapshot(DAY_2)).toEqual({ day: '2026-12-08', today: '0', total: '1', txs: 1, txsToday: 0, perDay: null });
    meter.record([{ denom: 'inj', amount: 5n * 10n ** 17n }], DAY_2);
    expect(meter.snapshot(DAY_2)).toMatchObject({ today: '0.5', total: '1.5', txs: 2 });
  });

  it('counts the fees in mirrorbook_executor_fees_inj_total per wallet', async () => {
    const meter = new FeeMeter('w-fees-3', 'inj', 18, DAY_1 - 1000);
    meter.record([{ denom: 'inj', amount: 25n * 10n ** 16n }], DAY_1);
    meter.record([{ denom: 'inj', amount: 25n * 10n ** 16n }], DAY_1);
    const metric = await register.getSingleMetric('mirrorbook_executor_fees_inj_total')!.get();
    expect(metric.values.find((v) => v.labels.wallet === 'w-fees-3')?.value).toBe(0.5);
  });
});

describe('feeInDenom and utcDay', () => {
  it('sums one denom in human units, and names UTC days', () => {
    expect(feeInDenom([], 'inj', 18).toFixed()).toBe('0');
    expect(feeInDenom([{ denom: 'inj', amount: 3n }, { denom: 'inj', amount: 7n }], 'inj', 1).toFixed()).toBe('1');
    expect([utcDay(DAY_1), utcDay(DAY_2)]).toEqual(['2026-12-07', '2026-12-08']);
  });
});

describe('the pace and the runway', () => {
  const START = Date.UTC(2026, 11, 7, 12, 0, 0);
  const MIN = 60_000;

  it('says nothing before a minute, then extrapolates the spend since start (under an hour) to a day', () => {
    const meter = new FeeMeter('w-fees-4', 'inj', 18, START);
    meter.record([{ denom: 'inj', amount: 10n ** 16n }], START + 10_000);
    expect(meter.perDay(START + 59_999)).toBeNull();
    // 0.01 INJ in 10 minutes = 1.44 INJ a day
    expect(meter.perDay(START + 10 * MIN)!.toFixed()).toBe('1.44');
    expect(meter.snapshot(START + 10 * MIN).perDay).toBe('1.44');
  });

  it('measures over the last hour once the meter is older, forgetting what came before', () => {
    const meter = new FeeMeter('w-fees-5', 'inj', 18, START);
    meter.record([{ denom: 'inj', amount: 5n * 10n ** 17n }], START + MIN);
    meter.record([{ denom: 'inj', amount: 10n ** 16n }], START + 90 * MIN);
    // only the 0.01 INJ of the last hour counts: 0.24 INJ a day
    expect(meter.perDay(START + 120 * MIN)!.toFixed()).toBe('0.24');
  });

  it('the runway: what may be spent beyond the gas reserve over the pace, none when nothing is spent', () => {
    expect(runwayDays(new Dec(6), new Dec(1), new Dec('2.5'))!.toFixed()).toBe('2');
    expect(runwayDays(new Dec('0.5'), new Dec(1), new Dec(1))!.toFixed()).toBe('0');
    expect(runwayDays(new Dec(6), new Dec(1), new Dec(0))).toBeNull();
    expect(runwayDays(new Dec(6), new Dec(1), null)).toBeNull();
  });
});
