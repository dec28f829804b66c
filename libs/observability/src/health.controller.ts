import { Controller, Get, Header, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { register } from 'prom-client';
import { LifecycleService } from './lifecycle.service';
import { ReadinessRegistry } from './readiness.registry';
import { SERVICE_IDENTITY, type ServiceIdentity } from './service.identity';

/**
 * `/health` (readiness: 503 until NATS, Redis and the service's own checks pass; 200 `degraded` with
 * what the service works without and why, e.g. an executor's unavailable markets), `/health/live`, `/metrics`.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    private readonly lifecycle: LifecycleService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('health')
  health(@Res() res: Response): void {
    const { ready, checks, degraded } = this.readiness.evaluate();
    const ok = ready && !this.lifecycle.stopping;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: !ok ? 'not ready' : Object.keys(degraded).length > 0 ? 'degraded' : 'ok',
      app: this.identity.app,
      instance: this.identity.instance,
      version: this.identity.version,
      state: this.lifecycle.state,
      checks,
      degraded,
    });
  }

  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
