import { Redis } from 'ioredis';
import { redisKeys } from '@mirrorbook/contracts';
import type { Market } from '@mirrorbook/market';
import { startTestServers, writeWalletKeyFile, type TestServers } from '@mirrorbook/testing';
import { KEYS, PAIRS, WALLETS, parseJson, runCli, startSimProcess, writeTestConfig, type SimProcess } from './cli.harness';
import { cancelOutput, closePositionsOutput, positionsOutput } from './cli-output.schemas';
import { SimTrader } from './sim-trader.fixture';

describe('mirrorbook cancel and close-positions against the sim', () => {
  let servers: TestServers;
  let config: ReturnType<typeof writeTestConfig>;
  let sim: SimProcess;
  let trader: SimTrader;
  let redis: Redis;
  let env: Record<string, string>;
  let spot: Market;

  const openOrders = async () => (await trader.lcd.getSpotOpenOrders(PAIRS.injUsdt.testnetMarketId, WALLETS.alice.subaccountId)).map((o) => o.orderHash).sort();

  beforeAll(async () => {
    servers = await startTestServers();
    config = writeTestConfig();
    sim = await startSimProcess({ ...servers.env }, config.dir);
    trader = new SimTrader(sim.url);
    redis = new Redis(servers.redis.url);
    env = { ...servers.env, CONFIG_DIR: config.dir, SIM_LCD_URL: sim.url, NETWORK: 'sim', ...writeWalletKeyFile(config.dir, 'w1', KEYS.alice) };
    spot = await trader.spotMarket(PAIRS.injUsdt.testnetMarketId);
  }, 90_000);

  afterAll(async () => {
    redis?.disconnect();
    await sim?.stop();
    await servers?.stop();
    config?.remove();
  });

  describe('cancel', () => {
    let placed: string[];

    beforeAll(async () => {
      placed = await trader.spot(WALLETS.alice, spot, [
        ['buy', '24', '1'],
        ['buy', '24.1', '1'],
        ['sell', '26', '1'],
      ]);
    });

    describe('by default (dry run)', () => {
      it('shows what it would cancel and cancels nothing', async () => {
        const run = await runCli(['cancel', '--wallet', 'w1', '--market', 'inj-usdt', '--batch-size', '2', '--json'], env);
        expect(run.code).toBe(0);
        const out = parseJson(cancelOutput, run);
        expect(out).toMatchObject({ dryRun: true, cancelled: null, lease: { held: false } });
        expect(out.orders.map((o) => o.orderHash).sort()).toEqual([...placed].sort());
        expect(out.batches.map((b) => [b.orders, b.txHash])).toEqual([
          [2, null],
          [1, null],
        ]);
        expect(await openOrders()).toEqual([...placed].sort());
      });

      it('says in its table how to go ahead', async () => {
        const run = await runCli(['cancel', '--wallet', 'w1', '--all'], env);
        expect(run.stdout).toContain('dry run on sim: 3 open orders of wallet w1');
        expect(run.stdout).toContain('add --yes to cancel them');
      });
    });

    describe("while the wallet's executor holds the lease", () => {
      beforeAll(async () => {
        // long enough for both CLI runs on a loaded machine (each starts a Node process); deleted after
        await redis.set(redisKeys.executorLease('w1'), 'executor-w1-a', 'PX', 600_000);
      });

      afterAll(async () => {
        await redis.del(redisKeys.executorLease('w1'));
      });

      it('refuses --yes with exit 3 and says why', async () => {
        const run = await runCli(['cancel', '--wallet', 'w1', '--all', '--yes'], env);
        expect(run.code).toBe(3);
        expect(run.stderr).toContain('the executor of wallet w1 holds its lease (instance executor-w1-a');
        expect(run.stderr).toContain('two signers would race on the account sequence');
        expect(await openOrders()).toEqual([...placed].sort());
      });

      it('warns about it in the dry run', async () => {
        const run = await runCli(['cancel', '--wallet', 'w1', '--all'], env);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('executor-w1-a holds the lease of w1: --yes will be refused unless --force');
      });
    });

    describe('on mainnet', () => {
      it('refuses to sign with exit 3', async () => {
        const run = await runCli(['--network', 'mainnet', 'cancel', '--wallet', 'w1', '--all', '--yes'], env);
        expect(run.code).toBe(3);
        expect(run.stderr).toContain('refusing to sign on mainnet');
      });
    });

    describe('without the wallet key', () => {
      it('exits 78 naming the variable to set', async () => {
        const { WALLET_W1_PRIVATE_KEY_FILE: _key, ...noKey } = env;
        const run = await runCli(['cancel', '--wallet', 'w1', '--all', '--yes'], noKey);
        expect(run.code).toBe(78);
        expect(run.stderr).toContain('set WALLET_W1_PRIVATE_KEY_FILE to a key file (chmod 600)');
      });
    });

    describe('with --yes', () => {
      it('cancels every open order in batches, one transaction after the other, holding the wallet\'s lease meanwhile', async () => {
        const fence = Number((await redis.get(redisKeys.executorFence('w1'))) ?? '0');
        const run = await runCli(['cancel', '--wallet', 'w1', '--market', 'inj-usdt', '--batch-size', '2', '--yes', '--json'], env);
        expect(run.code).toBe(0);
        // it took the lease once (a new fencing token: an executor that held it before can no longer write) and gave it back
        expect(Number(await redis.get(redisKeys.executorFence('w1')))).toBe(fence + 1);
        expect(await redis.get(redisKeys.executorLease('w1'))).toBeNull();
        const out = parseJson(cancelOutput, run);
        expect(out).toMatchObject({ dryRun: false, cancelled: 3, notFound: 0, error: null });
        expect(out.batches.map((b) => [b.orders, b.cancelled])).toEqual([
          [2, 2],
          [1, 1],
        ]);
        expect(out.batches.every((b) => b.txHash !== null && (b.height ?? 0) > 0)).toBe(true);
        expect(await openOrders()).toEqual([]);
      });

      it('has nothing left to do on a second run', async () => {
        const run = await runCli(['cancel', '--wallet', 'w1', '--all', '--yes'], env);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('nothing to cancel');
      });
    });

    describe('with --yes --force while the lease is held', () => {
      it('cancels anyway and warns on stderr', async () => {
        const [hash] = await trader.spot(WALLETS.alice, spot, [['buy', '23', '1']]);
        // long enough for both CLI runs on a loaded machine (each starts a Node process); deleted after
        await redis.set(redisKeys.executorLease('w1'), 'executor-w1-a', 'PX', 600_000);
        const run = await runCli(['cancel', '--wallet', 'w1', '--market', 'inj-usdt', '--yes', '--force', '--json'], env);
        await redis.del(redisKeys.executorLease('w1'));
        expect(run.code).toBe(0);
        expect(parseJson(cancelOutput, run).orders.map((o) => o.orderHash)).toEqual([hash]);
        expect(run.stderr).toContain('--force: signing although executor executor-w1-a holds the lease of w1');
        expect(await openOrders()).toEqual([]);
      });
    });
  });

  describe('close-positions', () => {
    beforeAll(async () => {
      const perp = await trader.perpMarket(PAIRS.injPerp.testnetMarketId);
      await trader.perp(WALLETS.alice, perp, [['buy', '25', '3']]);
      await trader.perp(WALLETS.bob, perp, [['sell', '25', '3']]);
      // resting liquidity near the mark for the reduce-only sell to meet
      await trader.perp(WALLETS.carol, perp, [['buy', '24.9', '5']]);
    });

    const positionsOf = async () =>
      parseJson(positionsOutput, await runCli(['positions', '--wallet', 'w1', '--json'], env)).positions.map((p) => [p.side, p.quantity]);

    describe('by default (dry run)', () => {
      it('plans a reduce-only sell at mark − 1 % and sends nothing', async () => {
        const run = await runCli(['close-positions', '--wallet', 'w1', '--json'], env);
        expect(run.code).toBe(0);
        const out = parseJson(closePositionsOutput, run);
        expect(out).toMatchObject({ dryRun: true, slippagePct: '1', tx: null });
        expect(out.orders).toEqual([
          expect.objectContaining({ market: 'inj-usdt-perp', positionSide: 'long', positionQuantity: '3', markPrice: '25', side: 'sell', price: '24.75', quantity: '3', orderHash: null }),
        ]);
        expect(await positionsOf()).toEqual([['long', '3']]);
      });
    });

    describe('while the lease is held', () => {
      it('refuses --yes with exit 3', async () => {
        // long enough for both CLI runs on a loaded machine (each starts a Node process); deleted after
        await redis.set(redisKeys.executorLease('w1'), 'executor-w1-a', 'PX', 600_000);
        const run = await runCli(['close-positions', '--wallet', 'w1', '--yes'], env);
        await redis.del(redisKeys.executorLease('w1'));
        expect(run.code).toBe(3);
        expect(await positionsOf()).toEqual([['long', '3']]);
      });
    });

    describe('with --yes', () => {
      it('sends the reduce-only orders and leaves the wallet flat', async () => {
        const run = await runCli(['close-positions', '--wallet', 'w1', '--yes', '--json'], env);
        expect(run.code).toBe(0);
        const out = parseJson(closePositionsOutput, run);
        expect(out.tx?.txHash).toMatch(/^[0-9A-F]{64}$/);
        expect(out.orders[0]?.orderHash).toMatch(/^0x[0-9a-f]{64}$/);
        expect(await positionsOf()).toEqual([]);
      });
    });
  });
});
