/**
 * Writes `test/fixtures/injective-routes.json`: the REST route templates of the Injective and
 * Cosmos query/tx services mirrorbook uses, read from the installed `@injectivelabs/core-proto-ts-v2`
 * (generated from the injective-core and cosmos-sdk protos), with the package version and the
 * integrity package-lock.json pins. Run after upgrading the package:
 *
 *   node -r @swc-node/register scripts/vendor-injective-routes.ts
 *
 * The contract tests (test/contract/) check every path the code builds, and every route the
 * simulator serves, against this file, and the file against the installed package.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROTO_PACKAGE, PROTO_SERVICES, installedProtoRoutes } from './injective-routes/proto-routes';

const ROOT = join(__dirname, '..');
export const ROUTES_FIXTURE = join(ROOT, 'test', 'fixtures', 'injective-routes.json');

function packageSource(): Record<string, string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; integrity: string; resolved?: string }> };
  const entry = lock.packages[`node_modules/${PROTO_PACKAGE}`];
  if (!entry) throw new Error(`${PROTO_PACKAGE} is not in package-lock.json`);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', PROTO_PACKAGE, 'package.json'), 'utf8')) as { repository?: { url?: string } };
  return { package: PROTO_PACKAGE, version: entry.version, integrity: entry.integrity, repository: manifest.repository?.url ?? 'unknown' };
}

function main(): void {
  const pkg = packageSource();
  const fixture = {
    about: 'google.api.http route templates of the services below, as generated from the injective-core and cosmos-sdk protos; written by scripts/vendor-injective-routes.ts',
    source: { ...pkg, services: PROTO_SERVICES.map((s) => ({ service: `${s.module}.js#${s.exportName}`, proto: s.proto })) },
    routes: installedProtoRoutes(),
  };
  writeFileSync(ROUTES_FIXTURE, `${JSON.stringify(fixture, null, 2)}\n`);
  process.stdout.write(`vendor-injective-routes: ${fixture.routes.length} routes of ${PROTO_SERVICES.length} services from ${pkg.package}@${pkg.version} → ${ROUTES_FIXTURE}\n`);
}

if (require.main === module) main();
