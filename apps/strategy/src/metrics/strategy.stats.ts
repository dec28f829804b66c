import type { StrategyPhase } from '@mirrorbook/contracts';
import type { SkipReason } from '../gate/planning.gate';

type Detail = string | number | boolean | null;

/** What the heartbeat tells about this worker: counts since start and the latest outcome per market. */
export class StrategyStats {
  private snapshots = 0;
  private ticks = 0;
  private evaluations = 0;
  private intents = 0;
  private tickIntents = 0;
  private skips = 0;
  private readonly lastPhase = new Map<string, StrategyPhase>();
  private readonly lastOutcome = new Map<string, string>();

  snapshot(): void {
    this.snapshots++;
  }

  tick(): void {
    this.ticks++;
  }

  evaluated(): void {
    this.evaluations++;
  }

  planned(marketKey: string, phase: StrategyPhase): void {
    this.lastPhase.set(marketKey, phase);
  }

  /** `fromTick`: planned on a reference tick from the stored book */
  published(marketKey: string, phase: StrategyPhase, fromTick = false): void {
    this.intents++;
    if (fromTick) this.tickIntents++;
    this.lastOutcome.set(marketKey, `intent ${phase}`);
  }

  skipped(marketKey: string, reason: SkipReason): void {
    this.skips++;
    this.lastOutcome.set(marketKey, `skip ${reason}`);
  }

  /** Heartbeat `details`: `snapshots`, `ticks`, `evaluations`, `intents`, `tickIntents`, `skips`, `phase.<mk>`, `last.<mk>`. */
  details(): Record<string, Detail> {
    const details: Record<string, Detail> = {
      snapshots: this.snapshots,
      ticks: this.ticks,
      evaluations: this.evaluations,
      intents: this.intents,
      tickIntents: this.tickIntents,
      skips: this.skips,
    };
    for (const [market, phase] of this.lastPhase) details[`phase.${market}`] = phase;
    for (const [market, outcome] of this.lastOutcome) details[`last.${market}`] = outcome;
    return details;
  }
}
