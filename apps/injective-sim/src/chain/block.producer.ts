import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FaultState } from '../faults/fault.state';
import { SIM_CONFIG } from '../sim.tokens';
import type { SimConfig } from '../sim.config';
import { SimChain } from './sim.chain';

/** Lifecycle of the block timer. */
export type BlockProducerState = 'stopped' | 'running' | 'on-demand';

/**
 * Produces a block every `blockMs` (when > 0) from application start to shutdown, except while the
 * `haltBlocks` fault holds (a halted chain). With `blockMs: 0` blocks come only from
 * `POST /sim/admin/blocks`.
 */
@Injectable()
export class BlockProducer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('injective-sim');
  private timer: NodeJS.Timeout | null = null;
  private state: BlockProducerState = 'stopped';

  constructor(
    private readonly chain: SimChain,
    private readonly faults: FaultState,
    @Inject(SIM_CONFIG) private readonly config: SimConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.blockMs === 0) {
      this.state = 'on-demand';
      return;
    }
    this.state = 'running';
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** `running` (timer), `on-demand` (blockMs 0) or `stopped`. */
  status(): BlockProducerState {
    return this.state;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      if (this.state !== 'running') return;
      try {
        if (!this.faults.blocksHalted()) this.chain.produceBlock();
      } catch (e) {
        // a sim bug; keep the chain ticking so clients see it in logs rather than as a dead node
        this.logger.error(`block production failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      this.schedule();
    }, this.config.blockMs);
  }
}
