import { MalformedResponseError } from '../errors/malformed-response.error';
import { OutOfGasError } from '../errors/out-of-gas.error';
import type { LcdTxResponse } from '../lcd/schemas/tx-response.schema';
import { decodeBatchUpdateOrdersData, encodeBatchUpdateOrdersData } from './batch-update-orders-response.codec';
import { parseTxResult } from './tx-result.parser';

const HASH_A = '0x' + 'ab'.repeat(32);
const HASH_B = '0x' + 'cd'.repeat(32);
const HASH_C = '0x' + 'ef'.repeat(32);
const ENDPOINT = 'GET http://lcd/cosmos/tx/v1beta1/txs/X';

function response(overrides: Partial<LcdTxResponse>): LcdTxResponse {
  return {
    height: 120,
    txhash: 'a'.repeat(64),
    codespace: '',
    code: 0,
    data: '',
    raw_log: '',
    gas_wanted: 400000,
    gas_used: 187654,
    events: [],
    ...overrides,
  };
}

const outcome = {
  spotCancelSuccess: [true, false],
  derivativeCancelSuccess: [true],
  spotOrderHashes: [HASH_A, '97', HASH_B],
  derivativeOrderHashes: [HASH_C, ''],
  createdSpotOrdersCids: ['s-1', 's-3'],
  failedSpotOrdersCids: ['s-2'],
  createdDerivativeOrdersCids: ['d-1'],
  failedDerivativeOrdersCids: [],
};

describe('parseTxResult', () => {
  describe('when the batch succeeded with one refused order', () => {
    const result = parseTxResult(response({ data: encodeBatchUpdateOrdersData(outcome) }), ENDPOINT);

    it('lists created hashes and cids, spot first, and the refused cids', () => {
      expect(result.createdOrderHashes).toEqual([HASH_A, HASH_B, HASH_C]);
      expect(result.createdCids).toEqual(['s-1', 's-3', 'd-1']);
      expect(result.failedCids).toEqual(['s-2']);
    });

    it('reports each create at its index, with the refusal code', () => {
      expect(result.spotCreateResults).toEqual([
        { orderHash: HASH_A, failureCode: null },
        { orderHash: null, failureCode: 97 },
        { orderHash: HASH_B, failureCode: null },
      ]);
      expect(result.derivativeCreateResults).toEqual([
        { orderHash: HASH_C, failureCode: null },
        { orderHash: null, failureCode: null },
      ]);
    });

    it('reports which cancels found their order', () => {
      expect(result.spotCancelSuccess).toEqual([true, false]);
      expect(result.derivativeCancelSuccess).toEqual([true]);
    });

    it('carries status fields, with the hash in upper case', () => {
      expect(result).toMatchObject({ txHash: 'A'.repeat(64), height: 120, code: 0, gasWanted: 400000, gasUsed: 187654, error: null });
    });
  });

  describe('when the tx failed in the block', () => {
    it('gives the typed error and no order outcome', () => {
      const result = parseTxResult(
        response({ code: 11, codespace: 'sdk', raw_log: 'out of gas in location: WriteFlat; gasWanted: 400000, gasUsed: 400100: out of gas' }),
        ENDPOINT,
      );
      expect(result.error).toBeInstanceOf(OutOfGasError);
      expect(result.createdOrderHashes).toEqual([]);
      expect(result.spotCreateResults).toEqual([]);
    });
  });

  describe('when data is empty or holds another msg response', () => {
    it('gives empty outcome lists', () => {
      expect(parseTxResult(response({ data: '' }), ENDPOINT).createdCids).toEqual([]);
      // TxMsgData with one msg_responses Any of another type: 12 06 0A 04 "/foo"
      expect(parseTxResult(response({ data: '1206' + '0A04' + Buffer.from('/foo').toString('hex') }), ENDPOINT).createdCids).toEqual([]);
    });
  });

  describe('when data is not a TxMsgData', () => {
    it('throws MalformedResponseError at tx_response.data', () => {
      expect(() => parseTxResult(response({ data: 'not hex' }), ENDPOINT)).toThrow(MalformedResponseError);
      expect(() => parseTxResult(response({ data: 'FFFF' }), ENDPOINT)).toThrow(
        expect.objectContaining({ path: 'tx_response.data', endpoint: ENDPOINT }),
      );
    });
  });
});

describe('decodeBatchUpdateOrdersData', () => {
  it('reads what encodeBatchUpdateOrdersData writes, in either hex case', () => {
    const hex = encodeBatchUpdateOrdersData(outcome);
    expect(hex).toMatch(/^[0-9A-F]+$/);
    expect(decodeBatchUpdateOrdersData(hex)).toEqual(outcome);
    expect(decodeBatchUpdateOrdersData(hex.toLowerCase())).toEqual(outcome);
  });
});

describe('parseTxResult: the fee paid', () => {
  // as the ante handler of cosmos-sdk (x/auth DeductFeeDecorator) emits it, on success and on failure alike
  const anteEvents = (fee: string) => [
    { type: 'coin_spent', attributes: [{ key: 'spender', value: 'inj1payer' }, { key: 'amount', value: fee }] },
    { type: 'tx', attributes: [{ key: 'fee', value: fee }, { key: 'fee_payer', value: 'inj1payer' }] },
    { type: 'tx', attributes: [{ key: 'acc_seq', value: 'inj1payer/7' }] },
  ];

  it('reads the tx event’s fee to the last base unit, for an applied and for a failed tx', () => {
    const applied = parseTxResult(response({ data: encodeBatchUpdateOrdersData(outcome), events: anteEvents('716800000000000000inj') }), ENDPOINT);
    expect(applied.feePaid).toEqual([{ denom: 'inj', amount: 716800000000000000n }]);
    const failed = parseTxResult(response({ code: 11, codespace: 'sdk', raw_log: 'out of gas', events: anteEvents('64000000000000inj') }), ENDPOINT);
    expect(failed.feePaid).toEqual([{ denom: 'inj', amount: 64000000000000n }]);
  });

  it('reads several coins and none at all', () => {
    const two = parseTxResult(response({ events: anteEvents('5inj,7peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5') }), ENDPOINT);
    expect(two.feePaid).toEqual([
      { denom: 'inj', amount: 5n },
      { denom: 'peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5', amount: 7n },
    ]);
    expect(parseTxResult(response({ events: anteEvents('') }), ENDPOINT).feePaid).toEqual([]);
    expect(parseTxResult(response({}), ENDPOINT).feePaid).toEqual([]);
  });
});
