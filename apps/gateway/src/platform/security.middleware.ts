import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';

/**
 * helmet's headers and CORS for the GATEWAY_CORS_ORIGINS allowlist (nothing cross-origin when it
 * is empty). The gateway is often served over plain http on a LAN, so helmet must not ask browsers
 * to upgrade sub-requests to https.
 */
@Injectable()
export class SecurityMiddleware implements NestMiddleware {
  private readonly handlers: RequestHandler[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const allowed = new Set(config.env.GATEWAY_CORS_ORIGINS);
    this.handlers = [
      helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }) as RequestHandler,
      cors({
        origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
        methods: ['GET', 'POST', 'PATCH'],
        allowedHeaders: ['Authorization', 'Content-Type'],
        maxAge: 600,
      }),
    ];
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const [secure, crossOrigin] = this.handlers;
    secure(request, response, (error?: unknown) => (error ? next(error) : crossOrigin(request, response, next)));
  }
}
