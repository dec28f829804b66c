import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { PROTECTED_READS } from './api-controller.decorator';
import { TokenVerifier } from './token.verifier';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Reads served by libs/observability's controller, shared with every service, so not marked there. */
const PROTECTED_READ_PATHS = new Set(['/metrics']);

/**
 * Global guard: every mutating request needs the token (401 with a reason, 503 while no token is
 * configured); reads of `@ProtectedReads` controllers (the API, its docs) and `/metrics` need it too
 * when GATEWAY_PROTECT_READS=true.
 */
@Injectable()
export class TokenGuard implements CanActivate {
  private readonly protectReads: boolean;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.protectReads = config.env.GATEWAY_PROTECT_READS;
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (READ_METHODS.has(request.method) && !this.readNeedsToken(context, request.path)) return true;
    const check = this.verifier.checkHeader(request.headers.authorization);
    if (check.ok) return true;
    throw new HttpException({ statusCode: check.status, error: check.status === 401 ? 'Unauthorized' : 'Service Unavailable', code: check.code, message: check.reason }, check.status);
  }

  private readNeedsToken(context: ExecutionContext, path: string): boolean {
    if (!this.protectReads) return false;
    return this.reflector.get<boolean>(PROTECTED_READS, context.getClass()) === true || PROTECTED_READ_PATHS.has(path);
  }
}
