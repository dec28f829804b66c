import { Dec } from '@mirrorbook/market';
import { startSim, type SimHarness } from '../support/injective-sim.harness';

describe('sim: chain parameters as the adapter reads them', () => {
  let h: SimHarness | undefined;
  afterEach(async () => h?.close());

  it('defaults: fixed gas off, 100 orders a side, no post-only mode, base fee 160000000', async () => {
    h = await startSim();
    expect(await h.lcd.getExchangeParams()).toEqual({
      fixedGasEnabled: false,
      maxDerivativeOrderSideCount: 100,
      postOnlyModeHeightThreshold: 0,
      postOnlyModeBlocksAmount: 2000,
    });
    expect((await h.lcd.getEipBaseFee()).eq(new Dec('160000000'))).toBe(true);
  });

  it('configured: fixed gas on, a side count, post-only mode and a higher base fee', async () => {
    h = await startSim({ exchangeParams: { fixedGasEnabled: true, maxDerivativeOrderSideCount: 7, postOnlyModeHeightThreshold: 1000 }, eipBaseFee: '500000000' });
    const params = await h.lcd.getExchangeParams();
    expect(params).toMatchObject({ fixedGasEnabled: true, maxDerivativeOrderSideCount: 7, postOnlyModeHeightThreshold: 1000 });
    expect((await h.lcd.getEipBaseFee()).toFixed(0)).toBe('500000000');
  });
});
