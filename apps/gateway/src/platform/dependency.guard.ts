import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Dependency } from './dependency-unavailable.error';
import { DependencyMonitor } from './dependency.monitor';
import { REQUIRES } from './requires.decorator';

/** Global guard: 503 before a handler runs when a dependency it declared with `@Requires` is down. */
@Injectable()
export class DependencyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dependencies: DependencyMonitor,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const needed = this.reflector.getAllAndOverride<Dependency[] | undefined>(REQUIRES, [context.getHandler(), context.getClass()]);
    if (needed) this.dependencies.require(needed);
    return true;
  }
}
