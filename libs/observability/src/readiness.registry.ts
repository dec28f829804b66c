import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => boolean;

/** Named checks that must all pass for `/health` to answer ready. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  evaluate(): { ready: boolean; checks: Record<string, boolean> } {
    const checks = Object.fromEntries([...this.checks].map(([name, check]) => [name, safely(check)]));
    return { ready: Object.values(checks).every(Boolean), checks };
  }
}

function safely(check: ReadinessCheck): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
