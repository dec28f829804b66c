export { assess, type AssessedBook, type BookAssessment } from './book.assessor';
export { planCycle, initialCycleState, type CycleState, type CyclePlan, type PlanCycleInput, type PlanningBook } from './cycle.planner';
export type { AssessedOwnOrder, OwnOrder } from './own-order.model';
export { selectPhase } from './phase.selector';
export { fnv1a } from './fnv1a.hash';
export { createSeededRng, type Rng, type SeededRng } from './seeded-rng.factory';
export type { SpotBalances } from './spot.budget';
export { StrategyInputError, type StrategyInputErrorCode } from './strategy-input.error';
