import { ChainUnavailableError } from '../errors/chain-unavailable.error';
import { MempoolFullError } from '../errors/mempool-full.error';
import { SequenceMismatchError } from '../errors/sequence-mismatch.error';
import { LcdClient } from '../lcd/lcd.client';
import { RateLimiter } from '../lcd/rate.limiter';
import { startLcdStub, type LcdStub, type StubHandler } from '../testing/lcd-stub.server';
import { broadcastTx } from './tx.broadcaster';

const TX_HASH = 'C0FFEE'.padEnd(64, '0');
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
  });
}

function txResponse(code: number, raw_log = '', codespace = code === 0 ? '' : 'sdk') {
  return { tx_response: { height: '0', txhash: TX_HASH, codespace, code, data: '', raw_log, logs: [], info: '', gas_wanted: '0', gas_used: '0', tx: null, timestamp: '', events: [] } };
}

describe('broadcastTx', () => {
  describe('when the node accepts the tx', () => {
    it('posts the bytes in SYNC mode and returns the hash', async () => {
      const lcd = await lcdFor(() => ({ json: txResponse(0) }));
      await expect(broadcastTx(lcd, 'AQID')).resolves.toEqual({ txHash: TX_HASH });
      expect(stub!.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([
        ['POST', '/cosmos/tx/v1beta1/txs', { tx_bytes: 'AQID', mode: 'BROADCAST_MODE_SYNC' }],
      ]);
    });
  });

  describe('when CheckTx refuses it (HTTP 200, code ≠ 0)', () => {
    it('throws the typed error of the code', async () => {
      const lcd = await lcdFor(() => ({
        json: txResponse(32, 'account sequence mismatch, expected 6, got 3: incorrect account sequence'),
      }));
      await expect(broadcastTx(lcd, 'AQID')).rejects.toEqual(expect.any(SequenceMismatchError));
      await expect(broadcastTx(lcd, 'AQID')).rejects.toMatchObject({ expected: 6, got: 3, txHash: TX_HASH });
    });

    it('reports a full mempool as MempoolFullError', async () => {
      const lcd = await lcdFor(() => ({ json: txResponse(20, 'mempool is full') }));
      await expect(broadcastTx(lcd, 'AQID')).rejects.toBeInstanceOf(MempoolFullError);
    });
  });

  describe('when the answer is ambiguous', () => {
    it('does not send the tx twice after a 503', async () => {
      const lcd = await lcdFor(() => ({ status: 503, body: '' }));
      await expect(broadcastTx(lcd, 'AQID')).rejects.toBeInstanceOf(ChainUnavailableError);
      expect(stub!.requests).toHaveLength(1);
    });
  });

  describe('when the node surely did not take it', () => {
    it('sends it again after a 429', async () => {
      const lcd = await lcdFor((_req, i) => (i === 0 ? { status: 429, body: '' } : { json: txResponse(0) }));
      await expect(broadcastTx(lcd, 'AQID')).resolves.toEqual({ txHash: TX_HASH });
      expect(stub!.requests).toHaveLength(2);
    });
  });
});
