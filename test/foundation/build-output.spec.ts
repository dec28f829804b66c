import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCompiled, REPO_ROOT } from '@mirrorbook/testing';

// `npm run build` (scripts/build.mjs): what the images and `npm start` run.

const APPS = readdirSync(join(REPO_ROOT, 'apps')).filter((app) => existsSync(join(REPO_ROOT, 'apps', app, 'src', 'main.ts')));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('the compiled output (dist/)', () => {
  let compiled: string[];

  beforeAll(() => {
    ensureCompiled();
    compiled = files(join(REPO_ROOT, 'dist')).filter((f) => f.endsWith('.js'));
  }, 120_000);

  it.each(APPS)('has the entry of %s with its source map', (app) => {
    const main = join(REPO_ROOT, 'dist', 'apps', app, 'src', 'main.js');
    expect(readFileSync(main, 'utf8')).toMatch(/\/\/# sourceMappingURL=main\.js\.map\n$/);
    expect(JSON.parse(readFileSync(`${main}.map`, 'utf8')).sources).toEqual(['../../../../apps/' + app + '/src/main.ts']);
  });

  it('resolves every @mirrorbook/* alias to a relative require and requires no TypeScript file', () => {
    const unresolved = compiled.filter((f) => /require\(["']@mirrorbook\/|require\(["'][^"']+\.ts["']\)/.test(readFileSync(f, 'utf8')));
    expect(unresolved).toEqual([]);
  });

  it("keeps Nest's constructor metadata (injection by type)", () => {
    const tenures = readFileSync(join(REPO_ROOT, 'dist', 'apps', 'executor', 'src', 'lease', 'executor.tenures.js'), 'utf8');
    expect(tenures).toContain('"design:paramtypes"');
  });

  it('leaves out specs and the test harness', () => {
    expect(compiled.filter((f) => f.endsWith('.spec.js') || f.includes('/dist/libs/testing/'))).toEqual([]);
  });

  it('says so when it is current and builds nothing', () => {
    expect(execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: REPO_ROOT, encoding: 'utf8' })).toBe('build: dist/ is up to date\n');
  });
});
