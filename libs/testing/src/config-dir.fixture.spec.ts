import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@mirrorbook/config';
import { REPO_ROOT } from './app.launcher';
import { NO_BOTS, repoConfigPairs, writeConfigDir, type ConfigDir } from './config-dir.fixture';

const repoFile = (file: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'config', file), 'utf8'));
const dirFile = (config: ConfigDir, file: string) => JSON.parse(readFileSync(config.path(file), 'utf8'));

describe('writeConfigDir', () => {
  let config: ConfigDir | undefined;
  afterEach(() => config?.remove());

  describe('with no options', () => {
    it("holds the repository's markets, bots and strategy, and no sim.json", () => {
      config = writeConfigDir();
      for (const file of ['markets.json', 'bots.json', 'strategy.json']) expect(dirFile(config, file)).toEqual(repoFile(file));
      expect(existsSync(config.path('sim.json'))).toBe(false);
    });
  });

  describe('with every file given', () => {
    it('writes them as given, and the config loads', () => {
      const markets = repoConfigPairs(['inj-usdt']);
      config = writeConfigDir({ markets, bots: NO_BOTS, strategy: {}, sim: { blockMs: 0 } });
      expect(dirFile(config, 'markets.json')).toEqual({ markets });
      expect(dirFile(config, 'bots.json')).toEqual(NO_BOTS);
      expect(dirFile(config, 'strategy.json')).toEqual({});
      expect(dirFile(config, 'sim.json')).toEqual({ blockMs: 0 });
      expect(loadConfig({ CONFIG_DIR: config.dir }).markets.map((m) => m.key)).toEqual(['inj-usdt']);
    });
  });

  it('removes the whole dir', () => {
    config = writeConfigDir();
    config.remove();
    expect(existsSync(config.dir)).toBe(false);
  });
});

describe('repoConfigPairs', () => {
  it('returns the pairs asked for in that order', () => {
    expect(repoConfigPairs(['inj-usdt-perp', 'inj-usdt']).map((p) => p.key)).toEqual(['inj-usdt-perp', 'inj-usdt']);
  });

  it('refuses a key config/markets.json does not list', () => {
    expect(() => repoConfigPairs(['inj-usdx'])).toThrow('config/markets.json has no pair inj-usdx');
  });
});
