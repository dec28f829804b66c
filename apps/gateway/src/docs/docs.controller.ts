import { dirname, join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'express';
import { ProtectedReads } from '../auth/api-controller.decorator';
import { OpenApiDocument } from './openapi.document';

/** swagger-ui-dist as @nestjs/swagger depends on it, so both always agree on the version. */
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json', { paths: [dirname(require.resolve('@nestjs/swagger'))] }));
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']);

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mirrorbook gateway API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"><link rel="icon" href="/api/docs/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div><script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;

// a file, not inline, so the page runs under helmet's script-src 'self'
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: false });`;

/**
 * `/api/docs` (Swagger UI, served from node_modules) and `/api/docs-json` (the OpenAPI document),
 * behind the token when reads are protected. The UI forgets the token it was given on reload
 * (`persistAuthorization: false`): it would keep it in localStorage.
 */
@ApiExcludeController()
@Controller('api')
@ProtectedReads()
export class DocsController {
  constructor(private readonly document: OpenApiDocument) {}

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('docs-json')
  json(): OpenAPIObject {
    return this.document.get();
  }

  @Get('docs/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    if (file === 'init.js') {
      response.type('application/javascript').send(INIT);
      return;
    }
    if (!ASSETS.has(file)) throw new NotFoundException(`no such file: ${file}`);
    response.sendFile(join(SWAGGER_UI_DIR, file), { maxAge: '1h' });
  }
}
