export { planCycle, type CycleState, type CyclePlan, type PlanCycleInput } from './cycle.planner';
export type { OwnOrder } from './own-order.model';
export { fnv1a } from './fnv1a.hash';
export { createSeededRng } from './seeded-rng.factory';
export type { SpotBalances } from './spot.budget';
export { StrategyInputError } from './strategy-input.error';
export { referenceMoved, type ReferenceMoveInput } from './reference-move.rule';
