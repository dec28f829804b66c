import type { CompiledParams } from './strategy-params.compiler';

/**
 * When the next maintenance (freshening) cycle is due, ms since epoch (docs/architecture.md#cadence):
 * `maintenanceIntervalS` after the last one, × `slowFactor` while the wallet's fee budget is slow.
 * A state that never recorded a maintenance (a first cycle, a hash stored before the field
 * existed) is due at once.
 */
export function maintenanceDueAtMs(maintainedAtMs: number | undefined, cadence: CompiledParams['cadence'], slow: boolean): number {
  if (maintainedAtMs === undefined) return -Infinity;
  return maintainedAtMs + cadence.maintenanceIntervalMs * (slow ? cadence.slowFactor : 1);
}
