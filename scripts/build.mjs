#!/usr/bin/env node
// @ts-check
// `npm run build`: compiles every app and lib (and the scripts the images run) from TypeScript to
// plain CommonJS in dist/, the same tree as the sources (apps/<app>/src/main.ts →
// dist/apps/<app>/src/main.js, a .js.map beside each file), so a service starts without a
// TypeScript compiler in the process. @swc/core with the options @swc-node/register uses at run
// time (legacy decorators with their metadata for Nest's injection, class fields defined, class
// names kept), so compiled and test runs behave alike; tsconfig.json's `paths` are rewritten into
// relative requires. Types are checked by `npm run typecheck`, not here.
//
//   node scripts/build.mjs             build now
//   node scripts/build.mjs --if-stale  build only when dist/ is missing or older than a source
//
// scripts/start.mjs and the tests that run image commands call it with --if-stale.
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist');
/** Written last: its mtime is the build's. */
const STAMP = join(OUT_DIR, '.build-stamp');
const LOCK = join(ROOT, '.dist.lock');
/** The test harness runs only under jest, as TypeScript, and imports dev-only packages. */
const NOT_BUILT = new Set(['libs/testing']);
/** The scripts the images and `npm start` run (demo keys and genesis, bus identities). */
const RUNTIME_SCRIPTS = ['scripts/demo-wallets.ts', 'scripts/bus-identities.ts'];
/** Files the code reads relative to its own directory at run time: copied as they are. */
const ASSETS = ['libs/market/catalog', 'apps/gateway/web'];

/**
 * Every file under `dir`, directories included (a deleted or added file changes its directory's mtime).
 * @param {string} dir
 * @returns {string[]}
 */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? [path, ...walk(path)] : [path];
  });
}

/** @param {string} path */
const isSpec = (path) => /\.spec\.ts$/.test(path);

/** The project folders compiled: `apps/<app>` and `libs/<lib>` (their `src/`). */
function projects() {
  return ['apps', 'libs']
    .flatMap((group) => readdirSync(join(ROOT, group)).map((name) => `${group}/${name}`))
    .filter((project) => !NOT_BUILT.has(project) && existsSync(join(ROOT, project, 'src')));
}

/** The TypeScript files compiled, absolute paths. */
export function sourceFiles() {
  const sources = projects().flatMap((project) => walk(join(ROOT, project, 'src')));
  return [...sources, ...RUNTIME_SCRIPTS.map((s) => join(ROOT, s))].filter((f) => f.endsWith('.ts') && !isSpec(f));
}

/** Everything whose change makes dist/ out of date: sources, their folders, assets, this script, tsconfig. */
function inputs() {
  const folders = projects().flatMap((project) => [join(ROOT, project, 'src'), ...walk(join(ROOT, project, 'src'))]);
  const assets = ASSETS.flatMap((asset) => [join(ROOT, asset), ...walk(join(ROOT, asset))]);
  return [...folders, ...assets, ...RUNTIME_SCRIPTS.map((s) => join(ROOT, s)), fileURLToPath(import.meta.url), join(ROOT, 'tsconfig.json')];
}

/**
 * Why dist/ must be built, or undefined when it is current.
 * @returns {string | undefined}
 */
export function staleReason() {
  if (!existsSync(STAMP)) return 'dist/ has not been built';
  const built = statSync(STAMP).mtimeMs;
  const newer = inputs().find((path) => statSync(path).mtimeMs > built);
  return newer && `${relative(ROOT, newer)} changed since the last build`;
}

/** @param {string} source */
const outputOf = (source) => join(OUT_DIR, relative(ROOT, source)).replace(/\.ts$/, '.js');

/** swc options for one file: tsconfig.json's paths, resolved from the repository root. */
function swcOptions() {
  /** @type {{ compilerOptions: { paths: Record<string, string[]> } }} */
  const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
  return /** @type {const} */ ({
    swcrc: false,
    configFile: false,
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2022',
      keepClassNames: true,
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      baseUrl: ROOT,
      paths: tsconfig.compilerOptions.paths,
    },
  });
}

