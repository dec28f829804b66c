// A market order in a batch: the repository's builder makes none, so the SDK's own message class signs one here.
// eslint-disable-next-line no-restricted-imports
import { MsgBatchUpdateOrdersV2 } from '@injectivelabs/sdk-ts';
import { anteGas, GAS_PER_ORDER, signedTxBytes, type BatchUpdateOrdersInput, type SpotOrderCreate } from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, signTx, type TxResult, waitForInclusion } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { startSim, type SimHarness } from '../support/injective-sim.harness';

const CHAIN_ID = 'injective-sim-1';
const { spot, perp } = injUsdtMarkets();
/** injective-core exchange module: ErrExceedsTopOfBookPrice */
const EXCEEDS_TOP_OF_BOOK = 59;
/** injective-core exchange module: ErrPostOnlyMode */
const POST_ONLY_MODE = 96;

function order(cid: string, side: 'buy' | 'sell', price: string, postOnly = false): SpotOrderCreate {
  return { market: spot, side, postOnly, price: new Dec(price), quantity: new Dec('1'), cid };
}

describe('sim: the exchange params it acts on', () => {
  let h: SimHarness;
  let sequence = 0;
  async function start(overrides: Parameters<typeof startSim>[0] = {}): Promise<void> {
    h = await startSim(overrides);
    sequence = 0;
  }
  afterEach(async () => h?.close());

  function sign(orders: Omit<BatchUpdateOrdersInput, 'injectiveAddress' | 'subaccountId'>) {
    const input: BatchUpdateOrdersInput = { injectiveAddress: h.alice.injAddress, subaccountId: h.alice.subaccountId, ...orders };
    return signTx({
      msg: buildBatchUpdateOrdersMsg(input),
      wallet: h.alice,
      chainId: CHAIN_ID,
      accountNumber: 10,
      sequence: sequence++,
      timeoutHeight: 10_000,
      gas: 2_000_000,
      gasPrice: '160000000',
    });
  }

  /** Signs, broadcasts over HTTP, produces the next block, reads the result. */
  async function execute(orders: Omit<BatchUpdateOrdersInput, 'injectiveAddress' | 'subaccountId'>): Promise<TxResult> {
    const { txHash } = await broadcastTx(h.lcd, sign(orders).txBytesBase64);
    await h.produceBlocks(1);
    return waitForInclusion(h.lcd, txHash, { timeoutMs: 2000, pollMs: 10 });
  }

  describe('post-only mode', () => {
    it('refuses a crossing limit create with code 59 while a non-crossing one rests, for the next N blocks only', async () => {
      await start();
      expect((await execute({ spotCreates: [order('ask', 'sell', '10.5', true)] })).createdCids).toEqual(['ask']);

      const set = await h.request('POST', '/sim/admin/post-only-mode', { blocks: 2 });
      expect(set).toEqual({ status: 200, body: { height: 1, postOnlyModeHeightThreshold: 4, postOnlyMode: true } });
      expect((await h.lcd.getExchangeParams()).postOnlyModeHeightThreshold).toBe(4);

      const during = await execute({ spotCreates: [order('cross-2', 'buy', '10.6'), order('rest-2', 'buy', '10.4')] });
      expect(during).toMatchObject({ height: 2, code: 0, createdCids: ['rest-2'], failedCids: ['cross-2'] });
      expect(during.spotCreateResults[0]).toMatchObject({ orderHash: null, failureCode: EXCEEDS_TOP_OF_BOOK });

      const last = await execute({ spotCreates: [order('cross-3', 'buy', '10.5')] });
      expect(last).toMatchObject({ height: 3, failedCids: ['cross-3'] });
      expect(last.spotCreateResults[0]!.failureCode).toBe(EXCEEDS_TOP_OF_BOOK);
      expect((await h.lcd.getSpotOrderbook(spot.id)).asks).toHaveLength(1);

      // height 4 = the threshold: the first normal block, where the same order trades
      const after = await execute({ spotCreates: [order('cross-4', 'buy', '10.5')] });
      expect(after).toMatchObject({ height: 4, code: 0, createdCids: ['cross-4'], failedCids: [] });
      expect((await h.lcd.getSpotOrderbook(spot.id)).asks).toHaveLength(0);
    });

    it('starts from config, ends with {"blocks":0}, and refuses a bad body with 400', async () => {
      await start({ exchangeParams: { postOnlyModeHeightThreshold: 100 } });
      await execute({ spotCreates: [order('ask', 'sell', '10.5', true)] });
      expect((await execute({ spotCreates: [order('cross', 'buy', '10.5')] })).failedCids).toEqual(['cross']);

      expect((await h.request('POST', '/sim/admin/post-only-mode', { blocks: 0 })).body).toMatchObject({ postOnlyModeHeightThreshold: 0, postOnlyMode: false });
      expect((await execute({ spotCreates: [order('cross-again', 'buy', '10.5')] })).createdCids).toEqual(['cross-again']);

      expect((await h.request('POST', '/sim/admin/post-only-mode', { blocks: -1 })).status).toBe(400);
      expect((await h.request('POST', '/sim/admin/post-only-mode', { blocks: 1, heightThreshold: 5 })).status).toBe(400);
    });
  });

  describe('market orders', () => {
    /** A v2 batch with one resting limit bid, one spot and one derivative market order, signed by Alice. */
    function marketOrderTx() {
      const { injAddress: feeRecipient } = h.alice;
      const msg = MsgBatchUpdateOrdersV2.fromJSON({
        injectiveAddress: feeRecipient,
        subaccountId: h.alice.subaccountId,
        spotOrdersToCreate: [{ marketId: spot.id, orderType: 7, price: '9', quantity: '1', feeRecipient, cid: 'rest' }],
        spotMarketOrdersToCreate: [{ marketId: spot.id, orderType: 1, price: '11', quantity: '1', feeRecipient, cid: 'mkt' }],
        derivativeMarketOrdersToCreate: [{ marketId: perp.id, orderType: 2, price: '9', quantity: '1', margin: '5', feeRecipient, cid: 'perp-mkt' }],
      });
      return signTx({ msg, wallet: h.alice, chainId: CHAIN_ID, accountNumber: 10, sequence: sequence++, timeoutHeight: 10_000, gas: 2_000_000, gasPrice: '160000000' });
    }

    it('fails each market order with code 96 in post-only mode while the limit create of the batch rests', async () => {
      await start();
      await h.request('POST', '/sim/admin/post-only-mode', { blocks: 1 });
      const { txHash } = await broadcastTx(h.lcd, marketOrderTx().txBytesBase64);
      await h.produceBlocks(1);
      const result = await waitForInclusion(h.lcd, txHash, { timeoutMs: 2000, pollMs: 10 });
      expect(result).toMatchObject({ code: 0, createdCids: ['rest'] });
      const tx = await h.request('GET', `/cosmos/tx/v1beta1/txs/${txHash}`);
      const fail = (tx.body.tx_response.events as { type: string; attributes: { key: string; value: string }[] }[]).find((e) => e.type.endsWith('.EventOrderFail'));
      const attribute = (key: string) => JSON.parse(fail!.attributes.find((a) => a.key === key)!.value);
      expect([attribute('cids'), attribute('flags')]).toEqual([['mkt', 'perp-mkt'], [POST_ONLY_MODE, POST_ONLY_MODE]]);
    });

    it('refuses a batch with market orders outside post-only mode (the sim executes none): code 58 at broadcast', async () => {
      await start();
      const res = await h.request('POST', '/cosmos/tx/v1beta1/txs', { tx_bytes: marketOrderTx().txBytesBase64, mode: 'BROADCAST_MODE_SYNC' });
      expect(res.body.tx_response).toMatchObject({ code: 58, codespace: 'exchange' });
      expect(res.body.tx_response.raw_log).toContain('outside post-only mode');
    });
  });

  describe('fixed gas', () => {
    const creates = { spotCreates: [order('a', 'buy', '9.5'), order('b', 'buy', '9.4', true), order('c', 'sell', '10.5', true)] };
    const table = GAS_PER_ORDER.spotLimit + 2 * GAS_PER_ORDER.spotPostOnly;

    async function gasUsed(): Promise<{ simulated: number; delivered: number; ante: number }> {
      const signed = sign(creates);
      const sim = await h.request('POST', '/cosmos/tx/v1beta1/simulate', { tx_bytes: signed.txBytesBase64 });
      const { txHash } = await broadcastTx(h.lcd, signed.txBytesBase64);
      await h.produceBlocks(1);
      const tx = await h.request('GET', `/cosmos/tx/v1beta1/txs/${txHash}`);
      const ante = anteGas(signedTxBytes(signed));
      return { simulated: Number(sim.body.gas_info.gas_used), delivered: Number(tx.body.tx_response.gas_used), ante };
    }

    it('charges the ante gas plus exactly the fixed table when fixed_gas_enabled is on', async () => {
      await start({ exchangeParams: { fixedGasEnabled: true } });
      const { simulated, delivered, ante } = await gasUsed();
      expect({ simulated, delivered }).toEqual({ simulated: ante + table, delivered: ante + table });
    });

    it('meters gas when it is off (the default): more than the table, the same in simulate and delivery', async () => {
      await start();
      const { simulated, delivered, ante } = await gasUsed();
      expect(simulated).toBe(delivered);
      expect(delivered).toBeGreaterThan(ante + table);
    });
  });
});
