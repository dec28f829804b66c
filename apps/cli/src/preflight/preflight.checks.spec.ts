import { Dec } from '@mirrorbook/market';
import { chainIdCheck, exchangeParamsCheck, gasPriceCheck, pairChecks } from './preflight.checks';

const PARAMS = { fixedGasEnabled: true, maxDerivativeOrderSideCount: 100, postOnlyModeHeightThreshold: 0, postOnlyModeBlocksAmount: 2000 };
const market = (over: Record<string, unknown> = {}) => ({ id: '0x01', status: 'active', baseSymbol: 'INJ', quoteSymbol: 'USDT', ...over }) as never;

describe('preflight checks', () => {
  it('chain id: the expected one passes, another or mainnet fails', () => {
    expect(chainIdCheck('testnet', 'injective-888', 'injective-888', 'injective-1').ok).toBe(true);
    expect(chainIdCheck('testnet', 'injective-888', 'injective-777', 'injective-1')).toMatchObject({ ok: false, detail: 'the node reports chain id injective-777, NETWORK=testnet expects injective-888' });
    expect(chainIdCheck('testnet', 'injective-888', 'injective-1', 'injective-1').detail).toContain('mainnet');
  });

  it('exchange params: fixed gas on uses the table; post-only mode fails with its height', () => {
    expect(exchangeParamsCheck(PARAMS, 10, '1.3').detail).toContain('fixed gas on: gas limits from the fixed gas table');
    expect(exchangeParamsCheck({ ...PARAMS, postOnlyModeHeightThreshold: 20 }, 10, '1.3')).toMatchObject({ ok: false, detail: expect.stringContaining('post-only mode until height 20') });
  });

  it('gas price: the base fee when higher; a failed read fails', () => {
    expect(gasPriceCheck('160000000', new Dec('200000000'), null).detail).toContain('200000000 inj per gas from the EIP base fee');
    expect(gasPriceCheck('160000000', null, 'HTTP 501').ok).toBe(false);
  });

  it('pair: inactive, symbol mismatch and a mark too far are each named', () => {
    const checks = pairChecks(
      { key: 'p', type: 'derivative', trading: market({ status: 'paused' }), reference: market({ baseSymbol: 'ATOM' }), tradingMark: new Dec(12), referencePrice: new Dec(10) },
      new Dec(5),
    );
    expect(checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['market:p:active', 'market:p:symbols', 'market:p:mark']);
    expect(pairChecks({ key: 'p', type: 'derivative', trading: market(), reference: market(), tradingMark: null, referencePrice: new Dec(10) }, new Dec(5)).at(-1)).toMatchObject({ ok: false, detail: 'the trading market has no mark price (null)' });
  });
});
