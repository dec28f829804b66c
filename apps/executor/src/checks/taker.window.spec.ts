import { Dec } from '@mirrorbook/market';
import { TakerWindow } from './taker.window';

describe('TakerWindow', () => {
  it('sums gross and net notional per market over the last windowMs, by the clock it is given', () => {
    const window = new TakerWindow(1000);
    window.record('inj-usdt', new Dec(10), 5000);
    window.record('inj-usdt', new Dec(-4), 5500);
    window.record('atom-usdt', new Dec(7), 5500);
    expect(window.usage('inj-usdt', 5999)).toEqual({ gross: new Dec(14), net: new Dec(6) });
    // the first entry leaves the window exactly windowMs after it was recorded
    expect(window.usage('inj-usdt', 6000)).toEqual({ gross: new Dec(4), net: new Dec(-4) });
    expect(window.usage('atom-usdt', 6000)).toEqual({ gross: new Dec(7), net: new Dec(7) });
    expect(window.usage('inj-usdt', 6500)).toEqual({ gross: new Dec(0), net: new Dec(0) });
  });
});
