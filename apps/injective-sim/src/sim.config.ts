import { z } from 'zod';
import { isInjAddress } from '@mirrorbook/injective';
import { simExchangeConfigSchema } from './exchange/sim-exchange.config';
import { faultsSchema } from './faults/faults.schema';

const humanAmount = z.string().regex(/^\d+(\.\d+)?$/, 'must be a plain non-negative decimal string, e.g. "1000.5"');
const uint = z.union([z.string().regex(/^\d+$/, 'must be a non-negative integer'), z.number().int().nonnegative(), z.bigint()]);

/** An account that exists from block 0, with its bank balances. */
export const genesisAccountSchema = z
  .object({
    /** bech32 `inj1…` address */
    address: z.string().refine(isInjAddress, 'must be a valid bech32 inj1… account address'),
    /** bank denom → amount in human units (e.g. `{"inj":"1000","peggy0x87aB…":"50000"}`); default none */
    balances: z.record(z.string().min(1), humanAmount).default({}),
  })
  .strict();

/** State at height 0. */
export const genesisSchema = z
  .object({
    /** ISO-8601 time of block 0; block h is stamped `time + h × blockMs` (700 ms when blocks are on demand). Default: the start time */
    time: z.string().datetime({ offset: true }).optional(),
    /** account number of the first genesis account; the others count up in list order; default 10 */
    firstAccountNumber: z.number().int().min(0).default(10),
    accounts: z.array(genesisAccountSchema).default([]),
  })
  .strict();

/** The exchange module parameters the sim answers at `/injective/exchange/v2/exchangeParams`. */
export const simExchangeParamsSchema = z
  .object({
    /** charge the fixed per-order gas table instead of metered gas; default false, as in injective-core's default params */
    fixedGasEnabled: z.boolean().default(false),
    /** most resting orders per side of a derivative market per subaccount; default 100 */
    maxDerivativeOrderSideCount: z.number().int().min(0).default(100),
    /** post-only mode lasts below this height (crossing limit creates refused, code 59, market orders 96; `POST /sim/admin/post-only-mode` moves it); default 0 = off */
    postOnlyModeHeightThreshold: z.number().int().min(0).default(0),
  })
  .strict();

/** The exchange module parameters, parsed. */
export type SimExchangeParams = z.infer<typeof simExchangeParamsSchema>;

/**
 * The sim's whole configuration: `config/sim.json` (when present) plus `SIM_*` environment
 * overrides, parsed once at start by `loadSimConfig`.
 */
export const simConfigSchema = z
  .object({
    /** chain id signed into every sign doc; default `injective-sim-1` */
    chainId: z.string().min(1).default('injective-sim-1'),
    /** listen address; default 127.0.0.1 (env SIM_HOST) */
    host: z.string().min(1).default('127.0.0.1'),
    /** listen port, 0 = any free port; default 7700 (env SIM_PORT) */
    port: z.number().int().min(0).max(65_535).default(7700),
    /** ms between blocks; 0 = blocks only on `POST /sim/admin/blocks`; default 700 (env SIM_BLOCK_MS) */
    blockMs: z.number().int().min(0).max(3_600_000).default(700),
    /** seed of every random draw (faults; also the exchange's unless `exchange.seed` is set); default "mirrorbook" (env SIM_SEED) */
    seed: z.union([z.string().min(1), z.number().int()]).default('mirrorbook'),
    /** minimum fee per gas unit, base units of `inj` (10^-18 INJ); default 160000000 (env SIM_MIN_GAS_PRICE) */
    minGasPrice: uint.default('160000000').transform((v) => BigInt(v)),
    /** current EIP-1559 base fee per gas unit (`/injective/txfees/v1beta1/cur_eip_base_fee`); fees below gas × max(minGasPrice, eipBaseFee) are refused; default 160000000 (env SIM_EIP_BASE_FEE) */
    eipBaseFee: uint.default('160000000').transform((v) => BigInt(v)),
    /** the exchange module parameters (fixed gas, order side count, post-only mode) */
    exchangeParams: simExchangeParamsSchema.default({}),
    /** txs the mempool holds before broadcasts answer code 20 (mempool is full); default 5000 */
    mempoolMaxTxs: z.number().int().min(1).default(5000),
    /** largest gas limit a tx may ask for (block max gas); default 30000000 */
    maxGasPerTx: z.number().int().min(1).default(30_000_000),
    /** executed txs kept for lookup by hash (older ones answer "not found", as on a pruning node); default 20000 */
    txIndexRetain: z.number().int().min(1).default(20_000),
    /**
     * chain requests (LCD, not /sim/admin) one client IP may send per second, as public nodes allow;
     * beyond, HTTP 429 with the gRPC-gateway error body. 0 = no limit. Default 20 (env
     * SIM_RATE_LIMIT_PER_S). Every loopback client shares one IP, as every process on a machine does.
     */
    rateLimitPerSecond: z.number().int().min(0).default(20),
    /**
     * requests one IP may send back to back after a quiet spell (the per-IP bucket's size); default
     * 20, one second's worth: the sim stamps a request when its event loop reaches it, so a stall of
     * a few hundred ms (a block, a busy machine) makes on-time requests arrive bunched
     */
    rateLimitBurst: z.number().int().min(1).default(20),
    genesis: genesisSchema.default({}),
    faults: faultsSchema.default({}),
    /** the exchange module: price process, synthetic depth and takers (see exchange/sim-exchange.config.ts) */
    exchange: simExchangeConfigSchema.default({}),
  })
  .strict();

/** The parsed configuration (defaults filled in). */
export type SimConfig = z.infer<typeof simConfigSchema>;
/** The configuration as written: every field optional. */
export type SimConfigInput = z.input<typeof simConfigSchema>;
