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

/**
 * The waiter's clock for a test: it moves only when the waiter pauses, by the pause asked for,
 * and the pause passes at once, so deadlines and poll counts do not depend on the machine's speed.
 */
function virtualClock() {
  let t = 0;
  const pauses: number[] = [];
  return {
    pauses,
    now: () => t,
    sleep: async (ms: number) => {
      // a waiter that ignored its deadline would pause forever
      if (pauses.length >= 100) throw new Error('still polling after 100 pauses');
      pauses.push(ms);
      t += ms;
    },
  };
}

describe('waitForInclusion', () => {
  describe('when the tx lands after a few polls', () => {
    it('returns its result with the created orders', async () => {
      const lcd = await lcdFor((_req, i) => (i < 2 ? NOT_FOUND : { json: included }));
      const clock = virtualClock();
      const result = await waitForInclusion(lcd, TX_HASH, { pollMs: 10, timeoutMs: 2000, now: clock.now, sleep: clock.sleep });
      expect(result).toMatchObject({ txHash: TX_HASH, height: 321, code: 0, createdOrderHashes: [ORDER_HASH], createdCids: ['mm-1'] });
      expect(stub!.requests.map((r) => r.url)).toEqual(Array(3).fill(`/cosmos/tx/v1beta1/txs/${TX_HASH}`));
      expect(clock.pauses).toEqual([10, 10]);
    });
  });

  describe('when a lookup fails on the way', () => {
    it('keeps polling through a 503', async () => {
      const lcd = await lcdFor((_req, i) => (i === 0 ? { status: 503, body: '' } : { json: included }));
      const clock = virtualClock();
      await expect(waitForInclusion(lcd, TX_HASH, { pollMs: 10, timeoutMs: 2000, now: clock.now, sleep: clock.sleep })).resolves.toMatchObject({ height: 321 });
      expect(stub!.requests).toHaveLength(2);
      expect(clock.pauses).toEqual([10]);
    });
  });

  describe('when the tx never lands', () => {
    it('throws TxNotIncludedError after the timeout', async () => {
      const lcd = await lcdFor(() => NOT_FOUND);
      const clock = virtualClock();
      const error = await waitForInclusion(lcd, TX_HASH, { pollMs: 20, timeoutMs: 150, now: clock.now, sleep: clock.sleep }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TxNotIncludedError);
      expect(error).toMatchObject({ code: 'TX_NOT_INCLUDED', txHash: TX_HASH, waitedMs: 150 });
      // a pause of pollMs between lookups, the last one cut short at the deadline, where it looks once more
      expect(clock.pauses).toEqual([20, 20, 20, 20, 20, 20, 20, 10]);
      expect(stub!.requests).toHaveLength(9);
    });
  });

  describe('when the caller counts every failed lookup as not there yet', () => {
    it('keeps polling through a 400', async () => {
      const lcd = await lcdFor((_req, i) => (i === 0 ? { status: 400, json: { code: 3, message: 'bad request', details: [] } } : { json: included }));
      const clock = virtualClock();
      const options = { pollMs: 10, timeoutMs: 2000, now: clock.now, sleep: clock.sleep };
      await expect(waitForInclusion(lcd, TX_HASH, { ...options, isTransient: () => true })).resolves.toMatchObject({ height: 321 });
      expect(stub!.requests).toHaveLength(2);
    });
  });

  describe('when the caller finds that the tx never will land', () => {
    it('looks once more and throws TxNotIncludedError with its reason', async () => {
      const lcd = await lcdFor(() => NOT_FOUND);
      const clock = virtualClock();
      let checks = 0;
      const neverIncluded = async () => (++checks === 3 ? 'its timeout height passed' : undefined);
      const error = await waitForInclusion(lcd, TX_HASH, { pollMs: 10, timeoutMs: Number.POSITIVE_INFINITY, now: clock.now, sleep: clock.sleep, neverIncluded }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TxNotIncludedError);
      expect(error).toMatchObject({ txHash: TX_HASH, reason: 'its timeout height passed', waitedMs: 30 });
      // a lookup before each of the three pauses, and the last one after the verdict
      expect(clock.pauses).toEqual([10, 10, 10]);
      expect(stub!.requests).toHaveLength(4);
    });

    it('returns the result when that last lookup finds it', async () => {
      const lcd = await lcdFor((_req, i) => (i < 1 ? NOT_FOUND : { json: included }));
      const clock = virtualClock();
      const neverIncluded = async () => 'its timeout height passed';
      await expect(waitForInclusion(lcd, TX_HASH, { pollMs: 10, now: clock.now, sleep: clock.sleep, neverIncluded })).resolves.toMatchObject({ height: 321 });
      expect(stub!.requests).toHaveLength(2);
    });
  });

  describe('when the caller aborts', () => {
    it('stops waiting between lookups and rejects with the abort reason', async () => {
      const lcd = await lcdFor(() => NOT_FOUND);
      const controller = new AbortController();
      const getTx = lcd.getTx.bind(lcd);
      jest.spyOn(lcd, 'getTx').mockImplementation(async (...args) => {
        const answer = await getTx(...args);
        // runs once the waiter has taken the answer and started its (real, minute-long) pause
        setImmediate(() => controller.abort(new Error('stop')));
        return answer;
      });
      await expect(waitForInclusion(lcd, TX_HASH, { pollMs: 60_000, timeoutMs: 600_000, signal: controller.signal })).rejects.toThrow('stop');
      expect(stub!.requests).toHaveLength(1);
    });

    it('stops a lookup on the wire and rejects with the abort reason', async () => {
      const controller = new AbortController();
      const lcd = await lcdFor((_req, i) => {
        if (i === 1) controller.abort(new Error('stop'));
        return NOT_FOUND;
      });
      const clock = virtualClock();
      await expect(waitForInclusion(lcd, TX_HASH, { pollMs: 10, timeoutMs: 2000, signal: controller.signal, now: clock.now, sleep: clock.sleep })).rejects.toThrow('stop');
      expect(stub!.requests).toHaveLength(2);
      expect(clock.pauses).toEqual([10]);
    });
  });
});
