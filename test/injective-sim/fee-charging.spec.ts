// The SDK's own REST clients read the bank and broadcast here, as they would against a node.
// eslint-disable-next-line no-restricted-imports
import { ChainRestBankApi, CosmosTxV1Beta1TxPb, MsgBatchUpdateOrdersV2, TxRestApi } from '@injectivelabs/sdk-ts';
import { anteGas, fixedTableGas, GAS_PER_ORDER, signedTxBytes, signWithEstimatedGas, type BatchUpdateOrdersInput, type Wallet } from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, signTx, waitForInclusion, type SignedTx, type TxResult } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { startSim, type SimHarness } from '../support/injective-sim.harness';

const CHAIN_ID = 'injective-sim-1';
const GAS_PRICE = 160_000_000n;
const { spot, perp } = injUsdtMarkets();

/** `count` post-only bids far below the book (they rest; a bid holds USDT, not INJ). */
function bids(count: number, prefix: string): NonNullable<BatchUpdateOrdersInput['spotCreates']> {
  return Array.from({ length: count }, (_, i) => ({ market: spot, side: 'buy', postOnly: true, price: new Dec('5').sub(new Dec('0.01').mul(i)), quantity: new Dec('1'), cid: `${prefix}-${i}` }));
}

describe('sim: every included tx pays gas limit × gas price from the bank, as the chain does', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startSim({ exchangeParams: { fixedGasEnabled: true } });
  });
  afterEach(async () => h.close());

  /** The INJ bank balance through the SDK's bank client (`GET /cosmos/bank/v1beta1/balances/{address}`), base units. */
  async function injBalance(wallet: Wallet): Promise<bigint> {
    const { balances } = await new ChainRestBankApi(h.sim.url).fetchBalances(wallet.injAddress);
    return BigInt(balances.find((c) => c.denom === 'inj')?.amount ?? '0');
  }

  async function signer(wallet: Wallet, gasPrice = String(GAS_PRICE)) {
    const { accountNumber, sequence } = await h.lcd.getAccount(wallet.injAddress);
    const timeoutHeight = (await h.lcd.getLatestHeight()) + 30;
    return (msg: ReturnType<typeof buildBatchUpdateOrdersMsg>) => (gas: number) =>
      signTx({ msg, wallet, chainId: CHAIN_ID, accountNumber, sequence, timeoutHeight, gas, gasPrice });
  }

  /** Broadcasts, produces the next block, answers the adapter's result and the LCD's tx JSON. */
  async function include(signed: SignedTx): Promise<{ result: TxResult; json: { tx: any; tx_response: any } }> {
    const { txHash } = await broadcastTx(h.lcd, signed.txBytesBase64);
    await h.produceBlocks(1);
    const result = await waitForInclusion(h.lcd, txHash, { timeoutMs: 2000, pollMs: 10 });
    const json = (await h.request('GET', `/cosmos/tx/v1beta1/txs/${txHash}`)).body;
    return { result, json };
  }

  /** The balance fell by exactly gas × price, and the `tx` event and `auth_info.fee` say that amount. */
  function expectCharged(before: bigint, after: bigint, gas: number, outcome: { result: TxResult; json: { tx: any; tx_response: any } }): void {
    const fee = BigInt(gas) * GAS_PRICE;
    expect(before - after).toBe(fee);
    expect(outcome.json.tx.auth_info.fee).toMatchObject({ amount: [{ denom: 'inj', amount: String(fee) }], gas_limit: String(gas) });
    expect(outcome.result.feePaid).toEqual([{ denom: 'inj', amount: fee }]);
    expect(outcome.json.tx_response.gas_wanted).toBe(String(gas));
  }

  it('(a) an applied tx: gas used is the fixed table plus the ante gas of its bytes, and the limit is paid in full', async () => {
    const input: BatchUpdateOrdersInput = { injectiveAddress: h.alice.injAddress, subaccountId: h.alice.subaccountId, spotCreates: bids(2, 'a') };
    const { signed, estimate } = signWithEstimatedGas((await signer(h.alice))(buildBatchUpdateOrdersMsg(input)), input);
    const before = await injBalance(h.alice);
    const outcome = await include(signed);
    expect(outcome.result.code).toBe(0);
    expect(outcome.result.createdCids).toEqual(['a-0', 'a-1']);
    expect(outcome.json.tx_response.gas_used).toBe(String(2 * GAS_PER_ORDER.spotPostOnly + anteGas(signedTxBytes(signed))));
    // unused gas is not refunded
    expect(Number(outcome.json.tx_response.gas_used)).toBeLessThan(estimate.gas);
    expectCharged(before, await injBalance(h.alice), estimate.gas, outcome);
  });

  it('(b) a tx whose message fails after the ante handler: code ≠ 0, sequence consumed, the whole fee paid', async () => {
    // a market order is taken only in post-only mode (the sim executes none): broadcast in it, delivered after it
    await h.request('POST', '/sim/admin/post-only-mode', { blocks: 1 });
    const msg = MsgBatchUpdateOrdersV2.fromJSON({
      injectiveAddress: h.alice.injAddress,
      subaccountId: h.alice.subaccountId,
      spotMarketOrdersToCreate: [{ marketId: spot.id, orderType: 1, price: '11', quantity: '1', feeRecipient: h.alice.injAddress, cid: 'mkt' }],
    });
    const gas = 400_000;
    const signed = (await signer(h.alice))(msg)(gas);
    const { sequence } = await h.lcd.getAccount(h.alice.injAddress);
    const before = await injBalance(h.alice);
    const { txHash } = await broadcastTx(h.lcd, signed.txBytesBase64);
    await h.request('POST', '/sim/admin/post-only-mode', { blocks: 0 });
    await h.produceBlocks(1);
    const result = await waitForInclusion(h.lcd, txHash, { timeoutMs: 2000, pollMs: 10 });
    const json = (await h.request('GET', `/cosmos/tx/v1beta1/txs/${txHash}`)).body;
    expect(result).toMatchObject({ code: 58, codespace: 'exchange' });
    expect((await h.lcd.getAccount(h.alice.injAddress)).sequence).toBe(sequence + 1);
    expectCharged(before, await injBalance(h.alice), gas, { result, json });
  });

  it('(c) a tx that runs out of gas: code 11, gas used above the limit, the whole fee paid', async () => {
    const input: BatchUpdateOrdersInput = { injectiveAddress: h.alice.injAddress, subaccountId: h.alice.subaccountId, spotCreates: bids(3, 'c') };
    const gas = 200_000;
    const signed = (await signer(h.alice))(buildBatchUpdateOrdersMsg(input))(gas);
    const before = await injBalance(h.alice);
    const outcome = await include(signed);
    expect(outcome.result).toMatchObject({ code: 11, createdCids: [] });
    expect(outcome.json.tx_response.gas_used).toBe(String(fixedTableGas(input, () => 0) + anteGas(signedTxBytes(signed))));
    expect((await h.lcd.getSpotOpenOrders(spot.id, h.alice.subaccountId)).length).toBe(0);
    expectCharged(before, await injBalance(h.alice), gas, outcome);
  });

  it('(d) a fee above the spendable balance: refused in CheckTx with code 5 through the SDK, nothing deducted, sequence kept', async () => {
    // Bob holds 10 INJ; 2 000 000 gas at 10^13 per gas is 20 INJ
    const input: BatchUpdateOrdersInput = { injectiveAddress: h.bob.injAddress, subaccountId: h.bob.subaccountId, derivativeCancelAll: [perp.id] };
    const signed = (await signer(h.bob, '10000000000000'))(buildBatchUpdateOrdersMsg(input))(2_000_000);
    const before = await injBalance(h.bob);
    const raw = CosmosTxV1Beta1TxPb.TxRaw.fromBinary(Buffer.from(signed.txBytesBase64, 'base64'));
    const error = await new TxRestApi(h.sim.url).broadcast(raw).then(
      () => undefined,
      (e: unknown) => e as { constructor: { name: string }; contextCode?: number; originalMessage?: string },
    );
    expect(error?.constructor.name).toBe('TransactionException');
    expect(error?.contextCode).toBe(5);
    await h.produceBlocks(1);
    expect(await injBalance(h.bob)).toBe(before);
    expect(before).toBe(10n * 10n ** 18n);
    expect((await h.lcd.getAccount(h.bob.injAddress)).sequence).toBe(0);
    expect((await h.request('GET', `/cosmos/tx/v1beta1/txs/${signed.txHash}`)).status).toBe(404);
  });
});
