import { fixedTableGas, GAS_PER_ORDER, LcdClient, signWithEstimatedGas, type BatchUpdateOrdersInput, type SpotOrderCreate } from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, signTx, waitForInclusion, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { cancelAllBudget } from '../apps/executor/src/batch/batch-input.builder';
import { createSim } from '../apps/injective-sim/src/sim.factory';

/**
 * Gas limit before and after the calibrated estimate, per tx shape, with what the simulator
 * (fixed gas on) says each tx used, and the fee at 160000000 inj per gas (docs/injective.md#fees-and-gas).
 * Run: node -r @swc-node/register bench/gas-limits.bench.ts
 */
const GAS_PRICE = 160_000_000n;
const { spot } = injUsdtMarkets();
const wallet = walletFromPrivateKey(`0x${'42'.repeat(32)}`);

/**
 * The limit signed before: the table (a cancel-all at 20 orders per market), 120 000 ante and
 * 2 500 per item, all × 1.2. Kept here only to show the difference.
 */
function previousLimit(input: BatchUpdateOrdersInput): number {
  const items =
    (input.spotCreates?.length ?? 0) + (input.spotCancels?.length ?? 0) + (input.spotCancelAll?.length ?? 0) + (input.derivativeCreates?.length ?? 0);
  return Math.ceil(((fixedTableGas(input, () => 20) + 120_000 + items * 2_500) * 120) / 100);
}

function bids(count: number, round: string): SpotOrderCreate[] {
  // cids as long as the executor's (bot id, intent timestamp, index)
  return Array.from({ length: count }, (_, i) => ({ market: spot, side: 'buy', postOnly: true, price: new Dec('5').sub(new Dec('0.01').mul(i)), quantity: new Dec('1.5'), cid: `mm-inj-usdt-1765100000000-${round}-${i}` }));
}

function injOf(gas: number): string {
  return new Dec((BigInt(gas) * GAS_PRICE).toString()).div(new Dec(10).pow(18)).toFixed();
}

async function main(): Promise<void> {
  const sim = await createSim(
    {
      port: 0,
      blockMs: 0,
      seed: 'gas-bench',
      rateLimitPerSecond: 0,
      exchangeParams: { fixedGasEnabled: true },
      genesis: { time: '2025-01-01T00:00:00Z', accounts: [{ address: wallet.injAddress, balances: { inj: '1000', [spot.quoteDenom]: '1000000' } }] },
    },
    { logger: false },
  );
  const lcd = new LcdClient({ baseUrl: sim.url, ratePerSecond: 10_000, maxRetries: 0 });
  const base = { injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId };

  /** Signs with the new estimate, includes it, answers the limits and what the sim says it used. */
  async function run(input: BatchUpdateOrdersInput, stored = 0) {
    const { accountNumber, sequence } = await lcd.getAccount(wallet.injAddress);
    const msg = buildBatchUpdateOrdersMsg(input);
    const sign = (gas: number) => signTx({ msg, wallet, chainId: 'injective-sim-1', accountNumber, sequence, timeoutHeight: 1_000_000, gas, gasPrice: String(GAS_PRICE) });
    const { signed, estimate } = signWithEstimatedGas(sign, input, { cancelAllOrders: () => cancelAllBudget(stored) });
    const { txHash } = await broadcastTx(lcd, signed.txBytesBase64);
    sim.chain.produceBlock();
    const result = await waitForInclusion(lcd, txHash, { timeoutMs: 2000, pollMs: 5 });
    if (result.code !== 0) throw new Error(`tx ${txHash} failed with code ${result.code}`);
    return { result, before: previousLimit(input), after: estimate.gas, used: result.gasUsed, bytes: Buffer.from(signed.txBytesBase64, 'base64').length };
  }

  try {
    const rows: string[][] = [];
    const report = (shape: string, table: number, r: Awaited<ReturnType<typeof run>>) =>
      rows.push([shape, String(r.bytes), String(table), String(r.used), String(r.before), String(r.after), injOf(r.before), injOf(r.after)]);

    const placed = await run({ ...base, spotCreates: bids(10, 'r0') });
    const hashes = placed.result.spotCreateResults.map((c) => c.orderHash!);
    const tenTen = { ...base, spotCreates: bids(10, 'r1'), spotCancels: hashes.map((orderHash) => ({ marketId: spot.id, orderHash })) };
    report('10 creates + 10 cancels (spot, post-only)', 10 * GAS_PER_ORDER.spotPostOnly + 10 * GAS_PER_ORDER.spotCancel, await run(tenTen));

    const open = (await lcd.getSpotOpenOrders(spot.id, wallet.subaccountId)).map((o) => o.orderHash);
    const twoTwo = { ...base, spotCreates: bids(2, 'r2'), spotCancels: open.slice(0, 2).map((orderHash) => ({ marketId: spot.id, orderHash })) };
    report('2 creates + 2 cancels (spot, post-only)', 2 * GAS_PER_ORDER.spotPostOnly + 2 * GAS_PER_ORDER.spotCancel, await run(twoTwo));

    // leave exactly 5 resting, then cancel them all
    const rest = (await lcd.getSpotOpenOrders(spot.id, wallet.subaccountId)).map((o) => o.orderHash);
    await run({ ...base, spotCancels: rest.slice(5).map((orderHash) => ({ marketId: spot.id, orderHash })) });
    report('cancel-all of 5 orders (1 spot market)', 5 * GAS_PER_ORDER.spotCancel, await run({ ...base, spotCancelAll: [spot.id] }, 5));

    const header = ['tx shape', 'bytes', 'table gas', 'gas used (sim)', 'limit before', 'limit after', 'fee before INJ', 'fee after INJ'];
    console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- |').join('')}`);
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
