import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { GRPC_CODE } from '../http/lcd.error';
import { FaultState } from './fault.state';

/** Paths the faults never touch: the admin API tests and operators drive the sim with. */
const ADMIN_PREFIX = '/sim/';

/**
 * Applies the HTTP faults to every LCD request: added latency, then (decided when the request
 * arrives, from the seeded RNG) an HTTP 503 or 429 instead of the answer.
 */
@Injectable()
export class FaultMiddleware implements NestMiddleware {
  constructor(private readonly faults: FaultState) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if ((req.originalUrl ?? req.url).startsWith(ADMIN_PREFIX)) return next();
    const fault = this.faults.httpFault();
    const delay = this.faults.latencyMs();
    const proceed = (): void => {
      if (fault === 'unavailable') {
        res.status(503).json({ code: GRPC_CODE.UNAVAILABLE, message: 'injective-sim fault: service unavailable', details: [] });
      } else if (fault === 'rate-limited') {
        res.setHeader('Retry-After', '1');
        res.status(429).json({ code: GRPC_CODE.RESOURCE_EXHAUSTED, message: 'injective-sim fault: too many requests', details: [] });
      } else {
        next();
      }
    };
    if (delay > 0) setTimeout(proceed, delay);
    else proceed();
  }
}
