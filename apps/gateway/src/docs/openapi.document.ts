import { Injectable, type INestApplication } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { nestContainerOf } from '../platform/nest-container.accessor';

const DESCRIPTION = [
  'Dashboard API of mirrorbook. Reads are public unless GATEWAY_PROTECT_READS=true; every mutating',
  'route needs `Authorization: Bearer <GATEWAY_TOKEN>` (401 otherwise, 503 while no token is configured).',
  'Errors are JSON `{ statusCode, code, message }`; 400s add `fieldErrors`, 503s name the unavailable dependency.',
  'Live data: WebSocket `/ws` (protocol in apps/gateway/README.md).',
].join(' ');

/** The OpenAPI document of the gateway's routes, scanned once on first use. */
@Injectable()
export class OpenApiDocument {
  private document: OpenAPIObject | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly host: HttpAdapterHost,
  ) {}

  get(): OpenAPIObject {
    if (!this.document) {
      const container = nestContainerOf(this.moduleRef);
      // the scanner reads exactly these three members of the app (see nest-container.accessor.ts)
      const app = { container, config: container.applicationConfig, getHttpAdapter: () => this.host.httpAdapter } as unknown as INestApplication;
      const config = new DocumentBuilder().setTitle('mirrorbook gateway').setDescription(DESCRIPTION).setVersion('1').addBearerAuth().build();
      this.document = SwaggerModule.createDocument(app, config);
    }
    return this.document;
  }
}
