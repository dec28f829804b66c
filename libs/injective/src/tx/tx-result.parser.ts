import { chainErrorFromTxResponse } from '../errors/chain-error.parser';
import type { ChainTxError } from '../errors/chain-tx.error';
import { MalformedResponseError } from '../errors/malformed-response.error';
import type { LcdTxResponse } from '../lcd/schemas/tx-response.schema';
import { decodeBatchUpdateOrdersData } from './batch-update-orders-response.codec';

/** What became of one order to create, at its index in the msg. */
export interface OrderCreateResult {
  /** 0x order hash when the order was accepted (resting or filled) */
  readonly orderHash: string | null;
  /** the chain's ABCI error code when it was refused (e.g. post-only would cross); else null */
  readonly failureCode: number | null;
}

/** An included tx and what its `MsgBatchUpdateOrders` did. */
export interface TxResult {
  /** upper-case hex */
  readonly txHash: string;
  readonly height: number;
  /** 0 = success; else see `error` */
  readonly code: number;
  readonly codespace: string;
  readonly rawLog: string;
  readonly gasWanted: number;
  readonly gasUsed: number;
  /** hashes of accepted creates: spot first, then derivative, each in msg order */
  readonly createdOrderHashes: readonly string[];
  /** cids of accepted creates, spot then derivative */
  readonly createdCids: readonly string[];
  /** cids of refused creates, spot then derivative */
  readonly failedCids: readonly string[];
  /** per spot create, in msg order (empty when the tx failed) */
  readonly spotCreateResults: readonly OrderCreateResult[];
  /** per derivative create, in msg order */
  readonly derivativeCreateResults: readonly OrderCreateResult[];
  /** per spot cancel by hash/cid, in msg order: false when the order was not found */
  readonly spotCancelSuccess: readonly boolean[];
  readonly derivativeCancelSuccess: readonly boolean[];
  /** the typed failure of a tx with code ≠ 0 (fee and sequence were consumed), else null */
  readonly error: ChainTxError | null;
  /** the fee the ante handler took (the `tx` event's `fee`), base units per denom; empty when none */
  readonly feePaid: readonly PaidCoin[];
}

/** An amount of one denom, base units (the chain's integer). */
export interface PaidCoin {
  readonly denom: string;
  readonly amount: bigint;
}

const COIN = /^(\d+)([a-zA-Z][a-zA-Z0-9/:._-]*)$/;

const ORDER_HASH = /^0x[0-9a-fA-F]{64}$/;

/**
 * Reads a `GET /cosmos/tx/v1beta1/txs/{hash}` response: status fields, and the batch outcome
 * decoded from `tx_response.data` (hex `TxMsgData` holding a `MsgBatchUpdateOrdersResponse`).
 * Throws `MalformedResponseError` (path `tx_response.data`) when `data` cannot be decoded.
 */
export function parseTxResult(response: LcdTxResponse, endpoint: string): TxResult {
  let outcome: ReturnType<typeof decodeBatchUpdateOrdersData>;
  try {
    outcome = response.code === 0 ? decodeBatchUpdateOrdersData(response.data) : null;
  } catch (error) {
    throw new MalformedResponseError(endpoint, 'tx_response.data', 'not a hex TxMsgData', { cause: error });
  }
  const spotCreateResults = (outcome?.spotOrderHashes ?? []).map(createResult);
  const derivativeCreateResults = (outcome?.derivativeOrderHashes ?? []).map(createResult);
  return {
    txHash: response.txhash.toUpperCase(),
    height: response.height,
    code: response.code,
    codespace: response.codespace,
    rawLog: response.raw_log,
    gasWanted: response.gas_wanted,
    gasUsed: response.gas_used,
    createdOrderHashes: [...spotCreateResults, ...derivativeCreateResults]
      .map((r) => r.orderHash)
      .filter((hash): hash is string => hash !== null),
    createdCids: [...(outcome?.createdSpotOrdersCids ?? []), ...(outcome?.createdDerivativeOrdersCids ?? [])],
    failedCids: [...(outcome?.failedSpotOrdersCids ?? []), ...(outcome?.failedDerivativeOrdersCids ?? [])],
    spotCreateResults,
    derivativeCreateResults,
    spotCancelSuccess: outcome?.spotCancelSuccess ?? [],
    derivativeCancelSuccess: outcome?.derivativeCancelSuccess ?? [],
    error: chainErrorFromTxResponse(response),
    feePaid: feePaidOf(response.events),
  };
}

/**
 * The fee of the `tx` event the ante handler emits (`{"type":"tx","attributes":[{"key":"fee",
 * "value":"64000000000000inj"},{"key":"fee_payer",…}]}`; coins comma-separated), parsed to base
 * units. Pure.
 */
export function feePaidOf(events: readonly { type: string; attributes?: readonly { key: string; value?: string | null }[] }[]): PaidCoin[] {
  const fee = events.filter((e) => e.type === 'tx').flatMap((e) => e.attributes ?? []).find((a) => a.key === 'fee')?.value ?? '';
  return fee
    .split(',')
    .map((text) => COIN.exec(text.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ denom: m[2], amount: BigInt(m[1]) }));
}

function createResult(hashOrCode: string): OrderCreateResult {
  if (ORDER_HASH.test(hashOrCode)) return { orderHash: hashOrCode, failureCode: null };
  // injective-core writes the ABCI code of the refusal; an empty slot means the market was unknown
  return { orderHash: null, failureCode: /^\d+$/.test(hashOrCode) ? Number(hashOrCode) : null };
}
