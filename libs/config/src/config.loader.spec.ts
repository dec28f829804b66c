import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeConfigDir, type ConfigDir } from '@mirrorbook/testing';
import { ConfigError } from './config.error';
import { loadConfig } from './config.loader';

describe('loadConfig', () => {
  let config: ConfigDir;
  let dir: string;

  beforeEach(() => {
    // a copy of the shipped config
    config = writeConfigDir();
    dir = config.dir;
  });
  afterEach(() => config.remove());

  const edit = (file: string, change: (json: any) => void) => {
    const path = join(dir, file);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    change(json);
    writeFileSync(path, JSON.stringify(json, null, 2));
  };
  const problemsOf = (env: NodeJS.ProcessEnv = {}): string[] => {
    try {
      loadConfig({ CONFIG_DIR: dir, ...env });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  describe('when the shipped config is used', () => {
    it('parses the markets, wallets, bots and strategy defaults', () => {
      const config = loadConfig({ CONFIG_DIR: dir });
      expect(config.markets.map((m) => m.key)).toContain('inj-usdt');
      expect(config.bots.length).toBeGreaterThan(0);
      expect(config.strategyDefaults.bookBuilding.tiers).toHaveLength(6);
      expect(config.env.NETWORK).toBe('sim');
    });
  });

  describe('when a bot names an unknown market', () => {
    it('names the file, the path and the market', () => {
      edit('bots.json', (j) => (j.bots[1].markets = ['inj-usdx']));
      expect(problemsOf()).toEqual([`${join(dir, 'bots.json')}:27: bots[1].markets[0]: unknown market "inj-usdx"`]);
    });
  });

  describe('when a bot names an unknown wallet', () => {
    it('names the wallet', () => {
      edit('bots.json', (j) => (j.bots[0].wallet = 'nobody'));
      expect(problemsOf()).toEqual([`${join(dir, 'bots.json')}:15: bots[0].wallet: unknown wallet "nobody"`]);
    });
  });

  describe('when a market id is not 32-byte hex', () => {
    it('names the field', () => {
      edit('markets.json', (j) => (j.markets[0].testnetMarketId = '0x1234'));
      expect(problemsOf()).toEqual([
        `${join(dir, 'markets.json')}:7: markets[0].testnetMarketId: must be 0x followed by 64 hex digits`,
      ]);
    });
  });

  describe('when a strategy number is written as a float', () => {
    it('rejects it: money values are decimal strings', () => {
      edit('strategy.json', (j) => (j.baseSize = 1.5));
      expect(problemsOf()).toEqual([`${join(dir, 'strategy.json')}:2: baseSize: Expected string, received number`]);
    });
  });

  describe('when a bot override is out of shape', () => {
    it('names the bot, the market and the field', () => {
      edit('bots.json', (j) => (j.bots[0].params = { maintenance: { perSide: { min: 9, max: 3 } } }));
      const problems = problemsOf();
      expect(problems).toHaveLength(2);
      expect(problems[0]).toBe(
        `${join(dir, 'bots.json')}:22: bots[0].params (on inj-usdt): maintenance.perSide: min must not exceed max`,
      );
    });
  });

  describe('when a strategy parameter is above its bound', () => {
    it('stops at start naming the file, the line and each field of strategy.json', () => {
      edit('strategy.json', (j) => {
        j.bookBuilding.tiers[0].levels = 2e9;
        j.intentTtlMs = 1e15;
        j.baseSize = '1000000000';
      });
      expect(problemsOf()).toEqual([
        `${join(dir, 'strategy.json')}:2: baseSize: must be at most 1000000`,
        `${join(dir, 'strategy.json')}:42: bookBuilding.tiers[0].levels: must be at most 100`,
        `${join(dir, 'strategy.json')}:133: intentTtlMs: must be at most 60000 (the executor refuses longer-lived intents)`,
      ]);
    });

    it("names the market's strategy in markets.json, not the bots that trade it", () => {
      edit('markets.json', (j) => (j.markets[1].strategy = { baseSize: '1000000000' }));
      expect(problemsOf()).toEqual([`${join(dir, 'markets.json')}:21: markets[1].strategy: baseSize: must be at most 1000000`]);
    });

    it("names a bot's cross-field mistake in bots.json", () => {
      edit('bots.json', (j) => (j.bots[1].params = { maintenance: { gapBelowPct: '20' } }));
      expect(problemsOf()).toEqual([`${join(dir, 'bots.json')}:31: bots[1].params (on inj-usdt-perp): maintenance.gapBelowPct: must be below marketMoving.gapAbovePct (15)`]);
    });
  });

  describe('when an environment variable is invalid', () => {
    it('names the variable', () => {
      expect(problemsOf({ NATS_URL: 'http://localhost:4222' })).toEqual(['env: NATS_URL: must use nats: or tls:']);
      expect(problemsOf({ NETWORK: 'mainnet' })[0]).toMatch(/^env: NETWORK: Invalid enum value/);
    });
  });

  describe('when a file is missing or not JSON', () => {
    it('says which', () => {
      rmSync(join(dir, 'strategy.json'));
      writeFileSync(join(dir, 'markets.json'), '{ nope');
      const problems = problemsOf();
      expect(problems[0]).toMatch(new RegExp(`^${join(dir, 'markets.json')}: not valid JSON`));
      expect(problems[1]).toBe(`${join(dir, 'strategy.json')}: file not found`);
    });
  });

  describe('when ids repeat', () => {
    it('reports each duplicate', () => {
      edit('bots.json', (j) => j.bots.push({ ...j.bots[0] }));
      expect(problemsOf()).toContain(`${join(dir, 'bots.json')}:34: bots: duplicate id "spot-inj"`);
    });
  });
});
