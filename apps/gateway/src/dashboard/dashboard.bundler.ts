import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

/** The dashboard's sources (plain TypeScript and CSS, no framework). */
export const WEB_DIR = join(__dirname, '..', '..', 'web');

/** The bundled dashboard, held in memory. */
export interface DashboardBundle {
  js: string;
  css: string;
  /** content hash, for ETag */
  version: string;
}

// one build per process however many gateway apps it hosts (tests), so the esbuild service can stop after it
let shared: Promise<DashboardBundle> | undefined;

async function build(): Promise<DashboardBundle> {
  const esbuild = await import('esbuild');
  try {
    const result = await esbuild.build({
      entryPoints: [join(WEB_DIR, 'main.ts'), join(WEB_DIR, 'styles.css')],
      bundle: true,
      write: false,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      outdir: '/dashboard',
      legalComments: 'none',
      logLevel: 'silent',
    });
    const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
    const [js, css] = [text('.js'), text('.css')];
    return { js, css, version: createHash('sha256').update(js).update(css).digest('hex').slice(0, 16) };
  } finally {
    await esbuild.stop();
  }
}

/**
 * Bundles `apps/gateway/web/` with esbuild into memory when the gateway starts (lightweight-charts
 * comes from node_modules into the bundle: nothing is loaded from a CDN).
 */
@Injectable()
export class DashboardBundler implements OnApplicationBootstrap {
  private readonly logger = new Logger(DashboardBundler.name);

  onApplicationBootstrap(): void {
    const started = Date.now();
    this.bundle().then(
      (b) => this.logger.log(`dashboard bundled in ${Date.now() - started} ms (${Math.round(b.js.length / 1024)} KiB js)`),
      (error: Error) => this.logger.error(`dashboard bundle failed: ${error.message}`),
    );
  }

  /** The bundle; a failed build is retried on the next call. */
  bundle(): Promise<DashboardBundle> {
    shared ??= build().catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
    return shared;
  }
}
