import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { ServiceState } from '@mirrorbook/contracts';

const ALLOWED: Record<ServiceState, ServiceState[]> = {
  starting: ['running', 'standby', 'stopping'],
  running: ['standby', 'paused', 'stopping'],
  standby: ['running', 'stopping'],
  paused: ['running', 'standby', 'stopping'],
  stopping: ['stopped'],
  stopped: [],
};

/** The service's explicit state (docs/style.md#lifecycle), published in every heartbeat. */
@Injectable()
export class LifecycleService extends EventEmitter<{ change: [ServiceState] }> {
  private readonly logger = new Logger(LifecycleService.name);
  private current: ServiceState = 'starting';
  readonly startedAt = Date.now();

  get state(): ServiceState {
    return this.current;
  }

  /** Moves to `next` when the transition is allowed; returns whether it moved. */
  transition(next: ServiceState): boolean {
    if (next === this.current) return true;
    if (!ALLOWED[this.current].includes(next)) return false;
    this.logger.log(`state ${this.current} -> ${next}`);
    this.current = next;
    this.emit('change', next);
    return true;
  }

  get stopping(): boolean {
    return this.current === 'stopping' || this.current === 'stopped';
  }
}
