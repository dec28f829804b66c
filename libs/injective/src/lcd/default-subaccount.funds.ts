import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import type { DepositBalance } from './lcd.client';

/**
 * The default subaccount's funds per denom as the chain keeps them (docs/injective.md#balances-and-subaccounts):
 * spendable (`available`) = bank balance + deposit available (rounding dust on nonce 0); `total`
 * adds what resting orders moved out of the bank into the deposit's total. Pure.
 */
export function defaultSubaccountFunds(
  bank: Readonly<Record<string, Decimal>>,
  deposits: Readonly<Record<string, DepositBalance>>,
): Record<string, DepositBalance> {
  const funds: Record<string, DepositBalance> = {};
  for (const denom of new Set([...Object.keys(bank), ...Object.keys(deposits)])) {
    const free = bank[denom] ?? new Dec(0);
    const deposit = deposits[denom];
    funds[denom] = { available: free.add(deposit?.available ?? 0), total: free.add(deposit?.total ?? 0) };
  }
  return funds;
}
