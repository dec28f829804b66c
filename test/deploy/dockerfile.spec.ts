import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, serviceNodeFlags } from '@mirrorbook/testing';
import { repoText } from './support/compose.model';
import { effective, environment, healthcheckCommand, lineage, loadDockerfile, stage, startCommand } from './support/dockerfile.model';

const dockerfile = loadDockerfile();
const APPS = readdirSync(join(REPO_ROOT, 'apps')).filter((app) => existsSync(join(REPO_ROOT, 'apps', app, 'src', 'main.ts')));
const SERVICE_APPS = APPS.filter((app) => app !== 'cli');

describe('Dockerfile', () => {
  describe('base image', () => {
    it('is a slim Node 20 image at 20.19 or later (the Injective SDK needs it)', () => {
      const base = stage(dockerfile, 'base').from;
      const match = /^node:(\d+)\.(\d+)(?:\.\d+)?-slim(?:@sha256:[0-9a-f]{64})?$/.exec(base);
      expect(match).not.toBeNull();
      const [major, minor] = [Number(match![1]), Number(match![2])];
      expect(major).toBe(20);
      expect(minor).toBeGreaterThanOrEqual(19);
    });
  });

  describe('dependencies', () => {
    it('installs production dependencies only for the runtime, from the lockfile', () => {
      const installs = dockerfile.stages.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN' && /\bnpm (ci|install|i)\b/.test(i.args)).map((i) => ({ stage: s.name, args: i.args })));
      expect(installs.map((i) => i.stage).sort()).toEqual(['build', 'deps']);
      for (const install of installs) expect(install.args).toMatch(/\bnpm ci\b/);
      expect(installs.find((i) => i.stage === 'deps')?.args).toMatch(/--omit=dev\b/);
    });

    it('gives the runtime the node_modules of the production install and only dist/ from the build', () => {
      const runtime = stage(dockerfile, 'runtime');
      const fromStages = runtime.instructions.filter((i) => i.keyword === 'COPY' && i.args.includes('--from='));
      expect(fromStages.map((c) => c.args)).toEqual(['--from=deps /app/node_modules ./node_modules', '--from=build /app/dist ./dist']);
      expect(lineage(dockerfile, 'runtime').map((s) => s.name)).not.toContain('build');
    });

    it('compiles in the build stage with scripts/build.mjs', () => {
      expect(stage(dockerfile, 'build').instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args)).toContain('node scripts/build.mjs');
    });
  });

  describe('targets', () => {
    it.each(APPS)('has a target for %s that starts the compiled apps/%s/src/main.ts with the Node flags of scripts/node-flags.json', (app) => {
      const command = startCommand(dockerfile, app);
      const flags = serviceNodeFlags();
      expect(flags.some((flag) => flag.startsWith('--max-semi-space-size='))).toBe(true);
      expect(command.slice(0, flags.length + 2)).toEqual(['node', ...flags, `dist/apps/${app}/src/main.js`]);
      expect(lineage(dockerfile, app).map((s) => s.name)).toContain('runtime');
    });

    it.each(SERVICE_APPS)('sets a default HTTP_PORT for %s and exposes it', (app) => {
      const port = environment(dockerfile, app).HTTP_PORT;
      expect(port).toMatch(/^\d+$/);
      expect(stage(dockerfile, app).instructions.filter((i) => i.keyword === 'EXPOSE').map((i) => i.args)).toEqual([port]);
    });

    it('builds the gateway when no target is named (the last stage)', () => {
      expect(dockerfile.stages[dockerfile.stages.length - 1].name).toBe('gateway');
    });
  });

  describe('runtime', () => {
    it.each(APPS)('runs %s as a non-root user', (app) => {
      const user = effective(dockerfile, app, 'USER');
      expect(user).toBeDefined();
      expect(user).not.toMatch(/^(root|0)(:|$)/);
    });

    it('listens on every interface of the container', () => {
      expect(environment(dockerfile, 'runtime').HTTP_HOST).toBe('0.0.0.0');
    });

    it.each(SERVICE_APPS)('checks the health of %s on /health with Node (no curl in slim images)', (app) => {
      const command = healthcheckCommand(dockerfile, app);
      expect(command?.slice(0, 2)).toEqual(['node', '-e']);
      expect(command?.[2]).toMatch(/fetch\(.*\/health'/);
      expect(command?.[2]).toContain('process.env.HTTP_PORT');
    });

    it('copies only what the apps need from the context, never an environment file, key or local state', () => {
      const sources = dockerfile.stages
        .flatMap((s) => s.instructions.filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.args.includes('--from=')))
        .flatMap((i) => i.args.split(' ').filter((a) => !a.startsWith('--')).slice(0, -1));
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) {
        expect(source).not.toMatch(/^\.$|^\.\/?$|\.env|secrets|\.data|\.git|node_modules$/);
        expect(existsSync(join(REPO_ROOT, source))).toBe(true);
      }
    });
  });

  describe('secrets', () => {
    it('declares no ARG or ENV that looks like a secret and holds no key material', () => {
      const text = repoText('Dockerfile');
      for (const s of dockerfile.stages) {
        for (const i of s.instructions.filter((x) => x.keyword === 'ARG' || x.keyword === 'ENV')) {
          expect(i.args).not.toMatch(/(PASSWORD|TOKEN|SECRET|PRIVATE_KEY|MNEMONIC)/i);
        }
      }
      expect(text).not.toMatch(/(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/);
    });
  });
});

describe('.dockerignore', () => {
  const entries = repoText('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it.each(['node_modules', '.data', '.git', 'secrets', '.env', '.env.*'])('keeps %s out of the build context', (entry) => {
    expect(entries).toContain(entry);
  });

  it('lets in every path the Dockerfile copies', () => {
    const ignoredRoots = new Set(entries.filter((e) => !e.startsWith('!') && !e.includes('*')));
    const reincluded = new Set(entries.filter((e) => e.startsWith('!')).map((e) => e.slice(1)));
    const sources = dockerfile.stages
      .flatMap((s) => s.instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from=')))
      .flatMap((i) => i.args.split(' ').filter((a) => !a.startsWith('--')).slice(0, -1));
    for (const source of sources) {
      const blockedBy = [...ignoredRoots].find((root) => (source === root || source.startsWith(`${root}/`)) && !reincluded.has(source));
      expect({ source, blockedBy }).toEqual({ source, blockedBy: undefined });
    }
  });
});
