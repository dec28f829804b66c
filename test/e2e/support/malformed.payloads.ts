import { randomBytes } from 'node:crypto';

const enc = new TextEncoder();
const json = (value: unknown) => enc.encode(JSON.stringify(value));

/** A payload of `family` that is valid but for one field, so only the schema can refuse it. */
function almostValid(family: string): Record<string, unknown> {
  const now = Date.now();
  switch (family) {
    case 'mdPrice':
      return { v: 1, net: 'sim', role: 'reference', market: 'inj-usdt', bid: '25', ask: '25.1', mid: 'NaN', last: null, source: 'mid', height: 1, ts: now, seq: 1 };
    case 'mdBook':
      return { v: 1, net: 'sim', role: 'trading', market: 'inj-usdt', bids: [{ price: '-1', quantity: '1' }], asks: [], orderCount: -5, height: 1, ts: now, seq: 1 };
    case 'mdStatus':
      return { v: 1, market: 'inj-usdt', state: 'on-fire', ts: now, seq: 1 };
    case 'intent':
      return { v: 1, id: 'chaos', wallet: 'w1', bot: 'quoter', plans: [], ts: now, deadline: now + 60_000 };
    case 'execReport':
      return { v: 1, wallet: 'w1', intentIds: [], outcome: 'exploded', txHash: 'xyz', height: -1, code: 0, codespace: null, createdOrderHashes: [], cancelledOrderHashes: [], failed: [], latency: {}, error: null, ts: now };
    case 'orderEvent':
      return { v: 1, wallet: 'w1', market: 'inj-usdt', kind: 'teleported', orderHash: 'nope', cid: null, side: 'up', price: '1', quantity: '1', reason: null, height: null, ts: now };
    case 'botState':
      return { v: 1, bot: 'quoter', desired: 'exploding', params: {}, by: 'chaos', updatedAt: now };
    default:
      return { v: 1, app: 'executor', instance: 'chaos-1', state: 'levitating', ts: now };
  }
}

/**
 * Ways a NATS payload can be broken, each a function of the subject's family: bytes that are not
 * JSON, JSON of the wrong shape, wrong schema version, almost-valid payloads with one bad field,
 * oversized and deeply nested values, prototype-pollution keys. None of them is valid for any family.
 */
export function malformedPayloads(): ((family: string) => Uint8Array)[] {
  return [
    () => randomBytes(64),
    () => new Uint8Array(0),
    () => enc.encode('{"v":1,"market":'),
    () => enc.encode('not json at all'),
    () => enc.encode('\u0000\u0001\u0002'),
    () => json(null),
    () => json(42),
    () => json('a string'),
    () => json([1, 2, 3]),
    () => json({}),
    (f) => json({ ...almostValid(f), v: 2 }),
    (f) => json(almostValid(f)),
    (f) => json({ ...almostValid(f), extra: 'field', v: '1' }),
    () => enc.encode(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"v":1}`),
    () => enc.encode('['.repeat(5000) + ']'.repeat(5000)),
    () => json({ v: 1, blob: 'x'.repeat(200_000) }),
    () => enc.encode('{"v":1,"ts":1e999,"seq":-0}'),
    () => enc.encode('\uFEFF{"v":1}'),
  ];
}

/** A malformed HTTP request body with its content type. */
export interface MalformedBody {
  contentType: string;
  bytes: Buffer;
}

/**
 * Bodies for `PATCH /api/bots/:id/params` that must all be refused: broken JSON, JSON that is not
 * an object, parameters of the wrong type or range, unknown parameters, prototype pollution,
 * deep nesting, an oversized body, and the wrong content type. None changes a parameter.
 */
export function malformedHttpBodies(): MalformedBody[] {
  const j = (s: string) => ({ contentType: 'application/json', bytes: Buffer.from(s) });
  return [
    j('{"baseSize": '),
    j('{baseSize: 2}'),
    j("{'baseSize': '2'}"),
    j('{"baseSize": "2",}'),
    j('null'),
    j('[]'),
    j('"baseSize"'),
    j('42'),
    j('{"baseSize": "abc"}'),
    j('{"baseSize": -1}'),
    j('{"baseSize": "-1"}'),
    j('{"maintenance": {"perSide": {"min": 9, "max": 1}}}'),
    j('{"maintenance": {"perSide": "lots"}}'),
    j('{"leverage": "0"}'),
    j('{"noSuchParameter": true}'),
    j('{"__proto__": {"baseSize": "999"}}'),
    j('{"constructor": {"prototype": {"baseSize": "999"}}}'),
    j('{"bookBuilding": {"tiers": "none"}}'),
    j('{"intentTtlMs": "soon"}'),
    j(`{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`),
    j(`{"baseSize": "${'9'.repeat(2 * 1024 * 1024)}"}`),
    { contentType: 'application/json', bytes: randomBytes(256) },
    { contentType: 'application/json', bytes: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) },
    { contentType: 'text/plain', bytes: Buffer.from('{"baseSize": "abc"}') },
  ];
}

/** One subject per payload family, as a stack with wallet `w1`, bot `quoter` and inj-usdt uses them. */
export const FLOOD_SUBJECTS: Readonly<Record<string, string>> = {
  mdPrice: 'md.price.sim.inj-usdt',
  mdBook: 'md.book.sim.inj-usdt',
  mdStatus: 'md.status.inj-usdt',
  intent: 'intent.w1',
  execReport: 'exec.report.w1',
  orderEvent: 'orders.w1.inj-usdt',
  botState: 'bot.state.quoter',
  heartbeat: 'svc.heartbeat.executor.chaos-1',
};
