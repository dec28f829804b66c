import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => boolean;

/** What a service works without right now, each thing with its reason (e.g. market key → reason); empty when nothing. */
export type DegradationSource = () => Record<string, string>;

/**
 * Named checks that must all pass for `/health` to answer ready, and named degradations it reports
 * without failing: the service still does its work, short of what they list.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly degradations = new Map<string, DegradationSource>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  registerDegradation(name: string, source: DegradationSource): void {
    this.degradations.set(name, source);
  }

  evaluate(): { ready: boolean; checks: Record<string, boolean>; degraded: Record<string, Record<string, string>> } {
    const checks = Object.fromEntries([...this.checks].map(([name, check]) => [name, safely(check, false)]));
    const degraded = Object.fromEntries(
      [...this.degradations].map(([name, source]) => [name, safely(source, { error: 'could not be evaluated' })]).filter(([, reasons]) => Object.keys(reasons).length > 0),
    );
    return { ready: Object.values(checks).every(Boolean), checks, degraded };
  }
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
