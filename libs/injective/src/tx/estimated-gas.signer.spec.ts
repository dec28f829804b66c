import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { walletFromPrivateKey } from '../wallet/wallet.factory';
import { buildBatchUpdateOrdersMsg } from './batch-update-orders.builder';
import type { BatchUpdateOrdersInput } from './batch-update-orders.input';
import { signedTxBytes, signWithEstimatedGas } from './estimated-gas.signer';
import { ANTE_MARGIN_GAS, anteGas, fixedTableGas, txBytesBound } from './gas.estimator';
import { signTx } from './tx.signer';

const { spot, perp } = injUsdtMarkets();
const wallet = walletFromPrivateKey(`0x${'11'.repeat(32)}`);
// the longest cid the chain takes: the byte bounds must hold for it
const cid = (i: number) => `c${String(i).padStart(35, '0')}`;
const hash = (i: number) => `0x${i.toString(16).padStart(64, 'f')}`;

function input(parts: Omit<BatchUpdateOrdersInput, 'injectiveAddress' | 'subaccountId'>): BatchUpdateOrdersInput {
  return { injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId, ...parts };
}

const shapes: Record<string, BatchUpdateOrdersInput> = {
  '10 spot creates + 10 cancels': input({
    spotCreates: Array.from({ length: 10 }, (_, i) => ({ market: spot, side: 'buy', postOnly: true, price: new Dec('12345.678').sub(i), quantity: new Dec('1234.567'), cid: cid(i) })),
    spotCancels: Array.from({ length: 10 }, (_, i) => ({ marketId: spot.id, orderHash: hash(i) })),
  }),
  '4 derivative creates + cancel-all of 2 markets': input({
    derivativeCreates: Array.from({ length: 4 }, (_, i) => ({ market: perp, side: 'sell', postOnly: false, price: new Dec('98765.4321').add(i), quantity: new Dec('0.0123'), cid: cid(i), leverage: new Dec(3) })),
    spotCancelAll: [spot.id],
    derivativeCancelAll: [perp.id],
  }),
};

function signer(batch: BatchUpdateOrdersInput, gasPrice = '160000000') {
  const msg = buildBatchUpdateOrdersMsg(batch);
  return (gas: number) =>
    signTx({ msg, wallet, chainId: 'injective-888', accountNumber: 987_654, sequence: 123_456, timeoutHeight: 99_999_999, gas, gasPrice });
}

describe('signWithEstimatedGas', () => {
  describe.each(Object.entries(shapes))('for %s', (_name, batch) => {
    const { signed, estimate } = signWithEstimatedGas(signer(batch), batch, { cancelAllOrders: () => 3 });

    it("signs the table plus the ante gas of the tx's own size plus the margin, and pays gas × price for it", () => {
      const table = fixedTableGas(batch, () => 3);
      expect(estimate.gas - table - ANTE_MARGIN_GAS).toBeGreaterThanOrEqual(anteGas(signedTxBytes(signed)));
      // priced from the draft, at most the few bytes the wider gas and fee fields took more
      expect(estimate.gas - table - ANTE_MARGIN_GAS - anteGas(signedTxBytes(signed))).toBeLessThanOrEqual(200);
      expect(signed.feeAmount).toBe((BigInt(estimate.gas) * 160_000_000n).toString());
    });

    it('stays within the byte bound used when no signed size is known', () => {
      expect(signedTxBytes(signed)).toBeLessThanOrEqual(txBytesBound(batch));
    });
  });
});
