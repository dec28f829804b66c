import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { OpenApiDocument } from './docs/openapi.document';
import { HttpServerWsAdapter } from './realtime/http-server-ws.adapter';

const DESCRIPTION = [
  'Dashboard API of mirrorbook. Reads are public unless GATEWAY_PROTECT_READS=true; every mutating',
  'route needs `Authorization: Bearer <GATEWAY_TOKEN>` (401 otherwise, 503 while no token is configured).',
  'Errors are JSON `{ statusCode, code, message }`; 400s add `fieldErrors`, 503s name the unavailable dependency.',
  'Live data: WebSocket `/ws` (protocol in apps/gateway/README.md).',
].join(' ');

/** What the gateway sets on its app before it listens: the `ws` adapter and the OpenAPI document. */
export function configureGateway(app: INestApplication): void {
  app.useWebSocketAdapter(new HttpServerWsAdapter(app.get(HttpAdapterHost)));
  const config = new DocumentBuilder().setTitle('mirrorbook gateway').setDescription(DESCRIPTION).setVersion('1').addBearerAuth().build();
  app.get(OpenApiDocument).set(SwaggerModule.createDocument(app, config));
}
