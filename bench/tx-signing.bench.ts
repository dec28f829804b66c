import { buildBatchUpdateOrdersMsg, signTx, txSigner, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';

/**
 * Signing cost of one batch tx as the executor signs it with an estimated gas limit: a draft at the
 * widest gas (for the size), then the tx at its gas. Two `signTx` calls build the body (the orders)
 * twice, as the executor did before `txSigner`, which builds it once. Figures are printed, never
 * asserted (machine-dependent).
 * Run: node -r @swc-node/register bench/tx-signing.bench.ts
 */
const ROUNDS = 30;
const { spot } = injUsdtMarkets();
const wallet = walletFromPrivateKey(`0x${'11'.repeat(32)}`);
const base = { wallet, chainId: 'injective-888', accountNumber: 1, timeoutHeight: 1000, gasPrice: '160000000' };

function msOf(run: (round: number) => void): number {
  for (let w = 0; w < 3; w++) run(w);
  const started = performance.now();
  for (let r = 0; r < ROUNDS; r++) run(r);
  return (performance.now() - started) / ROUNDS;
}

for (const n of [10, 100]) {
  const creates = Array.from({ length: n }, (_, i) => ({
    market: spot,
    side: i % 2 ? ('buy' as const) : ('sell' as const),
    postOnly: true,
    price: new Dec('12.345').add(new Dec(i).div(1000)),
    quantity: new Dec('1.5'),
    cid: `mm-${i}`,
  }));
  const msg = buildBatchUpdateOrdersMsg({ injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId, spotCreates: creates });
  const twice = msOf((sequence) => {
    signTx({ ...base, msg, sequence, gas: 30_000_000 });
    signTx({ ...base, msg, sequence, gas: 400_000 });
  });
  const once = msOf((sequence) => {
    const sign = txSigner({ ...base, msg, sequence });
    sign(30_000_000);
    sign(400_000);
  });
  console.log(`${n} creates, draft + final: body built twice ${twice.toFixed(1)} ms, once (txSigner) ${once.toFixed(1)} ms`);
}
