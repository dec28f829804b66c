import { z } from 'zod';

const rate = z.number().min(0).max(1);

/**
 * Faults the sim injects on demand (config `faults`, or `POST /sim/admin/faults`). Every random
 * decision draws from the sim's seeded RNG, so a run with the same seed, config and requests
 * fails the same requests.
 */
export const faultsSchema = z
  .object({
    /** fraction of LCD requests answered HTTP 503 `{"code":14,"message":"unavailable…"}`; default 0 */
    http5xxRate: rate.default(0),
    /** fraction of LCD requests answered HTTP 429 Too Many Requests; default 0 */
    http429Rate: rate.default(0),
    /** milliseconds added to every LCD request; default 0 */
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    /** fraction of broadcasts accepted with code 0 but never included (dropped from the mempool); default 0 */
    dropBroadcastRate: rate.default(0),
    /** the next N blocks are produced empty while the mempool keeps its txs; default 0 */
    stuckMempoolBlocks: z.number().int().min(0).max(1_000_000).default(0),
    /**
     * fraction of broadcasts answered as a node a block behind (a public LCD behind a load
     * balancer): refused with code 32 naming an "expected" sequence one below the committed one; default 0
     */
    laggingNodeRate: rate.default(0),
    /**
     * the open-orders queries are answered as a node this many blocks behind (a load-balanced public
     * LCD whose backend lags): the height header says latest − N and orders created in the last N
     * blocks are left out; default 0
     */
    staleOpenOrdersBlocks: z.number().int().min(0).max(1_000).default(0),
    /** true: the block timer produces no block (a halted chain) until set false again; `POST /sim/admin/blocks` still does; default false */
    haltBlocks: z.boolean().default(false),
  })
  .strict();

/** Current fault settings. */
export type Faults = z.infer<typeof faultsSchema>;

/** One account whose sequence jumps as if another client had used its key. */
export const sequenceDriftSchema = z
  .object({
    /** `inj1…` address of a known account */
    address: z.string().min(1),
    /** how many sequences to skip (committed and check state); default 1 */
    by: z.number().int().min(1).max(1_000_000).default(1),
  })
  .strict();

/**
 * Body of `POST /sim/admin/faults`: the fault fields given replace the current ones (the rest
 * stay); `sequenceDrift` is applied once, at once.
 */
export const faultsUpdateSchema = z
  .object({
    http5xxRate: rate.optional(),
    http429Rate: rate.optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    dropBroadcastRate: rate.optional(),
    stuckMempoolBlocks: z.number().int().min(0).max(1_000_000).optional(),
    laggingNodeRate: rate.optional(),
    staleOpenOrdersBlocks: z.number().int().min(0).max(1_000).optional(),
    haltBlocks: z.boolean().optional(),
    sequenceDrift: z.array(sequenceDriftSchema).max(1000).optional(),
    /** true = all faults back to 0 before the other fields apply */
    reset: z.boolean().optional(),
  })
  .strict();

/** A parsed `POST /sim/admin/faults` body. */
export type FaultsUpdate = z.infer<typeof faultsUpdateSchema>;
