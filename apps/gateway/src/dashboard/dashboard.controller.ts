import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DashboardBundler, WEB_DIR, type DashboardBundle } from './dashboard.bundler';

const INDEX = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');

/** The dashboard page at `/` and its bundled assets; always public (the token is entered on the page). */
@ApiExcludeController()
@Controller()
export class DashboardController {
  constructor(private readonly bundler: DashboardBundler) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  index(): string {
    return INDEX;
  }

  @Get('assets/app.js')
  async script(@Headers('if-none-match') etag: string | undefined, @Res() response: Response): Promise<void> {
    this.send(response, await this.bundler.bundle(), 'js', etag);
  }

  @Get('assets/app.css')
  async styles(@Headers('if-none-match') etag: string | undefined, @Res() response: Response): Promise<void> {
    this.send(response, await this.bundler.bundle(), 'css', etag);
  }

  private send(response: Response, bundle: DashboardBundle, kind: 'js' | 'css', etag: string | undefined): void {
    const tag = `"${bundle.version}-${kind}"`;
    response.setHeader('ETag', tag);
    response.setHeader('Cache-Control', 'no-cache');
    if (etag === tag) {
      response.status(304).end();
      return;
    }
    response.type(kind === 'js' ? 'application/javascript' : 'text/css').send(bundle[kind]);
  }
}
