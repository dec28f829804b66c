import { anteGas, GAS_PER_ORDER } from '@mirrorbook/injective';
import { batch, order, subaccount } from '../exchange/sim-batch.fixture';
import { batchGas, GAS_TABLE, txGas } from './gas.table';

const alice = subaccount('a0');
const SPOT = `0x${'01'.repeat(32)}`;
const PERP = `0x${'02'.repeat(32)}`;

const mixed = batch(alice, {
  spotOrdersToCreate: [order(SPOT, 'buy', '9', '1'), order(SPOT, 'sell', '11', '1', { postOnly: true })],
  derivativeOrdersToCreate: [order(PERP, 'buy', '9', '1', { margin: '2', postOnly: true })],
  spotMarketOrdersToCreate: [order(SPOT, 'buy', '11', '1')],
  spotOrdersToCancel: [{ marketId: SPOT, subaccountId: alice, cid: 'x' }],
  derivativeMarketIdsToCancelAll: [PERP],
});
const restingOnPerp = (marketId: string) => (marketId === PERP ? 4 : 0);
const TABLE =
  GAS_PER_ORDER.spotLimit + GAS_PER_ORDER.spotPostOnly + GAS_TABLE.spotMarket + GAS_PER_ORDER.derivativePostOnly + GAS_PER_ORDER.spotCancel + 4 * GAS_PER_ORDER.derivativeCancel;

describe('gas table', () => {
  it('charges exactly the fixed table per message with fixed gas on (market orders at their own rate, cancel-all per order removed)', () => {
    expect(batchGas(mixed, restingOnPerp, true)).toBe(TABLE);
    expect(txGas([mixed, mixed], restingOnPerp, true, 1_500)).toBe(anteGas(1_500) + 2 * TABLE);
  });

  it('adds the per-message overhead of metered execution with fixed gas off', () => {
    expect(batchGas(mixed, restingOnPerp, false)).toBe(GAS_TABLE.messageOverhead + TABLE);
    expect(txGas([mixed, mixed], restingOnPerp, false, 1_500)).toBe(anteGas(1_500) + 2 * (GAS_TABLE.messageOverhead + TABLE));
  });

  it("charges the ante handler's gas by the tx's size: signature, store and 10 per byte", () => {
    expect(anteGas(1_500)).toBe(21_000 + 50_000 + 15_000);
    expect(txGas([mixed], restingOnPerp, true, 1_501) - txGas([mixed], restingOnPerp, true, 1_500)).toBe(10);
  });
});
