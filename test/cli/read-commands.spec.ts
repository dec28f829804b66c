import { Redis } from 'ioredis';
import { marketQualitySchema, redisKeys } from '@mirrorbook/contracts';
import { LcdClient } from '@mirrorbook/injective';
import { Dec, midPrice, type Market } from '@mirrorbook/market';
import { startTestServers, storedFees, storedOrder, writeWalletKeyFile, type TestServers } from '@mirrorbook/testing';
import { KEYS, PAIRS, USDT, WALLETS, parseJson, runCli, startSimProcess, writeTestConfig, type SimProcess } from './cli.harness';
import { balancesOutput, compareOutput, ordersOutput, positionsOutput } from './cli-output.schemas';
import { SimTrader } from './sim-trader.fixture';

describe('mirrorbook read commands against the sim', () => {
  let servers: TestServers;
  let config: ReturnType<typeof writeTestConfig>;
  let sim: SimProcess;
  let trader: SimTrader;
  let env: Record<string, string>;

  beforeAll(async () => {
    servers = await startTestServers();
    config = writeTestConfig();
    sim = await startSimProcess({ ...servers.env }, config.dir);
    trader = new SimTrader(sim.url);
    env = { ...servers.env, CONFIG_DIR: config.dir, SIM_LCD_URL: sim.url, NETWORK: 'sim', HEARTBEAT_INTERVAL_MS: '200' };
  }, 90_000);

  afterAll(async () => {
    await sim?.stop();
    await servers?.stop();
    config?.remove();
  });

  describe('balances', () => {
    it('shows what a wallet whose key is set can spend (its bank balance: nothing in orders yet), in human units', async () => {
      const run = await runCli(['balances', '--wallet', 'w1', '--json'], { ...env, ...writeWalletKeyFile(config.dir, 'w1', KEYS.alice) });
      expect(run.code).toBe(0);
      const [w1] = parseJson(balancesOutput, run).wallets;
      expect(w1).toMatchObject({ wallet: 'w1', address: WALLETS.alice.injAddress, addressSource: 'key' });
      expect(w1?.balances.find((b) => b.denom === 'inj')).toMatchObject({ symbol: 'INJ', bank: '1000' });
      // the default subaccount's free funds are in the bank, as on the chain; its deposits hold only what orders hold
      expect(w1?.balances.find((b) => b.denom === USDT)).toMatchObject({ symbol: 'USDT', bank: '100000', spendable: '100000', available: null, total: null });
    });

    it('reads any address given with --address and prints a table', async () => {
      const run = await runCli(['balances', '--address', WALLETS.bob.injAddress], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(WALLETS.bob.injAddress);
      expect(run.stdout).toMatch(/ASSET\s+SPENDABLE\s+BANK\s+DEPOSIT AVAILABLE\s+DEPOSIT TOTAL/);
      expect(run.stdout).toMatch(/USDT\s+100000\s+100000\s+-\s+-/);
    });

    it('takes the address from WALLET_<ID>_ADDRESS when no key is at hand', async () => {
      const run = await runCli(['balances', '--wallet', 'w2', '--json'], { ...env, WALLET_W2_ADDRESS: WALLETS.bob.injAddress });
      expect(parseJson(balancesOutput, run).wallets[0]).toMatchObject({ address: WALLETS.bob.injAddress, addressSource: 'env' });
    });

    describe('with fees:<wallet> in Redis', () => {
      let redis: Redis;
      let keyEnv: Record<string, string>;
      beforeAll(() => {
        redis = new Redis(servers.redis.url);
        keyEnv = { ...env, ...writeWalletKeyFile(config.dir, 'w1', KEYS.alice) };
      });
      afterEach(async () => {
        await redis.del(redisKeys.fees('w1'));
      });
      afterAll(() => redis?.disconnect());

      it('prints what the wallet spent today, its pace, runway and budget state with the reason, and carries the record in --json', async () => {
        const record = storedFees({}, { state: 'slow', reason: 'fees today 4.01 of 5 INJ, 80 %' });
        await redis.set(redisKeys.fees('w1'), JSON.stringify(record));
        const json = await runCli(['balances', '--wallet', 'w1', '--json'], keyEnv);
        expect(json.code).toBe(0);
        expect(parseJson(balancesOutput, json).wallets[0]?.fees).toEqual({
          status: 'ok',
          record,
          invalid: null,
          lines: ['spent 1.2345 INJ today (38 txs)', '4.1 INJ/day at this pace', 'runway 12.3 days', 'budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)'],
          summary: 'spent 1.2345 INJ today (38 txs) · 4.1 INJ/day at this pace · runway 12.3 days · budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)',
        });
        const text = await runCli(['balances', '--wallet', 'w1'], keyEnv);
        expect(text.code).toBe(0);
        expect(text.stdout).toContain(
          ['FEES  spent 1.2345 INJ today (38 txs)', '      4.1 INJ/day at this pace', '      runway 12.3 days', '      budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)'].join('\n'),
        );
      });

      it('names a paused budget and its reason', async () => {
        await redis.set(redisKeys.fees('w1'), JSON.stringify(storedFees({ todayInj: '5.02' }, { state: 'paused', reason: 'fees today 5.02 of 5 INJ, 100 %' })));
        const run = await runCli(['balances', '--wallet', 'w1'], keyEnv);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('FEES  spent 5.02 INJ today (38 txs)');
        expect(run.stdout).toContain('      budget 5 INJ/day: paused (fees today 5.02 of 5 INJ, 100 %)');
      });

      it('refuses a malformed record: the balances stand, the fees show as unavailable with why', async () => {
        await redis.set(redisKeys.fees('w1'), JSON.stringify({ ...storedFees(), budget: { dailyInj: '5', state: 'broke' } }));
        const run = await runCli(['balances', '--wallet', 'w1', '--json'], keyEnv);
        expect(run.code).toBe(0);
        const [w1] = parseJson(balancesOutput, run).wallets;
        expect(w1?.balances.find((b) => b.denom === 'inj')).toMatchObject({ bank: '1000' });
        expect(w1?.fees).toMatchObject({ status: 'invalid', record: null });
        expect(w1?.fees?.invalid).toMatch(/^budget\.slowAtPct: Required; budget\.state: Invalid enum value/);
        const text = await runCli(['balances', '--wallet', 'w1'], keyEnv);
        expect(text.stdout).toMatch(/FEES {2}fee data unavailable \(invalid record: budget\.slowAtPct: Required/);
        expect(text.stderr).not.toMatch(/\bat \S+ \(/);
      });

      it('says no fee data yet where nothing was written, and has no fees for a bare --address', async () => {
        const run = await runCli(['balances', '--wallet', 'w1'], keyEnv);
        expect(run.stdout).toContain('FEES  no fee data yet');
        const bare = await runCli(['balances', '--address', WALLETS.bob.injAddress, '--json'], env);
        expect(parseJson(balancesOutput, bare).wallets[0]?.fees).toBeNull();
      });
    });

    describe('when nothing says where a wallet lives', () => {
      it('exits 78 naming the ways to tell it', async () => {
        const run = await runCli(['balances', '--wallet', 'w2'], env);
        expect(run.code).toBe(78);
        expect(run.stderr).toContain('no address for wallet w2: set WALLET_W2_ADDRESS');
      });
    });
  });

  describe('orders', () => {
    let spot: Market;
    let hashes: string[];
    /** when the executor recorded the first order: 90 s before it was seeded */
    let createdAt: number;

    beforeAll(async () => {
      spot = await trader.spotMarket(PAIRS.injUsdt.testnetMarketId);
      hashes = await trader.spot(WALLETS.alice, spot, [
        ['buy', '24.5', '1'],
        ['sell', '25.5', '2'],
      ]);
      const redis = new Redis(servers.redis.url);
      createdAt = Date.now() - 90_000;
      const stored = { orderHash: hashes[0], cid: null, side: 'buy', price: '24.5', quantity: '1', createdAt, height: 1 };
      await redis.hset(redisKeys.orders('w1', 'inj-usdt'), hashes[0] as string, JSON.stringify(stored));
      redis.disconnect();
    });

    it('lists the open orders with their distance from the mainnet mid and, where recorded, their age', async () => {
      const ranFrom = Date.now();
      const run = await runCli(['orders', '--wallet', 'w1', '--market', 'inj-usdt', '--json'], { ...env, ...writeWalletKeyFile(config.dir, 'w1', KEYS.alice) });
      const ranUntil = Date.now();
      expect(run.code).toBe(0);
      const { orders } = parseJson(ordersOutput, run);
      expect(orders.map((o) => [o.side, o.price, o.quantity])).toEqual([
        ['sell', '25.5', '2'],
        ['buy', '24.5', '1'],
      ]);
      const [sell, buy] = orders;
      // the sim's "mainnet" INJ/USDT sits at 25 (no volatility): ±2 %
      expect(Number(sell?.distancePct)).toBeCloseTo(2, 1);
      expect(Number(buy?.distancePct)).toBeCloseTo(-2, 1);
      // the age is the CLI's clock minus the recorded createdAt: taken while it ran, however long that was
      expect(buy?.ageMs).toBeGreaterThanOrEqual(ranFrom - createdAt);
      expect(buy?.ageMs).toBeLessThanOrEqual(ranUntil - createdAt);
      expect(sell?.ageMs).toBeNull();
    });

    it('shows a table with the age unknown where nothing recorded it', async () => {
      const run = await runCli(['orders', '--market', 'inj-usdt'], { ...env, ...writeWalletKeyFile(config.dir, 'w1', KEYS.alice), WALLET_W2_ADDRESS: WALLETS.bob.injAddress });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/WALLET\s+MARKET\s+SIDE\s+PRICE\s+QTY\s+VS REF\s+AGE\s+ORDER/);
      expect(run.stdout).toMatch(/w1\s+inj-usdt\s+sell\s+25\.5\s+2\s+\+2\.\d\d%\s+unknown/);
      expect(run.stdout).toMatch(/w1\s+inj-usdt\s+buy\s+24\.5\s+1\s+-2\.\d\d%\s+\d+m\d\ds/);
    });
  });

  describe('positions', () => {
    beforeAll(async () => {
      const perp = await trader.perpMarket(PAIRS.injPerp.testnetMarketId);
      await trader.perp(WALLETS.alice, perp, [['buy', '25', '2']]);
      await trader.perp(WALLETS.bob, perp, [['sell', '25', '2']]);
    });

    it('shows entry, mark, PnL and margin ratio of each position', async () => {
      const run = await runCli(['positions', '--json'], { ...env, ...writeWalletKeyFile(config.dir, 'w1', KEYS.alice), ...writeWalletKeyFile(config.dir, 'w2', KEYS.bob) });
      expect(run.code).toBe(0);
      const { positions } = parseJson(positionsOutput, run);
      expect(positions.map((p) => [p.wallet, p.market, p.side, p.quantity, p.entryPrice])).toEqual([
        ['w1', 'inj-usdt-perp', 'long', '2', '25'],
        ['w2', 'inj-usdt-perp', 'short', '2', '25'],
      ]);
      const long = positions[0];
      expect(long?.markPrice).toBe('25');
      expect(long?.unrealizedPnl).toBe('0');
      // leverage 2: margin = 25 × 2 / 2 = 25 of a 50 notional
      expect(Number(long?.marginRatioPct)).toBeCloseTo(50, 0);
      expect(long?.belowMaintenance).toBe(false);
    });
  });

  describe('compare', () => {
    it('reports the +20 % gap of the mispriced ATOM/USDT testnet book and fails --max-gap 5 with exit 1', async () => {
      const run = await runCli(['compare', '--market', 'atom-usdt', '--max-gap', '5', '--json'], env);
      expect(run.code).toBe(1);
      const out = parseJson(compareOutput, run);
      expect(out.ok).toBe(false);
      const [atom] = out.markets;
      expect(Number(atom?.gapPct)).toBeCloseTo(20, 0);
      expect(atom?.exceedsMaxGap).toBe(true);
      expect(atom?.mainnet?.depth.map((d) => d.withinPct)).toEqual(['1', '2', '5']);
      expect(atom?.mainnet?.depth[2]?.levels).toBeGreaterThan(0);
      // the testnet book sits 20 % away: nothing within 5 % of the mainnet mid
      expect(atom?.testnet?.depth[2]?.levels).toBe(0);
    });

    describe('with the bot\'s orders in Redis', () => {
      let redis: Redis;
      afterAll(async () => {
        await redis?.del(redisKeys.orders('w1', 'atom-usdt'));
        redis?.disconnect();
      });

      it('shows the book quality libs/market measures for the books and orders it read', async () => {
        const lcd = new LcdClient({ baseUrl: sim.url, ratePerSecond: 1000 });
        const testnet = await lcd.getSpotOrderbook(PAIRS.atomUsdt.testnetMarketId, 500);
        const mid = midPrice(testnet)!;
        // w1 within 100 bps of the testnet mid: 5 000 of bids in one order, 2 × 2 500 of asks
        const orders = [
          storedOrder(1, { side: 'buy', price: mid.mul('0.995').toFixed(), quantity: new Dec(5000).div(mid.mul('0.995')).toFixed() }),
          storedOrder(2, { side: 'sell', price: mid.mul('1.005').toFixed(), quantity: new Dec(2500).div(mid.mul('1.005')).toFixed() }),
          storedOrder(3, { side: 'sell', price: mid.mul('1.006').toFixed(), quantity: new Dec(2500).div(mid.mul('1.006')).toFixed() }),
        ];
        redis = new Redis(servers.redis.url);
        await redis.hset(redisKeys.orders('w1', 'atom-usdt'), Object.fromEntries(orders.map((o) => [o.orderHash, JSON.stringify(o)])));

        const run = await runCli(['compare', '--market', 'atom-usdt', '--json'], env);
        expect(run.code).toBe(0);
        const [atom] = parseJson(compareOutput, run).markets;
        const quality = atom!.quality!;
        // the sim's books move between reads: the exact figures are the publisher spec's; here, that compare measures them alike
        expect(quality).toMatchObject({ uptime: { aggregate: true, perOrder: false }, rule: { maxSpreadBps: '100', minDepth: '4000' }, depthScale: '1' });
        expect(Number(quality.trackingErrorBps)).toBeCloseTo(Math.abs(Number(atom!.gapPct)) * 100, 2);
        expect(Number(quality.spreadRatio)).toBeCloseTo(Number(atom!.testnet!.spreadPct) / Number(atom!.mainnet!.spreadPct), 3);
        expect(quality.depth.map((b) => b.bandBps)).toEqual([10, 25, 50, 100, 200, 500]);

        const table = await runCli(['compare', '--market', 'atom-usdt'], env);
        expect(table.stdout).toMatch(/MARKET\s+TRACKING bps\s+SPREAD T\/M\s+DEPTH 10bps B\/A/);
        expect(table.stdout).toMatch(/atom-usdt\s+\d+(\.\d+)?\s+\d+(\.\d+)?\s+/);
        expect(table.stdout).toContain('yes / no');
      });
    });

    describe('with the live window the gateway keeps in quality:<mk>', () => {
      const key = redisKeys.latestQuality('atom-usdt');
      let redis: Redis;
      beforeAll(() => {
        redis = new Redis(servers.redis.url);
      });
      afterAll(async () => {
        await redis?.del(key);
        redis?.disconnect();
      });

      it('prints the window figures beside the instant ones and carries the md.quality payload as is in --json', async () => {
        const window = marketQualitySchema.parse({
          v: 1,
          market: 'atom-usdt',
          windowMs: 60_000,
          ts: Date.now(),
          samples: 12,
          depthScale: '1',
          rule: { maxSpreadBps: '100', minDepth: '4000' },
          figures: {
            trackingErrorRmsBps: '50.254',
            spreadRatio: '2.125',
            depth: [
              { bandBps: 10, depthRatio: { bids: '2.0089944', asks: '2.011' } },
              { bandBps: 25, depthRatio: { bids: '1.5', asks: null } },
            ],
            uptimePct: { aggregate: '97.5', perOrder: '0' },
          },
        });
        await redis.set(key, JSON.stringify(window), 'PX', 600_000);

        const json = await runCli(['compare', '--market', 'atom-usdt', '--json'], env);
        expect(json.code).toBe(0);
        const [atom] = parseJson(compareOutput, json).markets;
        expect(atom?.window).toEqual(window);
        expect(atom?.windowReason).toBeNull();
        // the instant figures are still there beside it
        expect(atom?.quality?.depth.map((b) => b.bandBps)).toEqual([10, 25, 50, 100, 200, 500]);

        const table = await runCli(['compare', '--market', 'atom-usdt'], env);
        expect(table.code).toBe(0);
        expect(table.stdout).toMatch(/MARKET\s+TRACKING bps\s+SPREAD T\/M/);
        expect(table.stdout).toContain(
          'atom-usdt  window (60 s, 12 samples): RMS 50.25 bps, spread ratio 2.125, depth ratio B/A 10bps 2.009/2.011, 25bps 1.5/-, uptime aggregate 97.5 % / per-order 0 %',
        );
      });

      it('says "no live window" where the gateway keeps none (not running), and does not fail', async () => {
        await redis.del(key);
        const json = await runCli(['compare', '--market', 'atom-usdt', '--json'], env);
        expect(json.code).toBe(0);
        const [atom] = parseJson(compareOutput, json).markets;
        expect(atom).toMatchObject({ window: null, windowReason: 'no live window (the gateway publishes it)' });
        expect(atom?.quality).not.toBeNull();

        const table = await runCli(['compare', '--market', 'atom-usdt'], env);
        expect(table.code).toBe(0);
        expect(table.stdout).toContain('atom-usdt  no live window (the gateway publishes it)');
      });

      it('names a value that is not a quality payload instead of showing it', async () => {
        await redis.set(key, JSON.stringify({ v: 1, market: 'atom-usdt' }), 'PX', 600_000);
        const run = await runCli(['compare', '--market', 'atom-usdt', '--json'], env);
        expect(run.code).toBe(0);
        const [atom] = parseJson(compareOutput, run).markets;
        expect(atom?.window).toBeNull();
        expect(atom?.windowReason).toMatch(/^no live window: quality:atom-usdt is not a valid quality payload/);
      });
    });

    it('passes with exit 0 when the gate is wider than the gap', async () => {
      const run = await runCli(['compare', '--market', 'atom-usdt', '--max-gap', '25'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/atom-usdt\s+4\.8\s+/);
      expect(run.stdout).toContain('ok: every gap within 25%');
    });

    it('compares every enabled pair and treats an empty testnet book as failing the gate', async () => {
      const run = await runCli(['compare', '--max-gap', '50', '--json'], env);
      expect(run.code).toBe(1);
      const out = parseJson(compareOutput, run);
      expect(out.markets.map((m) => m.market)).toEqual(['inj-usdt', 'atom-usdt', 'inj-usdt-perp']);
      // INJ/USDT PERP: only the matched orders traded; its testnet book is empty
      expect(out.markets.find((m) => m.market === 'inj-usdt-perp')).toMatchObject({ gapPct: null, exceedsMaxGap: true });
    });
  });

  describe('when the LCD cannot be reached', () => {
    it('exits 4 with one line naming the endpoint', async () => {
      const run = await runCli(['compare', '--market', 'atom-usdt'], { ...env, SIM_LCD_URL: 'http://127.0.0.1:9' });
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('http://127.0.0.1:9');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
