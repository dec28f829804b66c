import {
  broadcastTx,
  buildBatchUpdateOrdersMsg,
  GAS_PER_ORDER,
  signTx,
  waitForInclusion,
  type BatchUpdateOrdersInput,
  type SpotOrderCreate,
  type TxResult,
} from '@mirrorbook/injective';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { startSim, type SimHarness } from '../support/injective-sim.harness';

const CHAIN_ID = 'injective-sim-1';
const { spot } = injUsdtMarkets();
/** injective-core exchange module: ErrExceedsTopOfBookPrice */
const EXCEEDS_TOP_OF_BOOK = 59;
/** the sim's flat ante-handler gas per tx (apps/injective-sim/src/chain/gas.table.ts) */
const ANTE_GAS = 60_000;

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

  describe('fixed gas', () => {
    const creates = { spotCreates: [order('a', 'buy', '9.5'), order('b', 'buy', '9.4', true), order('c', 'sell', '10.5', true)] };
    const table = GAS_PER_ORDER.spotLimit + 2 * GAS_PER_ORDER.spotPostOnly;

    async function gasUsed(): Promise<{ simulated: number; delivered: number }> {
      const signed = sign(creates);
      const sim = await h.request('POST', '/cosmos/tx/v1beta1/simulate', { tx_bytes: signed.txBytesBase64 });
      const { txHash } = await broadcastTx(h.lcd, signed.txBytesBase64);
      await h.produceBlocks(1);
      const tx = await h.request('GET', `/cosmos/tx/v1beta1/txs/${txHash}`);
      return { simulated: Number(sim.body.gas_info.gas_used), delivered: Number(tx.body.tx_response.gas_used) };
    }

    it('charges the ante gas plus exactly the fixed table when fixed_gas_enabled is on', async () => {
      await start({ exchangeParams: { fixedGasEnabled: true } });
      expect(await gasUsed()).toEqual({ simulated: ANTE_GAS + table, delivered: ANTE_GAS + table });
    });

    it('meters gas when it is off (the default): more than the table, the same in simulate and delivery', async () => {
      await start();
      const { simulated, delivered } = await gasUsed();
      expect(simulated).toBe(delivered);
      expect(delivered).toBeGreaterThan(ANTE_GAS + table);
    });
  });
});
