import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { Dec } from '@mirrorbook/market';
import { z } from 'zod';
import { BlockProducer } from '../chain/block.producer';
import { isInjAddress } from '@mirrorbook/injective';
import { SimChain } from '../chain/sim.chain';
import type { ExchangePort } from '../exchange/exchange.port';
import { FaultState } from '../faults/fault.state';
import { faultsUpdateSchema, type Faults, type FaultsUpdate } from '../faults/faults.schema';
import { hasPriceControl } from '../price-control.port';
import { EXCHANGE_PORT, SIM_CONFIG, SIM_RATE_LIMITER } from '../sim.tokens';
import type { PerIpLimiter } from '../limits/per-ip.limiter';
import type { SimConfig } from '../sim.config';
import { GRPC_CODE, LcdError } from './lcd.error';
import { ZodPipe } from './zod-body.pipe';

const blocksBodySchema = z.object({ count: z.number().int().min(1).max(10_000).default(1) }).strict();
const priceBodySchema = z
  .object({
    marketId: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x + 64 hex digits'),
    price: z.union([z.string().regex(/^\d+(\.\d+)?$/, 'must be a positive decimal string'), z.number().positive()]),
  })
  .strict();
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
      faults: this.faults.current(),
      // requests answered 429 for the per-IP limit (injected 429 faults are not counted here)
      rateLimit: { perSecond: this.rateLimiter.perSecond, burst: this.rateLimiter.burst, refused: this.rateLimiter.refused },
    };
  }
}