/**
 * Compiles one file into `outDir`.
 * @param {typeof import('@swc/core')} swc
 * @param {ReturnType<typeof swcOptions>} options
 * @param {string} source
 * @param {string} outDir
 */
async function compile(swc, options, source, outDir) {
  const target = join(outDir, relative(OUT_DIR, outputOf(source)));
  const { code, map } = await swc.transformFile(source, { ...options, filename: source, sourceFileName: relative(dirname(target), source) });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
  if (map) writeFileSync(`${target}.map`, map);
}

/**
 * Builds into a fresh folder, then swaps it in for dist/ (a reader never sees half a build).
 * @param {(done: number, total: number) => void} [progress]
 * @returns {Promise<{ files: number, ms: number }>}
 */
export async function build(progress = () => {}) {
  const started = Date.now();
  const swc = (await import('@swc/core')).default;
  const options = swcOptions();
  const files = sourceFiles();
  const next = `${OUT_DIR}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  let done = 0;
  // a few at a time: swc compiles on its own threads, this only bounds open files
  for (let i = 0; i < files.length; i += 32) {
    await Promise.all(files.slice(i, i + 32).map((f) => compile(swc, options, f, next)));
    done += Math.min(32, files.length - i);
    progress(done, files.length);
  }
  for (const asset of ASSETS) cpSync(join(ROOT, asset), join(next, asset), { recursive: true, filter: (path) => !isSpec(path) });
  writeFileSync(join(next, '.build-stamp'), `${new Date(started).toISOString()}\n`);
  const old = `${OUT_DIR}.old-${process.pid}`;
  if (existsSync(OUT_DIR)) renameSync(OUT_DIR, old);
  renameSync(next, OUT_DIR);
  rmSync(old, { recursive: true, force: true });
  return { files: files.length, ms: Date.now() - started };
}

/**
 * Builds when dist/ is stale, one process at a time (parallel test files may ask together), on
 * one line: `label(reason)`, a count of the files on a terminal, and how long it took.
 * @param {(reason: string) => string} label
 * @returns {Promise<{ files: number, ms: number } | undefined>} undefined when dist/ was current
 */
export async function buildIfStale(label) {
  const release = await lock();
  try {
    const reason = staleReason();
    if (reason === undefined) return undefined;
    const line = progressLine(label(reason));
    const result = await build(line.update);
    line.end(`${result.files} files in ${(result.ms / 1000).toFixed(1)} s`);
    return result;
  } finally {
    release();
  }
}

/**
 * Takes .dist.lock (O_EXCL); a lock whose process has gone is taken over.
 * @returns {Promise<() => void>} its release
 */
async function lock() {
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(LOCK, { force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      if (!holderAlive()) rmSync(LOCK, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function holderAlive() {
  const pid = Number(readFileSync(LOCK, 'utf8').trim() || NaN);
  if (!Number.isInteger(pid)) return true; // written in a moment
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One line that counts files up in place on a terminal and ends with a summary.
 * @param {string} prefix
 * @param {NodeJS.WriteStream} [stream]
 */
function progressLine(prefix, stream = process.stdout) {
  if (!stream.isTTY) stream.write(prefix);
  return {
    /** @type {(done: number, total: number) => void} */
    update: (done, total) => {
      if (stream.isTTY) stream.write(`\r\x1b[2K${prefix} ${done}/${total} files`);
    },
    /** @param {string} summary */
    end: (summary) => stream.write(`${stream.isTTY ? `\r\x1b[2K${prefix}` : ''} ${summary}\n`),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const label = (/** @type {string} */ reason) => `build: compiling TypeScript to dist/ (${reason}) …`;
  if (process.argv.includes('--if-stale')) {
    if (!(await buildIfStale(label))) process.stdout.write('build: dist/ is up to date\n');
  } else {
    const line = progressLine('build: compiling TypeScript to dist/ …');
    const result = await build(line.update);
    line.end(`${result.files} files in ${(result.ms / 1000).toFixed(1)} s`);
  }
}
