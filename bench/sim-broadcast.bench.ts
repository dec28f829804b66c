import { performance } from 'node:perf_hooks';
import { estimateGas, LcdClient, type BatchUpdateOrdersInput, type SpotOrderCreate } from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, generatePrivateKeyHex, signTx, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets, startAppProcess, startTestServers } from '@mirrorbook/testing';

/**
 * Issue 3 bench: adapter build+sign time per 54-order batch, and the sim's broadcast throughput of
 * such batches with SIM_BLOCK_MS=0 (blocks produced on demand every 20 txs).
 * Run: node -r @swc-node/register bench/sim-broadcast.bench.ts
 */
const SIGN_RUNS = 300;
const THROUGHPUT_SECONDS = 10;
const TXS_PER_BLOCK = 20;

const market = injUsdtMarkets().spot;
const wallet = walletFromPrivateKey(generatePrivateKeyHex());

function staircase(round: number): SpotOrderCreate[] {
  return Array.from({ length: 27 }, (_, i) => [
    { market, side: 'buy' as const, postOnly: true, price: new Dec('24.9').sub(new Dec('0.01').mul(i)), quantity: new Dec('1'), cid: `b${round}-${i}` },
    { market, side: 'sell' as const, postOnly: true, price: new Dec('25.1').add(new Dec('0.01').mul(i)), quantity: new Dec('1'), cid: `a${round}-${i}` },
  ]).flat();
}

function batch(round: number): BatchUpdateOrdersInput {
  return { injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId, spotCreates: staircase(round), spotCancelAll: [market.id] };
}

function sign(round: number, accountNumber: number, sequence: number, timeoutHeight: number) {
  const input = batch(round);
  return signTx({
    msg: buildBatchUpdateOrdersMsg(input),
    wallet,
    chainId: 'injective-sim-1',
    accountNumber,
    sequence,
    timeoutHeight,
    gas: estimateGas(input).gas,
    gasPrice: '160000000',
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  for (let i = 0; i < 20; i++) sign(i, 1, i, 1000);
  const signMs: number[] = [];
  for (let i = 0; i < SIGN_RUNS; i++) {
    const t0 = performance.now();
    sign(i, 1, i, 1000);
    signMs.push(performance.now() - t0);
  }
  signMs.sort((a, b) => a - b);

  const servers = await startTestServers();
  const sim = startAppProcess('injective-sim', { ...servers.env, HTTP_PORT: '0', SIM_BLOCK_MS: '0', SIM_CONFIG: 'bench/fixtures/sim-bench.json', LOG_LEVEL: 'info' });
  try {
    const [, port] = await sim.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/, 60_000);
    const url = `http://127.0.0.1:${port}`;
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await post('/sim/admin/accounts', { address: wallet.injAddress, balances: { inj: '1000000', [market.quoteDenom]: '100000000' } });
    const lcd = new LcdClient({ baseUrl: url, ratePerSecond: 100_000 });
    const { accountNumber, sequence: start } = await lcd.getAccount(wallet.injAddress);
    let sequence = start;
    let sent = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < THROUGHPUT_SECONDS * 1000) {
      const signed = sign(sent, accountNumber, sequence, 1_000_000);
      await broadcastTx(lcd, signed.txBytesBase64);
      sequence++;
      sent++;
      if (sent % TXS_PER_BLOCK === 0) await post('/sim/admin/blocks', { count: 1 });
    }
    await post('/sim/admin/blocks', { count: 1 });
    const seconds = (performance.now() - t0) / 1000;
    const committed = (await lcd.getAccount(wallet.injAddress)).sequence - start;
    const rows = [
      ['adapter build+sign, 54-order batch, median', `${percentile(signMs, 50).toFixed(2)} ms`],
      ['adapter build+sign, 54-order batch, p99', `${percentile(signMs, 99).toFixed(2)} ms`],
      ['sim broadcast throughput (SIM_BLOCK_MS=0, sign+broadcast serial, 1 client)', `${(committed / seconds).toFixed(1)} txs/s`],
      ['  = orders per second', `${((committed * 54) / seconds).toFixed(0)}`],
      ['txs committed / broadcast', `${committed} / ${sent}`],
    ];
    console.table(Object.fromEntries(rows));
  } catch (error) {
    console.error(`bench failed: ${(error as Error).message}\nsim output tail:\n${sim.logs().slice(-2000)}`);
    process.exitCode = 1;
  } finally {
    await sim.stop();
    await servers.stop();
  }
}

void main();
