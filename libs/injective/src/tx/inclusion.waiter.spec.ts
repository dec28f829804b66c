import { TxNotIncludedError } from '../errors/tx-not-included.error';
import { LcdClient } from '../lcd/lcd.client';
import { RateLimiter } from '../lcd/rate.limiter';
import { startLcdStub, type LcdStub, type StubHandler } from '../testing/lcd-stub.server';
import { encodeBatchUpdateOrdersData } from './batch-update-orders-response.codec';
import { waitForInclusion } from './inclusion.waiter';

const TX_HASH = 'AB'.repeat(32);
const ORDER_HASH = '0x' + '12'.repeat(32);
const NOT_FOUND = { status: 404, json: { code: 5, message: `tx not found: ${TX_HASH}`, details: [] } };
let stub: LcdStub | undefined;

afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function lcdFor(handler: StubHandler): Promise<LcdClient> {
  stub = await startLcdStub(handler);
  return new LcdClient({
    baseUrl: stub.url,
    rateLimiter: new RateLimiter({ ratePerSecond: 1000, burst: 10 }),
    initialBackoffMs: 5,
    maxBackoffMs: 10,
    maxRetries: 0,
  });
}

const included = {
  tx: {},
  tx_response: {
    height: '321',
    txhash: TX_HASH,
    codespace: '',
    code: 0,
    data: encodeBatchUpdateOrdersData({
      spotCancelSuccess: [],
      derivativeCancelSuccess: [],
      spotOrderHashes: [ORDER_HASH],
      derivativeOrderHashes: [],
      createdSpotOrdersCids: ['mm-1'],
      failedSpotOrdersCids: [],
      createdDerivativeOrdersCids: [],
      failedDerivativeOrdersCids: [],
    }),
    raw_log: '',
    gas_wanted: '400000',
    gas_used: '200000',
    events: [{ type: 'tx', attributes: [{ key: 'fee', value: '64000000000000inj', index: true }] }],
  },
};

describe('waitForInclusion', () => {
  describe('when the tx lands after a few polls', () => {
    it('returns its result with the created orders', async () => {
      const lcd = await lcdFor((_req, i) => (i < 2 ? NOT_FOUND : { json: included }));
      const result = await waitForInclusion(lcd, TX_HASH, { pollMs: 10, timeoutMs: 2000 });
      expect(result).toMatchObject({ txHash: TX_HASH, height: 321, code: 0, createdOrderHashes: [ORDER_HASH], createdCids: ['mm-1'] });
      expect(stub!.requests.map((r) => r.url)).toEqual(Array(3).fill(`/cosmos/tx/v1beta1/txs/${TX_HASH}`));
    });
  });

  describe('when a lookup fails on the way', () => {
    it('keeps polling through a 503', async () => {
      const lcd = await lcdFor((_req, i) => (i === 0 ? { status: 503, body: '' } : { json: included }));
      await expect(waitForInclusion(lcd, TX_HASH, { pollMs: 10, timeoutMs: 2000 })).resolves.toMatchObject({ height: 321 });
    });
  });

  describe('when the tx never lands', () => {
    it('throws TxNotIncludedError after the timeout', async () => {
      const lcd = await lcdFor(() => NOT_FOUND);
      const started = Date.now();
      const error = await waitForInclusion(lcd, TX_HASH, { pollMs: 20, timeoutMs: 150 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TxNotIncludedError);
      expect(error).toMatchObject({ code: 'TX_NOT_INCLUDED', txHash: TX_HASH });
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });

  describe('when the caller aborts', () => {
    it('stops waiting and rejects with the abort reason', async () => {
      const lcd = await lcdFor(() => NOT_FOUND);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('stop')), 30);
      await expect(waitForInclusion(lcd, TX_HASH, { pollMs: 10, timeoutMs: 5000, signal: controller.signal })).rejects.toThrow('stop');
    });
  });
});
