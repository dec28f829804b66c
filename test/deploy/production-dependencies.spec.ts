import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCompiled, REPO_ROOT } from '@mirrorbook/testing';
import { loadComposeFile, loadComposeProject, repoText, type ComposeService } from './support/compose.model';
import { loadDockerfile, startCommand } from './support/dockerfile.model';

// The images install `dependencies` only (npm ci --omit=dev) and run dist/: what the compiled code
// requires must be there, and what only compiles, tests or lints must not.

const pkg = JSON.parse(repoText('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const lock = JSON.parse(repoText('package-lock.json')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
const COMPILERS = ['@swc-node/register', '@swc/core', 'typescript'];
/** Production dependencies the compiled code does not require by name, and why they are needed. */
const LOADED_INDIRECTLY: Record<string, string> = {
  '@nestjs/platform-express': "NestFactory loads the HTTP adapter by name (a peer of @nestjs/core)",
  'pino-http': 'a peer of nestjs-pino, which requires it',
  'lightweight-charts': 'bundled into the dashboard by esbuild when the gateway starts (apps/gateway/web)',
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The packages a compiled file requires or imports by name (`@scope/name` or `name`). */
function packagesRequiredBy(text: string): string[] {
  const specifiers = [...text.matchAll(/\b(?:require|import)\(\s*(['"])([^'"]+)\1\s*\)/g)].map((m) => m[2]);
  return specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('/')).map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/'));
}

function isBuiltin(name: string): boolean {
  return name.startsWith('node:') || builtinModules.includes(name);
}

/** Every command an image runs: Dockerfile targets, and each compose service's own command. */
function imageCommands(): { where: string; command: string[] }[] {
  const dockerfile = loadDockerfile();
  const targets = dockerfile.stages.map((s) => s.name).filter((name) => startCommand(dockerfile, name).length > 0);
  const composeFiles = [
    loadComposeProject(),
    ...readdirSync(join(REPO_ROOT, 'deploy', 'scale')).filter((f) => /^compose.*\.ya?ml$/.test(f)).map((f) => loadComposeFile(join('deploy', 'scale', f))),
  ];
  const words = (part: string[] | string | undefined) => (typeof part === 'string' ? part.split(/\s+/) : (part ?? []));
  const own = (service: ComposeService) => [...words(service.entrypoint), ...words(service.command)];
  return [
    ...targets.map((name) => ({ where: `Dockerfile target ${name}`, command: startCommand(dockerfile, name) })),
    ...composeFiles.flatMap((file) => Object.entries(file.services).map(([name, service]) => ({ where: `compose service ${name}`, command: own(service) }))),
  ].filter(({ command }) => command.length > 0);
}

describe('production dependencies', () => {
  let required: Set<string>;

  beforeAll(() => {
    ensureCompiled();
    const compiled = files(join(REPO_ROOT, 'dist')).filter((f) => f.endsWith('.js'));
    required = new Set(compiled.flatMap((f) => packagesRequiredBy(readFileSync(f, 'utf8'))).filter((name) => !isBuiltin(name)));
  }, 120_000);

  it('leave the compilers to the dev dependencies', () => {
    for (const name of COMPILERS) {
      expect({ name, production: name in pkg.dependencies, dev: name in pkg.devDependencies }).toEqual({ name, production: false, dev: true });
      // typescript stays devOptional: viem, abitype and ox declare it an optional peer
      const entry = lock.packages[`node_modules/${name}`];
      expect({ name, devOnly: entry?.dev === true || entry?.devOptional === true }).toEqual({ name, devOnly: true });
    }
  });

  it('hold every package the compiled code requires, and no compiler', () => {
    const missing = [...required].filter((name) => !(name in pkg.dependencies));
    expect(missing).toEqual([]);
    expect([...required].filter((name) => COMPILERS.includes(name) || name.startsWith('@swc'))).toEqual([]);
  });

  it('hold nothing the compiled code does not use', () => {
    const unused = Object.keys(pkg.dependencies).filter((name) => !required.has(name) && !(name in LOADED_INDIRECTLY));
    expect(unused).toEqual([]);
  });

  it('are none of them dev-only in the lockfile', () => {
    const devOnly = Object.keys(pkg.dependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(devOnly).toEqual([]);
  });
});

describe('image commands', () => {
  it.each(imageCommands().map((c) => [c.where, c.command] as const))('%s runs compiled code: %j', (_where, command) => {
    expect(command).not.toContain('-r');
    expect(command.join(' ')).not.toMatch(/@swc-node\/register|ts-node|\.ts\b/);
    expect(command.filter((arg) => /\.(m?js)$/.test(arg)).every((arg) => /^(dist\/|deploy\/docker\/)/.test(arg))).toBe(true);
  });

  it.each(readdirSync(join(REPO_ROOT, 'deploy', 'docker')))('deploy/docker/%s starts no TypeScript', (file) => {
    const text = repoText(join('deploy', 'docker', file));
    expect(text).not.toMatch(/@swc-node\/register|ts-node/);
    expect(text).not.toMatch(/['"][^'"\s]+\.ts['"]/);
  });
});
