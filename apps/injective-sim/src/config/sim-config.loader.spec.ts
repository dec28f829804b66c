import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimConfigError } from './sim-config.error';
import { loadSimConfig, parseSimConfig } from './sim-config.loader';

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof SimConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a SimConfigError');
}

describe('loadSimConfig', () => {
  describe('without a config file or environment', () => {
    it('uses the defaults', () => {
      const config = loadSimConfig({ env: {}, cwd: tempDir() });
      expect(config).toMatchObject({ chainId: 'injective-sim-1', host: '127.0.0.1', port: 7700, blockMs: 700, minGasPrice: 160000000n });
      expect(config.genesis.accounts).toEqual([]);
    });
  });

  describe('with config/sim.json and SIM_* variables', () => {
    it('reads the file and lets the environment override it', () => {
      const dir = tempDir();
      const file = join(dir, 'sim.json');
      writeFileSync(file, JSON.stringify({ blockMs: 300, seed: 'file-seed', chainId: 'from-file' }));
      const config = loadSimConfig({ env: { SIM_CONFIG: file, SIM_PORT: '0', SIM_BLOCK_MS: '0' }, cwd: dir });
      expect(config).toMatchObject({ port: 0, blockMs: 0, chainId: 'from-file', seed: 'file-seed' });
    });
  });

  describe('when a value is invalid', () => {
    it('names the environment variable and the field', () => {
      expect(problemsOf(() => loadSimConfig({ env: { SIM_BLOCK_MS: 'fast' }, cwd: tempDir() }))).toEqual([
        'SIM_BLOCK_MS (blockMs): Expected number, received string',
      ]);
    });

    it('names the file and the field path', () => {
      const dir = tempDir();
      const file = join(dir, 'sim.json');
      writeFileSync(file, JSON.stringify({ genesis: { accounts: [{ address: 'inj1nope', balances: {} }] } }));
      const [problem] = problemsOf(() => loadSimConfig({ env: { SIM_CONFIG: file }, cwd: dir }));
      expect(problem).toContain('genesis.accounts[0].address');
    });

    it('reports a named file that does not exist and a file that is not JSON', () => {
      expect(problemsOf(() => loadSimConfig({ env: { SIM_CONFIG: 'missing.json' }, cwd: tempDir() }))[0]).toContain('file not found');
      const dir = tempDir();
      writeFileSync(join(dir, 'bad.json'), '{ nope');
      expect(problemsOf(() => loadSimConfig({ env: { SIM_CONFIG: 'bad.json' }, cwd: dir }))[0]).toContain('invalid JSON');
    });

    it('refuses unknown fields', () => {
      expect(problemsOf(() => parseSimConfig({ blockTime: 5 }))[0]).toContain('blockTime');
    });
  });

  describe('parseSimConfig', () => {
    it('accepts an already parsed config again', () => {
      const once = parseSimConfig({ port: 0, faults: { latencyMs: 5 } });
      expect(parseSimConfig(once)).toEqual(once);
    });

    it('keeps an explicit exchange seed beside the top-level seed', () => {
      expect(parseSimConfig({ seed: 'top', exchange: { seed: 'own' } })).toMatchObject({ seed: 'top', exchange: { seed: 'own' } });
    });
  });
});
