import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import type { SimDeposit } from './exchange.port';

interface Balance {
  available: Decimal;
  total: Decimal;
}

/**
 * Subaccount deposits per denom, human units. `total` is what the subaccount owns; `available`
 * is `total` minus what its resting orders hold. Holding only moves `available`; settling a trade
 * moves both.
 */
export class DepositLedger {
  private readonly balances = new Map<string, Map<string, Balance>>();

  /** A copy of the subaccount's balances (denoms it never held are absent). */
  deposits(subaccountId: string): Map<string, SimDeposit> {
    const result = new Map<string, SimDeposit>();
    for (const [denom, b] of this.balances.get(subaccountId) ?? []) {
      result.set(denom, { available: b.available, total: b.total });
    }
    return result;
  }

  /** Available balance, zero when never held. */
  available(subaccountId: string, denom: string): Decimal {
    return this.balances.get(subaccountId)?.get(denom)?.available ?? new Dec(0);
  }

  /** Every subaccount that ever held something, in first-seen order. */
  subaccounts(): string[] {
    return [...this.balances.keys()];
  }

  /** Adds `amount` to total and available (deposit, realized gain). */
  settle(subaccountId: string, denom: string, amount: Decimal): void {
    if (amount.isZero()) return;
    const b = this.balance(subaccountId, denom);
    b.total = b.total.add(amount);
    b.available = b.available.add(amount);
  }

  /** Withdraws `amount` from total and available if available covers it; false (nothing changed) otherwise. */
  withdraw(subaccountId: string, denom: string, amount: Decimal): boolean {
    if (this.available(subaccountId, denom).lt(amount)) return false;
    this.settle(subaccountId, denom, amount.neg());
    return true;
  }

  /** Holds `amount` of available for an order; false (nothing changed) if available is short. */
  hold(subaccountId: string, denom: string, amount: Decimal): boolean {
    if (amount.isZero()) return true;
    const b = this.balance(subaccountId, denom);
    if (b.available.lt(amount)) return false;
    b.available = b.available.sub(amount);
    return true;
  }

  /** Returns held `amount` to available. */
  release(subaccountId: string, denom: string, amount: Decimal): void {
    if (amount.isZero()) return;
    const b = this.balance(subaccountId, denom);
    b.available = b.available.add(amount);
  }

  private balance(subaccountId: string, denom: string): Balance {
    let byDenom = this.balances.get(subaccountId);
    if (!byDenom) {
      byDenom = new Map();
      this.balances.set(subaccountId, byDenom);
    }
    let b = byDenom.get(denom);
    if (!b) {
      b = { available: new Dec(0), total: new Dec(0) };
      byDenom.set(denom, b);
    }
    return b;
  }
}
