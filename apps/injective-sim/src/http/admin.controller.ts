import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { Dec } from '@mirrorbook/market';
import { z } from 'zod';
import { BlockProducer } from '../chain/block.producer';
import { isInjAddress } from '@mirrorbook/injective';
import { SimChain } from '../chain/sim.chain';
import type { ExchangePort } from '../exchange/exchange.port';
import { FaultState } from '../faults/fault.state';
import { faultsUpdateSchema, type Faults, type FaultsUpdate } from '../faults/faults.schema';
import { syntheticDepthSchema } from '../exchange/sim-exchange.config';
import { hasDepthControl, hasMarkControl, hasPriceControl } from '../price-control.port';
import { EXCHANGE_PORT, SIM_CONFIG, SIM_RATE_LIMITER } from '../sim.tokens';
import type { PerIpLimiter } from '../limits/per-ip.limiter';
import type { SimConfig } from '../sim.config';
import { postOnlyThresholdFor } from '../chain/post-only-mode';
import { GRPC_CODE, LcdError } from './lcd.error';
import { ZodPipe } from './zod-body.pipe';

const blocksBodySchema = z.object({ count: z.number().int().min(1).max(10_000).default(1) }).strict();
const marketIdField = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x + 64 hex digits');
const positivePriceField = z.union([z.string().regex(/^\d+(\.\d+)?$/, 'must be a positive decimal string'), z.number().positive()]);
const priceBodySchema = z.object({ marketId: marketIdField, price: positivePriceField }).strict();
const markBodySchema = z.discriminatedUnion('mode', [
  /** follow the pair's "mainnet" price again (the default) */
  z.object({ marketId: marketIdField, mode: z.literal('follow') }).strict(),
  /** hold the mark at `price` (a stale or drifted oracle) */
  z.object({ marketId: marketIdField, mode: z.literal('fixed'), price: positivePriceField }).strict(),
  /** no mark (nil): every order of the market fails */
  z.object({ marketId: marketIdField, mode: z.literal('none') }).strict(),
]);
const postOnlyModeBodySchema = z.union([
  /** post-only mode for the next `blocks` blocks (threshold = latest height + blocks + 1); 0 ends it */
  z.object({ blocks: z.number().int().min(0).max(1_000_000_000) }).strict(),
  /** `post_only_mode_height_threshold` itself: post-only below this height; 0 = off */
  z.object({ heightThreshold: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict(),
]);
const depthBodySchema = z.object({ marketId: marketIdField, depth: syntheticDepthSchema.partial().strict() }).strict();
const baseFeeBodySchema = z.object({ baseFee: z.string().regex(/^\d+$/, 'must be a non-negative integer string (inj base units per gas)') }).strict();
const fundBodySchema = z
  .object({
    address: z.string().refine(isInjAddress, 'must be a valid bech32 inj1… address'),
    balances: z.record(z.string().min(1), z.string().regex(/^\d+(\.\d+)?$/, 'must be a plain decimal string')).default({}),
  })
  .strict();

/**
 * The sim's own API for tests and operators (never faulted): blocks on demand, faults, the
 * "mainnet" price, funding accounts, state.
 */
@Controller('sim/admin')
export class AdminController {
  constructor(
    private readonly chain: SimChain,
    private readonly faults: FaultState,
    private readonly producer: BlockProducer,
    @Inject(EXCHANGE_PORT) private readonly exchange: ExchangePort,
    @Inject(SIM_CONFIG) private readonly config: SimConfig,
    @Inject(SIM_RATE_LIMITER) private readonly rateLimiter: PerIpLimiter,
  ) {}

  /** Produces `count` blocks now (default 1): `{"height","blocks":[{"height","txs":[hash…]}]}`. */
  @Post('blocks')
  @HttpCode(200)
  blocks(@Body(new ZodPipe(blocksBodySchema)) body: z.infer<typeof blocksBodySchema>): Record<string, unknown> {
    const blocks = this.chain.produceBlocks(body.count);
    return {
      height: this.chain.latestHeight(),
      blocks: blocks.map((b) => ({ height: b.height, time: b.time, txs: b.txHashes })),
    };
  }

  /** The faults in force. */
  @Get('faults')
  currentFaults(): Faults {
    return this.faults.current();
  }

  /** Replaces the given fault fields (`reset: true` zeroes the rest first) and applies `sequenceDrift` once. */
  @Post('faults')
  @HttpCode(200)
  setFaults(@Body(new ZodPipe(faultsUpdateSchema)) body: FaultsUpdate): Record<string, unknown> {
    const { sequenceDrift = [], ...fields } = body;
    for (const drift of sequenceDrift) {
      if (!this.chain.account(drift.address)) throw LcdError.notFound(`account ${drift.address} not found`);
    }
    const drifted = sequenceDrift.map(({ address, by }) => {
      const account = this.chain.driftSequence(address, by);
      return { address, sequence: String(account.sequence) };
    });
    return { ...this.faults.update(fields), drifted };
  }

  /** Sets the EIP base fee (`inj` base units per gas): what `cur_eip_base_fee` answers and the fee check asks. */
  @Post('base-fee')
  @HttpCode(200)
  setBaseFee(@Body(new ZodPipe(baseFeeBodySchema)) body: z.infer<typeof baseFeeBodySchema>): Record<string, unknown> {
    this.chain.setEipBaseFee(BigInt(body.baseFee));
    return { baseFee: String(this.chain.eipBaseFee) };
  }

  /**
   * Sets the exchange's `post_only_mode_height_threshold`, as a governance proposal would:
   * `{"blocks":N}` keeps the next N blocks in post-only mode, `{"heightThreshold":H}` sets the
   * threshold itself. Answers `{"height","postOnlyModeHeightThreshold","postOnlyMode"}`, the last
   * saying whether the next block runs in post-only mode.
   */
  @Post('post-only-mode')
  @HttpCode(200)
  setPostOnlyMode(@Body(new ZodPipe(postOnlyModeBodySchema)) body: z.infer<typeof postOnlyModeBodySchema>): Record<string, unknown> {
    const height = this.chain.latestHeight();
    const threshold = 'blocks' in body ? (body.blocks === 0 ? 0 : postOnlyThresholdFor(height, body.blocks)) : body.heightThreshold;
    this.chain.setPostOnlyModeHeightThreshold(threshold);
    return { height, postOnlyModeHeightThreshold: threshold, postOnlyMode: this.chain.isPostOnlyModeAt(height + 1) };
  }

  /** Forces a market's "mainnet" price (a testnet market id moves its mainnet pair). */
  @Post('price')
  @HttpCode(200)
  setPrice(@Body(new ZodPipe(priceBodySchema)) body: z.infer<typeof priceBodySchema>): Record<string, unknown> {
    if (!hasPriceControl(this.exchange)) {
      throw new LcdError(501, GRPC_CODE.UNIMPLEMENTED, 'the exchange module has no price process');
    }
    if (!this.exchange.market(body.marketId)) throw LcdError.notFound(`market ${body.marketId} not found`);
    const price = new Dec(body.price);
    if (price.lte(0)) throw LcdError.invalidArgument('price must be positive');
    this.exchange.setPrice(body.marketId, price);
    const reference = this.exchange.referencePrice(body.marketId);
    return { marketId: body.marketId, price: reference ? reference.toFixed() : null };
  }

  /**
   * Reshapes a "mainnet" book from the next block on: `{"marketId","depth":{…}}` with any fields of
   * the sim config's synthetic depth (`levelsPerSide`, `spread`, `levelGrowth`, `baseQuantity`,
   * `sizeGrowth`, `sizeJitter`, `enabled`); a testnet market id reshapes its mainnet pair. Answers
   * `{"marketId","depth"}` with the settings now in force.
   */
  @Post('depth')
  @HttpCode(200)
  setDepth(@Body(new ZodPipe(depthBodySchema)) body: z.infer<typeof depthBodySchema>): Record<string, unknown> {
    if (!hasDepthControl(this.exchange)) throw new LcdError(501, GRPC_CODE.UNIMPLEMENTED, 'the exchange module has no synthetic depth');
    if (!this.exchange.market(body.marketId)) throw LcdError.notFound(`market ${body.marketId} not found`);
    const update = Object.fromEntries(Object.entries(body.depth).filter(([, v]) => v !== undefined));
    const depth = this.exchange.setDepth(body.marketId, update);
    if (!depth) throw LcdError.invalidArgument(`market ${body.marketId} has no synthetic depth`);
    return { marketId: body.marketId, depth };
  }

  /**
   * Sets a testnet derivative market's oracle apart: `{"marketId","mode":"fixed","price"}` holds the
   * mark (a stale or drifted oracle), `"none"` unsets it (nil), `"follow"` follows the "mainnet"
   * price again. Answers `{"marketId","mode","mark"}` (mark null while nil).
   */
  @Post('mark')
  @HttpCode(200)
  setMark(@Body(new ZodPipe(markBodySchema)) body: z.infer<typeof markBodySchema>): Record<string, unknown> {
    if (!hasMarkControl(this.exchange)) throw new LcdError(501, GRPC_CODE.UNIMPLEMENTED, 'the exchange module has no oracle');
    const market = this.exchange.market(body.marketId);
    if (!market) throw LcdError.notFound(`market ${body.marketId} not found`);
    if (market.type !== 'derivative' || market.network !== 'testnet') {
      throw LcdError.invalidArgument(`market ${body.marketId} is not a testnet derivative market: only those have an oracle of their own`);
    }
    const price = body.mode === 'fixed' ? new Dec(body.price) : undefined;
    if (price?.lte(0)) throw LcdError.invalidArgument('price must be positive');
    const state = this.exchange.setMark(body.marketId, price ? { mode: 'fixed', price } : { mode: body.mode as 'follow' | 'none' });
    return { marketId: body.marketId, mode: state.mode, mark: state.mark ? state.mark.toFixed() : null };
  }

  /** Creates an account if new and credits bank balances (denom → human amount). */
  @Post('accounts')
  @HttpCode(200)
  fund(@Body(new ZodPipe(fundBodySchema)) body: z.infer<typeof fundBodySchema>): Record<string, unknown> {
    try {
      const account = this.chain.fund(body.address, body.balances);
      return { address: account.address, account_number: String(account.accountNumber), balances: this.chain.bankBalances(body.address) };
    } catch (e) {
      if (e instanceof RangeError) throw LcdError.invalidArgument(e.message);
      throw e;
    }
  }

  /** Height, mempool, counters, faults and block timer state. */
  @Get('state')
  state(): Record<string, unknown> {
    const stats = this.chain.chainStats();
    return {
      chainId: this.chain.chainId,
      blockMs: this.config.blockMs,
      blockProducer: this.producer.status(),
      latestBlockTime: this.chain.latestBlock().time,
      ...stats,
      markets: this.exchange.markets().length,
      exchangeParams: this.chain.exchangeParams(),
      faults: this.faults.current(),
      // requests answered 429 for the per-IP limit (injected 429 faults are not counted here)
      rateLimit: { perSecond: this.rateLimiter.perSecond, burst: this.rateLimiter.burst, refused: this.rateLimiter.refused },
    };
  }
}
