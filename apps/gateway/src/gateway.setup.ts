import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Application } from 'express';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { OpenApiDocument } from './docs/openapi.document';
import { HttpServerWsAdapter } from './realtime/http-server-ws.adapter';
import { RealtimeSessions } from './realtime/realtime.sessions';
import { WsUpgradePolicy } from './realtime/ws-upgrade.policy';

const DESCRIPTION = [
  'Dashboard API of mirrorbook. Reads are public unless GATEWAY_PROTECT_READS=true (this page too then); every mutating',
  'route needs `Authorization: Bearer <GATEWAY_TOKEN>` (401 otherwise, 503 while no token is configured).',
  'Errors are JSON `{ statusCode, code, message }`; 400s add `fieldErrors`, 503s name the unavailable dependency.',
  'Live data: WebSocket `/ws` (protocol in apps/gateway/README.md).',
].join(' ');

/** What the gateway sets on its app before it listens: `trust proxy`, the `ws` adapter and the OpenAPI document. */
export function configureGateway(app: INestApplication): void {
  const { env } = app.get<AppConfig>(APP_CONFIG);
  (app.getHttpAdapter().getInstance() as Application).set('trust proxy', env.GATEWAY_TRUST_PROXY);
  app.useWebSocketAdapter(new HttpServerWsAdapter(app.get(HttpAdapterHost), app.get(WsUpgradePolicy), app.get(RealtimeSessions)));
  const config = new DocumentBuilder().setTitle('mirrorbook gateway').setDescription(DESCRIPTION).setVersion('1').addBearerAuth().build();
  app.get(OpenApiDocument).set(SwaggerModule.createDocument(app, config));
}
