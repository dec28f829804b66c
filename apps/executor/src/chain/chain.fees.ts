import { Logger } from '@nestjs/common';
import { effectiveGasPrice, isPostOnlyMode, type ExchangeParams } from '@mirrorbook/injective';
import type Decimal from 'decimal.js';

/** Where the chain parameters are read from. */
export interface ChainFeesSource {
  exchangeParams(): Promise<ExchangeParams>;
  eipBaseFee(): Promise<Decimal>;
  latestHeight(): Promise<number>;
}

/** Settings of `ChainFees`. */
export interface ChainFeesOptions {
  /** the node's minimum gas price, `inj` base units per gas unit (integer string) */
  readonly minGasPrice: string;
  /** the base fee (and the post-only mode height) is read again after this long, ms */
  readonly refreshMs: number;
}

/** The venue limits the pre-trade checks apply, from the exchange parameters. */
export interface VenueLimits {
  /** most resting orders per side of one derivative market */
  readonly maxDerivativeOrderSideCount: number;
  /** the height below which the exchange refuses crossing orders; null when not in post-only mode */
  readonly postOnlyUntilHeight: number | null;
}

/**
 * The chain parameters the executor acts on, read at takeover (`load`) and again when older than
 * `refreshMs`: the exchange module's params (fixed gas, order side count, post-only mode) and the
 * gas price, max(node minimum, current EIP base fee). `reprice` reads the base fee at once (after
 * an insufficient fee).
 */
export class ChainFees {
  private readonly logger = new Logger(ChainFees.name);
  private state: { params: ExchangeParams; gasPrice: string; height: number; at: number } | undefined;

  constructor(
    private readonly source: ChainFeesSource,
    private readonly options: ChainFeesOptions,
  ) {}

  /** Reads the exchange params, the base fee and the height. */
  async load(): Promise<void> {
    const [params, baseFee, height] = await Promise.all([this.source.exchangeParams(), this.source.eipBaseFee(), this.source.latestHeight()]);
    const gasPrice = effectiveGasPrice(this.options.minGasPrice, baseFee);
    if (this.state?.gasPrice !== gasPrice) this.logger.log(`gas price ${gasPrice} (min ${this.options.minGasPrice}, base fee ${baseFee.toFixed()}); fixed gas ${params.fixedGasEnabled ? 'on' : 'off'}`);
    this.state = { params, gasPrice, height, at: Date.now() };
  }

  /** The exchange params read at the last `load` (throws before the first). */
  get params(): ExchangeParams {
    return this.loaded().params;
  }

  /** The gas price to sign with, read again when older than `refreshMs` (the last one if that read fails). */
  async gasPrice(): Promise<string> {
    if (!this.state || Date.now() - this.state.at > this.options.refreshMs) {
      await this.load().catch((error: unknown) => {
        if (!this.state) throw error;
        this.logger.warn(`chain params not refreshed: ${(error as Error).message}`);
      });
    }
    return this.loaded().gasPrice;
  }

  /** Reads the base fee at once: the new gas price. */
  async reprice(): Promise<string> {
    await this.load();
    return this.loaded().gasPrice;
  }

  /** The limits the pre-trade checks apply; undefined before the first `load`. */
  limits(): VenueLimits | undefined {
    if (!this.state) return undefined;
    const { params, height } = this.state;
    return {
      maxDerivativeOrderSideCount: params.maxDerivativeOrderSideCount,
      postOnlyUntilHeight: isPostOnlyMode(params, height) ? params.postOnlyModeHeightThreshold : null,
    };
  }

  private loaded(): NonNullable<ChainFees['state']> {
    if (!this.state) throw new Error('chain params not read yet (takeover reads them)');
    return this.state;
  }
}
