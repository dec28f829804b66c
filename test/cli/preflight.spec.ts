import { writeConfigDir, type ConfigBots } from '@mirrorbook/testing';
import { PAIRS, parseJson, runCli, startSimProcess, type SimProcess } from './cli.harness';
import { preflightOutput } from './cli-output.schemas';

/** A pair whose testnet market the chain does not have (delisted, or a wrong id in config/markets.json). */
const GONE = { ...PAIRS.injUsdt, key: 'gone-usdt', testnetMarketId: `0x${'ab'.repeat(32)}` };
const BOTS: ConfigBots = {
  wallets: [{ id: 'w1', label: 'alice' }],
  bots: [{ id: 'b1', wallet: 'w1', markets: ['inj-usdt', 'inj-usdt-perp', 'gone-usdt'], params: {}, enabled: true }],
};

describe('mirrorbook preflight against the sim', () => {
  const config = writeConfigDir({ markets: [PAIRS.injUsdt, PAIRS.injPerp, GONE], bots: BOTS });
  const sims: SimProcess[] = [];
  const envFor = (sim: SimProcess) => ({ CONFIG_DIR: config.dir, SIM_LCD_URL: sim.url, NETWORK: 'sim' });

  afterAll(async () => {
    for (const sim of sims) await sim.stop();
    config.remove();
  });

  it('reports fixed gas off and the simulate gas source, the gas price, and names the market the chain does not have', async () => {
    const sim = await startSimProcess({}, config.dir);
    sims.push(sim);
    const run = await runCli(['preflight', '--json'], envFor(sim));
    const out = parseJson(preflightOutput, run);
    expect(run.code).toBe(1);
    const byName = new Map(out.checks.map((c) => [c.name, c]));
    expect(byName.get('chain-id')).toMatchObject({ ok: true });
    expect(byName.get('exchange-params')).toMatchObject({ ok: true, detail: expect.stringContaining('fixed gas off: gas limits from simulate × 1.3') });
    expect(byName.get('gas-price')).toMatchObject({ ok: true, detail: expect.stringContaining('160000000 inj per gas') });
    expect(byName.get('market:inj-usdt:exists')).toMatchObject({ ok: true });
    expect(byName.get('market:inj-usdt:symbols')).toMatchObject({ ok: true, detail: 'INJ/USDT' });
    expect(byName.get('market:inj-usdt-perp:mark')).toMatchObject({ ok: true });
    expect(out.failed).toEqual(['market:gone-usdt:exists']);
    expect(byName.get('market:gone-usdt:exists')?.detail).toMatch(/not readable/);
  }, 90_000);

  it('names a chain id that is not the one NETWORK expects, in the table too', async () => {
    const sim = await startSimProcess({ SIM_CHAIN_ID: 'injective-888' }, config.dir);
    sims.push(sim);
    const run = await runCli(['preflight'], envFor(sim));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/chain-id\s+FAIL\s+the node reports chain id injective-888, NETWORK=sim expects injective-sim-1/);
    expect(run.stdout).toContain('FAIL: chain-id, market:gone-usdt:exists');
  }, 90_000);

  it('names a derivative whose testnet mark has drifted from the reference, and one without a mark', async () => {
    const sim = await startSimProcess({}, config.dir);
    sims.push(sim);
    const mark = (body: Record<string, unknown>) =>
      fetch(`${sim.url}/sim/admin/mark`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ marketId: PAIRS.injPerp.testnetMarketId, ...body }) });
    // a stale oracle: 20 % under the reference 25
    expect((await mark({ mode: 'fixed', price: '20' })).status).toBe(200);
    const drifted = parseJson(preflightOutput, await runCli(['preflight', '--json'], envFor(sim)));
    expect(drifted.failed).toEqual(['market:inj-usdt-perp:mark', 'market:gone-usdt:exists']);
    expect(drifted.checks.find((c) => c.name === 'market:inj-usdt-perp:mark')?.detail).toMatch(/mark 20 is 20 % from the reference 25/);
    // no mark at all: the chain would refuse every order of the market
    expect((await mark({ mode: 'none' })).status).toBe(200);
    const missing = await runCli(['preflight', '--json'], envFor(sim));
    expect(missing.code).toBe(1);
    expect(parseJson(preflightOutput, missing).failed).toContain('market:inj-usdt-perp:mark');
  }, 90_000);

  it('refuses mainnet', async () => {
    const run = await runCli(['preflight', '--network', 'mainnet'], { CONFIG_DIR: config.dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('mainnet is read-only');
  });
});
