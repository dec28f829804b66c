import { ServiceUnavailableException } from '@nestjs/common';

/** A backing service the gateway reads or writes through. */
export type Dependency = 'nats' | 'redis';

const LABEL: Record<Dependency, string> = { nats: 'NATS', redis: 'Redis' };

/** 503: NATS or Redis is unreachable, so the answer would be wrong or the change would be lost. */
export class DependencyUnavailableError extends ServiceUnavailableException {
  readonly code = 'DEPENDENCY_UNAVAILABLE';

  constructor(readonly unavailable: Dependency[]) {
    const names = unavailable.map((d) => LABEL[d]).join(' and ');
    super({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'DEPENDENCY_UNAVAILABLE',
      message: `${names} unavailable: try again shortly`,
      unavailable,
    });
  }
}
