import { RequestRateMeter } from './request-rate.meter';

describe('RequestRateMeter', () => {
  it('counts the events of the last second only', () => {
    const meter = new RequestRateMeter(1000);
    for (const t of [0, 100, 500, 999]) meter.record(t);
    expect([meter.count(999), meter.count(1000), meter.count(1500), meter.count(2000)]).toEqual([4, 3, 1, 0]);
  });
});
