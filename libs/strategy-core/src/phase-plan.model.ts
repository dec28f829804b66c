import type { OrderAction, StrategyPhase } from '@mirrorbook/contracts';

/** What a phase planner decided: cancels first, then creates. */
export interface PhasePlan {
  readonly phase: StrategyPhase;
  readonly actions: OrderAction[];
  /** MAINTENANCE: the depth stage the next maintenance cycle uses */
  readonly nextStage?: number;
  /** why orders were left out or a side was skipped, for logs and the dashboard */
  readonly notes: string[];
}
