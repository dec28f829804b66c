import type { BatchUpdateOrdersResponseFields } from '@mirrorbook/injective/sim-codec';
import type { SimBatch, SimBatchResult, SimOrderToCreate } from '../exchange/exchange.port';
import type { TxEvent } from './tx-result.model';

/** Injective's fee collector module account. */
export const FEE_COLLECTOR_ADDRESS = 'inj17xpfvakm2amg962yls6f84z3kell8c5l6s5ye9';

function event(type: string, attributes: Record<string, string>): TxEvent {
  return { type, attributes: Object.entries(attributes).map(([key, value]) => ({ key, value, index: true })) };
}

/** Events of the ante handler: fee transfer to the fee collector, `tx` fee / acc_seq / signature. */
export function anteEvents(args: { sender: string; fee: string; sequence: bigint; signatureBase64: string }): TxEvent[] {
  const { sender, fee, sequence, signatureBase64 } = args;
  const feeEvents = fee
    ? [
        event('coin_spent', { spender: sender, amount: fee }),
        event('coin_received', { receiver: FEE_COLLECTOR_ADDRESS, amount: fee }),
        event('transfer', { recipient: FEE_COLLECTOR_ADDRESS, sender, amount: fee }),
        event('message', { sender }),
      ]
    : [];
  return [
    ...feeEvents,
    event('tx', { fee, fee_payer: sender }),
    event('tx', { acc_seq: `${sender}/${sequence}` }),
    event('tx', { signature: signatureBase64 }),
  ];
}

/**
 * Events of one executed batch message: `message` (action, sender, module) and, when orders
 * failed, the exchange's typed `EventOrderFail` (JSON-encoded values, as typed events are).
 */
export function batchEvents(args: {
  msgIndex: number;
  typeUrl: string;
  sender: string;
  senderHex: string;
  result: SimBatchResult;
}): TxEvent[] {
  const { msgIndex, typeUrl, sender, senderHex, result } = args;
  const index = String(msgIndex);
  const events = [event('message', { action: typeUrl, sender, module: 'exchange', msg_index: index })];
  if (result.failures.length > 0) {
    const pkg = typeUrl.includes('.v1beta1.') ? 'injective.exchange.v1beta1' : 'injective.exchange.v2';
    events.push(
      event(`${pkg}.EventOrderFail`, {
        account: JSON.stringify(Buffer.from(senderHex, 'hex').toString('base64')),
        hashes: '[]',
        flags: JSON.stringify(result.failures.map((f) => f.code)),
        cids: JSON.stringify(result.failures.map((f) => f.cid)),
        msg_index: index,
      }),
    );
  }
  return events;
}

/**
 * The chain's `MsgBatchUpdateOrdersResponse` for a batch and its result. Like injective-core,
 * `spotOrderHashes` / `derivativeOrderHashes` hold one entry per create in msg order: the order
 * hash, or the refusal's error code as a decimal string. The exchange reports hashes of accepted
 * creates only, with created and failed cids and failures in processing order (spot, then
 * derivative), so each create's fate is read back from those lists by cid. A create on an
 * unknown market leaves its slot empty (`""`), as the chain does.
 */
export function batchResponseFields(batch: SimBatch, result: SimBatchResult): BatchUpdateOrdersResponseFields {
  const cursor = { created: 0, failed: 0 };
  const spot = perCreate(batch.spotOrdersToCreate, result.spotOrderHashes, result, cursor, SPOT_MARKET_NOT_FOUND);
  const derivative = perCreate(batch.derivativeOrdersToCreate, result.derivativeOrderHashes, result, cursor, DERIVATIVE_MARKET_NOT_FOUND);
  return {
    spotCancelSuccess: result.spotCancelSuccess,
    derivativeCancelSuccess: result.derivativeCancelSuccess,
    spotOrderHashes: spot.hashes,
    derivativeOrderHashes: derivative.hashes,
    createdSpotOrdersCids: spot.created,
    failedSpotOrdersCids: spot.failed,
    createdDerivativeOrdersCids: derivative.created,
    failedDerivativeOrdersCids: derivative.failed,
  };
}

/** exchange error codes of a create on an unknown market (spot / derivative) */
const SPOT_MARKET_NOT_FOUND = 2;
const DERIVATIVE_MARKET_NOT_FOUND = 27;

function perCreate(
  creates: readonly SimOrderToCreate[],
  acceptedHashes: readonly string[],
  result: SimBatchResult,
  cursor: { created: number; failed: number },
  marketNotFoundCode: number,
): { hashes: string[]; created: string[]; failed: string[] } {
  const out = { hashes: [] as string[], created: [] as string[], failed: [] as string[] };
  let nextHash = 0;
  creates.forEach((order, k) => {
    const failure = result.failures[cursor.failed];
    const mayBeAccepted = nextHash < acceptedHashes.length && result.createdOrdersCids[cursor.created] === order.cid;
    const mayBeFailed = failure !== undefined && failure.cid === order.cid;
    // equal cids on both lists (e.g. empty cids): accepted while more hashes remain than creates could fail
    const accepted = mayBeAccepted && (!mayBeFailed || acceptedHashes.length - nextHash >= creates.length - k);
    if (accepted) {
      out.hashes.push(acceptedHashes[nextHash++]!);
      out.created.push(order.cid);
      cursor.created += 1;
    } else {
      const code = mayBeFailed ? failure.code : 1;
      out.hashes.push(code === marketNotFoundCode ? '' : String(code));
      out.failed.push(order.cid);
      if (mayBeFailed) cursor.failed += 1;
    }
  });
  return out;
}
