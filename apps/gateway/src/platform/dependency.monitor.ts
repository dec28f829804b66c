import { Injectable } from '@nestjs/common';
import { RedisService } from '@mirrorbook/redis';
import { MessagingService } from '@mirrorbook/messaging';
import { DependencyUnavailableError, type Dependency } from './dependency-unavailable.error';

/** Which of NATS and Redis are reachable right now. */
@Injectable()
export class DependencyMonitor {
  constructor(
    private readonly messaging: MessagingService,
    private readonly redis: RedisService,
  ) {}

  /** The dependencies among `needed` that are down. */
  unavailable(needed: readonly Dependency[] = ['nats', 'redis']): Dependency[] {
    return needed.filter((d) => (d === 'nats' ? !this.messaging.isConnected() : !this.redis.isReady()));
  }

  /** Throws a 503 naming the dependencies among `needed` that are down. */
  require(needed: readonly Dependency[]): void {
    const down = this.unavailable(needed);
    if (down.length > 0) throw new DependencyUnavailableError(down);
  }
}
