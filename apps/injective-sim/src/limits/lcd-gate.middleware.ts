import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SimChain } from '../chain/sim.chain';
import { GRPC_CODE } from '../http/lcd.error';
import { SIM_RATE_LIMITER } from '../sim.tokens';
import type { PerIpLimiter } from './per-ip.limiter';
import { clientIp } from './per-ip.limiter';

/** Paths outside the chain's API: the admin API tests and operators drive the sim with. */
const ADMIN_PREFIX = '/sim/';
/** The header a Cosmos gRPC-gateway reply carries the height it was served at in. */
export const BLOCK_HEIGHT_HEADER = 'Grpc-Metadata-X-Cosmos-Block-Height';

/**
 * What a public node does before answering: every reply carries the latest height in
 * `Grpc-Metadata-X-Cosmos-Block-Height`, and beyond `rateLimitPerSecond` requests a second per
 * client IP (`PerIpLimiter`: a bucket of `rateLimitBurst`) the answer is HTTP 429 with the gRPC-gateway error body (code 8,
 * RESOURCE_EXHAUSTED). Loopback clients all share one IP, as processes on one machine do.
 */
@Injectable()
export class LcdGateMiddleware implements NestMiddleware {
  constructor(
    private readonly chain: SimChain,
    @Inject(SIM_RATE_LIMITER) private readonly limiter: PerIpLimiter,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if ((req.originalUrl ?? req.url).startsWith(ADMIN_PREFIX)) return next();
    res.setHeader(BLOCK_HEIGHT_HEADER, String(this.chain.latestHeight()));
    if (!this.limiter.admit(clientIp(req.socket.remoteAddress), performance.now())) {
      res.setHeader('Retry-After', '1');
      res.status(429).json({
        code: GRPC_CODE.RESOURCE_EXHAUSTED,
        message: `injective-sim: more than ${this.limiter.perSecond} requests/s from one IP`,
        details: [],
      });
      return;
    }
    next();
  }
}
