import type { Heartbeat } from '@mirrorbook/contracts';
import { eventually, repoConfigPairs } from '@mirrorbook/testing';
import { ExecutorHarness } from '@mirrorbook/testing/stack';

// a testnet market id the sim does not list: the chain cannot give its metadata, as for a removed market
const REMOVED_ID = `0x${'e'.repeat(64)}`;

describe('executor: a market the chain cannot give', () => {
  let h: ExecutorHarness;

  beforeAll(async () => {
    const markets = repoConfigPairs().map((p) => (p.key === 'atom-usdt' ? { ...p, testnetMarketId: REMOVED_ID } : p));
    h = await ExecutorHarness.start({ wallets: 1, markets });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('takes over, names the market with its reason in its heartbeat and in /health (200 degraded), and stays ready', async () => {
    const proc = h.startExecutor(h.wallets[0], {}, 'unavailable-a');
    const [, url] = await proc.waitForOutput(/listening on (http:\/\/[\d.]+:\d+)/, 60_000);
    await h.tookOver(proc);
    const reason = expect.stringMatching(new RegExp(`^market atom-usdt \\(${REMOVED_ID}\\) could not be read from the chain`));

    const beat = await eventually(
      () =>
        h.allMessages
          .filter((m) => m.subject === 'svc.heartbeat.executor.unavailable-a')
          .map((m) => JSON.parse(m.data) as Heartbeat)
          .find((b) => b.state === 'running' && Object.keys(b.unavailableMarkets ?? {}).length > 0),
      10_000,
      'a running heartbeat naming the unavailable market',
    );
    expect(beat.unavailableMarkets).toEqual({ 'atom-usdt': reason });

    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'degraded', state: 'running', degraded: { unavailableMarkets: { 'atom-usdt': reason } } });
  });
});
