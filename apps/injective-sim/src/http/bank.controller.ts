import { Controller, Get, Param, Query } from '@nestjs/common';
import { SimChain } from '../chain/sim.chain';
import { assertAddress } from './auth.controller';
import { LcdError } from './lcd.error';

/** `cosmos.bank.v1beta1`: balances in chain base units: the free funds (an order's hold leaves the bank for the default subaccount's deposits until it is cancelled or filled). */
@Controller('cosmos/bank/v1beta1')
export class BankController {
  constructor(private readonly chain: SimChain) {}

  /** `{"balances":[{"denom","amount"}],"pagination":{"next_key":null,"total":"N"}}`, sorted by denom. */
  @Get('balances/:address')
  balances(@Param('address') address: string): Record<string, unknown> {
    assertAddress(address);
    const balances = this.chain.bankBalances(address);
    return { balances, pagination: { next_key: null, total: String(balances.length) } };
  }

  /** `{"balance":{"denom","amount"}}`; amount "0" when the account holds none. */
  @Get('balances/:address/by_denom')
  balanceByDenom(@Param('address') address: string, @Query('denom') denom: unknown): Record<string, unknown> {
    assertAddress(address);
    if (typeof denom !== 'string' || denom === '') throw LcdError.invalidArgument('invalid denom');
    const coin = this.chain.bankBalances(address).find((c) => c.denom === denom);
    return { balance: { denom, amount: coin?.amount ?? '0' } };
  }
}
