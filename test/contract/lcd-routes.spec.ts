import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { installedProtoRoutes, matchesRoute, type ProtoRoute } from '../../scripts/injective-routes/proto-routes';
import { SIM_LCD_CONTROLLERS, simRoutesOf } from '../support/injective-sim.harness';

const ROOT = join(__dirname, '..', '..');
const fixture = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'injective-routes.json'), 'utf8')) as { routes: ProtoRoute[] };

/** Source files of the apps and libs that talk to a node (the simulator serves; it does not build paths). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * Every LCD path literal in the code (`'/injective/…'`, `` `/cosmos/…/${x}` ``), with each
 * interpolation as one segment and without its query string. Type URLs (`/cosmos.auth.…`) have no
 * slash after the module name and are not paths.
 */
function builtPaths(): { file: string; path: string }[] {
  const found: { file: string; path: string }[] = [];
  const files = ['apps', 'libs'].flatMap((d) => sourceFiles(join(ROOT, d))).filter((f) => !f.includes(join('apps', 'injective-sim')));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['`](\/(?:injective|cosmos)\/[^'`\s]*)['`]/g)) {
      const path = m[1]!.replace(/\$\{[^}]*\}/g, 'X').split('?')[0]!;
      found.push({ file: relative(ROOT, file), path });
    }
  }
  return found;
}

describe('contract: LCD routes against the services Injective defines (test/fixtures/injective-routes.json)', () => {
  it('the vendored routes are those of the installed @injectivelabs/core-proto-ts-v2 (re-vendor after an upgrade)', () => {
    expect(fixture.routes).toEqual(installedProtoRoutes());
  });

  it('every path the adapter, the apps and the cli build matches a route', () => {
    const paths = builtPaths();
    // the adapter's reads, the cli's, the txs: far more than a handful, so the scan did find them
    expect(paths.length).toBeGreaterThanOrEqual(12);
    const unmatched = paths.filter((p) => !fixture.routes.some((r) => matchesRoute(p.path, r.path)));
    expect(unmatched).toEqual([]);
  });

  it('every route the simulator serves exists there, with its verb', () => {
    const served = simRoutesOf(SIM_LCD_CONTROLLERS);
    expect(served.length).toBeGreaterThanOrEqual(20);
    const unknown = served.filter((s) => {
      const concrete = s.path.replace(/:[A-Za-z]+/g, 'x');
      return !fixture.routes.some((r) => r.verb === s.verb && matchesRoute(concrete, r.path));
    });
    expect(unknown).toEqual([]);
  });

  it('matches a template segment by segment, not by prefix', () => {
    expect(matchesRoute('/injective/exchange/v2/spot/orderbook/0xab', '/injective/exchange/v2/spot/orderbook/{market_id}')).toBe(true);
    expect(matchesRoute('/injective/exchange/v2/spot/orderbook/0xab/extra', '/injective/exchange/v2/spot/orderbook/{market_id}')).toBe(false);
    expect(matchesRoute('/injective/exchange/v2/spot/orderbook', '/injective/exchange/v2/spot/orderbook/{market_id}')).toBe(false);
    expect(matchesRoute('/injective/exchange/v2/exchange/subaccountDeposits', '/injective/exchange/v2/exchange/subaccountDeposit')).toBe(false);
  });
});
