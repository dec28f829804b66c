import { SeededRng } from '../price/seeded.rng';
import { faultsSchema, type Faults, type FaultsUpdate } from './faults.schema';

/** What to do with one LCD request. */
export type HttpFault = 'unavailable' | 'rate-limited' | null;

/**
 * The faults in force and the random draws that decide them. Each kind draws from its own seeded
 * stream, and only while its rate is above zero, so enabling one fault never shifts another's
 * decisions and a run without faults draws nothing.
 */
export class FaultState {
  private faults: Faults;
  private stuckRemaining: number;
  private readonly httpRng: SeededRng;
  private readonly dropRng: SeededRng;
  private readonly lagRng: SeededRng;

  constructor(initial: Faults, seed: string | number) {
    this.faults = { ...initial };
    this.stuckRemaining = initial.stuckMempoolBlocks;
    this.httpRng = new SeededRng(`${seed}/faults/http`);
    this.dropRng = new SeededRng(`${seed}/faults/broadcast-drop`);
    this.lagRng = new SeededRng(`${seed}/faults/lagging-node`);
  }

  /** The faults in force; `stuckMempoolBlocks` counts the stuck blocks still to come. */
  current(): Faults {
    return { ...this.faults, stuckMempoolBlocks: this.stuckRemaining };
  }

  /** Applies an admin update (the given fields replace the current ones; `reset` zeroes all first). */
  update(update: Omit<FaultsUpdate, 'sequenceDrift'>): Faults {
    const { reset, ...fields } = update;
    const base = reset ? faultsSchema.parse({}) : this.current();
    const next = { ...base, ...definedOnly(fields) };
    this.faults = next;
    this.stuckRemaining = next.stuckMempoolBlocks;
    return this.current();
  }

  /** Decides the fate of one LCD request. */
  httpFault(): HttpFault {
    const { http5xxRate, http429Rate } = this.faults;
    if (http5xxRate > 0 && this.httpRng.chance(http5xxRate)) return 'unavailable';
    if (http429Rate > 0 && this.httpRng.chance(http429Rate)) return 'rate-limited';
    return null;
  }

  /** Milliseconds to hold every LCD request. */
  latencyMs(): number {
    return this.faults.latencyMs;
  }

  /** Whether to lose one accepted broadcast. */
  dropBroadcast(): boolean {
    const rate = this.faults.dropBroadcastRate;
    return rate > 0 && this.dropRng.chance(rate);
  }

  /** Whether to answer one broadcast as a node a block behind. */
  laggingNode(): boolean {
    const rate = this.faults.laggingNodeRate;
    return rate > 0 && this.lagRng.chance(rate);
  }

  /**
   * The height the open-orders queries answer at when the latest is `latest` (`staleOpenOrdersBlocks`
   * behind it, never below 1), or null when they are not stale.
   */
  staleOpenOrdersHeight(latest: number): number | null {
    const behind = this.faults.staleOpenOrdersBlocks;
    return behind > 0 ? Math.max(1, latest - behind) : null;
  }

  /** Whether the block timer is to produce nothing (a halted chain). */
  blocksHalted(): boolean {
    return this.faults.haltBlocks;
  }

  /** Whether the block being produced must leave the mempool alone (counts one stuck block down). */
  takeStuckBlock(): boolean {
    if (this.stuckRemaining <= 0) return false;
    this.stuckRemaining -= 1;
    return true;
  }
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
