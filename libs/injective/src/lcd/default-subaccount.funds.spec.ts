import { Dec } from '@mirrorbook/market';
import { defaultSubaccountFunds } from './default-subaccount.funds';

describe('defaultSubaccountFunds', () => {
  it('spends the bank balance plus the deposit dust; the total adds what orders hold', () => {
    const funds = defaultSubaccountFunds(
      { inj: new Dec('12.5'), usdt: new Dec('1000') },
      { inj: { available: new Dec('0.000000000000000001'), total: new Dec('3') } },
    );
    expect(funds.inj!.available.toFixed()).toBe('12.500000000000000001');
    expect(funds.inj!.total.toFixed()).toBe('15.5');
    expect(funds.usdt!.available.toFixed()).toBe('1000');
    expect(funds.usdt!.total.toFixed()).toBe('1000');
  });

  it('keeps a denom only the deposits hold (every unit in orders): nothing spendable', () => {
    const funds = defaultSubaccountFunds({}, { atom: { available: new Dec(0), total: new Dec('7') } });
    expect(funds.atom!.available.isZero()).toBe(true);
    expect(funds.atom!.total.toFixed()).toBe('7');
  });
});
