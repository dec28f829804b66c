import { Dec } from '@mirrorbook/market';
import type { SimBatch, SimBatchResult, SimOrderToCreate } from '../exchange/exchange.port';
import { batchResponseFields } from './tx-events.builder';

const create = (cid: string, marketId = '0xspot'): SimOrderToCreate => ({
  marketId,
  side: 'buy',
  postOnly: true,
  reduceOnly: false,
  price: new Dec(1),
  quantity: new Dec(1),
  margin: null,
  cid,
  feeRecipient: 'inj1x',
});

function batch(spot: string[], derivative: string[] = []): SimBatch {
  return {
    sender: 'inj1x',
    subaccountId: '0xsub',
    spotMarketIdsToCancelAll: [],
    derivativeMarketIdsToCancelAll: [],
    spotOrdersToCancel: [],
    derivativeOrdersToCancel: [],
    spotOrdersToCreate: spot.map((c) => create(c)),
    derivativeOrdersToCreate: derivative.map((c) => create(c, '0xperp')),
    spotMarketOrdersToCreate: [],
    derivativeMarketOrdersToCreate: [],
  };
}

function result(r: Partial<SimBatchResult>): SimBatchResult {
  return {
    spotCancelSuccess: [],
    derivativeCancelSuccess: [],
    spotOrderHashes: [],
    derivativeOrderHashes: [],
    createdOrdersCids: [],
    failedOrdersCids: [],
    failures: [],
    fills: [],
    ...r,
  };
}

describe('batchResponseFields', () => {
  describe('when some creates fail', () => {
    it('puts a hash or the failure code in each create’s slot, spot and derivative apart', () => {
      const fields = batchResponseFields(
        batch(['s1', 's2', 's3'], ['d1', 'd2']),
        result({
          spotOrderHashes: ['0xh1', '0xh3'],
          derivativeOrderHashes: ['0xd2'],
          createdOrdersCids: ['s1', 's3', 'd2'],
          failedOrdersCids: ['s2', 'd1'],
          failures: [
            { cid: 's2', code: 16, reason: 'tick' },
            { cid: 'd1', code: 26, reason: 'margin' },
          ],
        }),
      );
      expect(fields).toMatchObject({
        spotOrderHashes: ['0xh1', '16', '0xh3'],
        derivativeOrderHashes: ['26', '0xd2'],
        createdSpotOrdersCids: ['s1', 's3'],
        failedSpotOrdersCids: ['s2'],
        createdDerivativeOrdersCids: ['d2'],
        failedDerivativeOrdersCids: ['d1'],
      });
    });

    it('leaves the slot of a create on an unknown market empty, as the chain does', () => {
      const fields = batchResponseFields(
        batch(['s1']),
        result({ failedOrdersCids: ['s1'], failures: [{ cid: 's1', code: 2, reason: 'spot market not found' }] }),
      );
      expect(fields.spotOrderHashes).toEqual(['']);
    });
  });

  describe('when cids repeat (empty cids)', () => {
    it('still gives each create one slot and keeps the counts', () => {
      const fields = batchResponseFields(
        batch(['', '', '']),
        result({
          spotOrderHashes: ['0xa', '0xb'],
          createdOrdersCids: ['', ''],
          failedOrdersCids: [''],
          failures: [{ cid: '', code: 16, reason: 'tick' }],
        }),
      );
      expect(fields.spotOrderHashes).toHaveLength(3);
      expect(fields.spotOrderHashes.filter((h) => h.startsWith('0x'))).toHaveLength(2);
      expect(fields.failedSpotOrdersCids).toEqual(['']);
    });
  });
});
