// The SDK's own REST client is the subject here: it must read the simulator's refusals as it reads a node's.
// eslint-disable-next-line no-restricted-imports
import { CosmosTxV1Beta1TxPb, TxRestApi } from '@injectivelabs/sdk-ts';
import { estimateGas, type BatchUpdateOrdersInput } from '@mirrorbook/injective';
import { buildBatchUpdateOrdersMsg, signTx } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { startSim, type SimHarness } from '../support/injective-sim.harness';
import { injUsdtMarkets } from '@mirrorbook/testing';

describe("the SDK's TxRestApi against the simulator", () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSim();
  });
  afterAll(async () => h?.close());

  function signed(accountNumber: number, sequence: number): string {
    const { spot } = injUsdtMarkets();
    const input: BatchUpdateOrdersInput = {
      injectiveAddress: h.alice.injAddress,
      subaccountId: h.alice.subaccountId,
      spotCreates: [{ market: spot, side: 'buy', postOnly: true, price: new Dec('9.9'), quantity: new Dec('1'), cid: `sdk-${sequence}` }],
    };
    return signTx({ msg: buildBatchUpdateOrdersMsg(input), wallet: h.alice, chainId: 'injective-sim-1', accountNumber, sequence, timeoutHeight: 1000, gas: estimateGas(input).gas, gasPrice: '160000000' }).txBytesBase64;
  }

  it('raises TransactionException with contextCode 32 for a stale sequence', async () => {
    const { accountNumber, sequence } = await h.lcd.getAccount(h.alice.injAddress);
    const api = new TxRestApi(h.sim.url);
    const raw = CosmosTxV1Beta1TxPb.TxRaw.fromBinary(Buffer.from(signed(accountNumber, sequence + 5), 'base64'));
    const error = await api.broadcast(raw).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect((error as { constructor: { name: string } }).constructor.name).toBe('TransactionException');
    expect((error as { contextCode?: number }).contextCode).toBe(32);
  });
});
