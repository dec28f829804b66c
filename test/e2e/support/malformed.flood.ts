import { request } from 'node:http';
import { connect } from 'nats';
import { metricSum, STACK_TOKEN, type Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { FLOOD_SUBJECTS, malformedHttpBodies, malformedPayloads } from './malformed.payloads';

/** `mirrorbook_invalid_messages_total` per process and family (NATS families and `http`). */
export type InvalidCounts = Record<string, Record<string, number>>;

export async function invalidCounts(stack: Stack): Promise<InvalidCounts> {
  const out: InvalidCounts = {};
  for (const [name, proc] of stack.procs) {
    if (!proc.running) continue;
    const text = await stack.metrics(name);
    for (const family of [...Object.keys(FLOOD_SUBJECTS), 'http']) {
      const n = metricSum(text, 'mirrorbook_invalid_messages_total', { family });
      if (n) (out[name] ??= {})[family] = n;
    }
  }
  return out;
}

/** after − before, leaving out zeros. */
export function countsDiff(after: InvalidCounts, before: InvalidCounts): InvalidCounts {
  const out: InvalidCounts = {};
  for (const [proc, byFamily] of Object.entries(after)) {
    for (const [family, n] of Object.entries(byFamily)) {
      const d = n - (before[proc]?.[family] ?? 0);
      if (d !== 0) (out[proc] ??= {})[family] = d;
    }
  }
  return out;
}

/** What a NATS flood sent and what the services counted. */
export interface NatsFlood {
  sent: Record<string, number>;
  counted: InvalidCounts;
  /** families no process counted in full */
  uncounted: string[];
  /** process/family pairs that counted some but not all */
  partial: string[];
}

/**
 * Publishes `total` malformed payloads spread evenly over every subject family, then waits until
 * the services' invalid-message counters stop moving. Every process that takes a family must
 * count all of it, and at least one must.
 */
export async function floodNats(stack: Stack, total: number): Promise<NatsFlood> {
  const before = await invalidCounts(stack);
  const families = Object.keys(FLOOD_SUBJECTS);
  const sent: Record<string, number> = Object.fromEntries(families.map((f) => [f, 0]));
  const nc = await connect({ servers: stack.servers.nats.url, name: 'malformed-flood' });
  const payloads = malformedPayloads();
  for (let i = 0; i < total; i++) {
    const family = families[i % families.length]!;
    nc.publish(FLOOD_SUBJECTS[family]!, payloads[Math.floor(i / families.length) % payloads.length]!(family));
    sent[family] += 1;
    if (i % 500 === 499) await nc.flush();
  }
  await nc.flush();
  await nc.close();
  // settled: every family counted in full by each process that counts it (what the test expects),
  // and no change since for longer than a JetStream ack wait (the executor's is 3 s), so a message
  // that is redelivered instead of terminated shows up as counted again. Waiting for the counts
  // themselves, not for a quiet spell alone: a process held up on a loaded machine is not done.
  const history: { at: number; json: string }[] = [];
  let counted: InvalidCounts = {};
  await eventually(
    async () => {
      counted = countsDiff(await invalidCounts(stack), before);
      const now = { at: Date.now(), json: JSON.stringify(counted) };
      history.push(now);
      const { uncounted, partial } = shortfall(families, sent, counted);
      const old = [...history].reverse().find((h) => now.at - h.at >= 4000);
      return uncounted.length === 0 && partial.length === 0 && old !== undefined && history.filter((h) => h.at >= old.at).every((h) => h.json === now.json);
    },
    120_000,
    'the invalid-message counters to settle at what was sent',
    500,
  ).catch((error: Error) => {
    const first = history.find((h) => Date.now() - h.at < 10_000);
    throw new Error(`${error.message}; sent ${JSON.stringify(sent)}; 10 s ago ${first?.json}; now ${history[history.length - 1]?.json}`);
  });
  const { uncounted, partial } = shortfall(families, sent, counted);
  return { sent, counted, uncounted, partial };
}

/** Families no process counted in full, and process/family pairs that counted some but not all (or more). */
function shortfall(families: readonly string[], sent: Record<string, number>, counted: InvalidCounts): { uncounted: string[]; partial: string[] } {
  const uncounted = families.filter((f) => !Object.values(counted).some((byFamily) => byFamily[f] === sent[f]));
  const partial = Object.entries(counted).flatMap(([proc, byFamily]) =>
    Object.entries(byFamily)
      .filter(([f, n]) => f !== 'http' && n !== sent[f])
      .map(([f, n]) => `${proc}/${f}: ${n} of ${sent[f]}`),
  );
  return { uncounted, partial };
}

/** Sends a request from a given loopback address (the gateway rate-limits per client IP). */
function send(url: URL, from: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'PATCH', headers: { ...headers, 'content-length': String(body.length) }, localAddress: from },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * Sends `total` malformed bodies to `PATCH /api/bots/quoter/params` with the right token, 50 per
 * loopback source address (under the gateway's 60 mutations a minute per client). Returns the
 * answers by status and what the gateway counted as invalid HTTP input.
 */
export async function floodHttp(stack: Stack, total: number): Promise<{ statuses: Record<string, number>; counted: number }> {
  const before = await invalidCounts(stack);
  const url = new URL(`${stack.gatewayUrl}/api/bots/quoter/params`);
  const bodies = malformedHttpBodies();
  const statuses: Record<string, number> = {};
  for (let i = 0; i < total; i++) {
    const body = bodies[i % bodies.length]!;
    const status = await send(url, `127.0.0.${2 + Math.floor(i / 50)}`, { authorization: `Bearer ${STACK_TOKEN}`, 'content-type': body.contentType }, body.bytes);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  const counted = countsDiff(await invalidCounts(stack), before).gateway?.http ?? 0;
  return { statuses, counted };
}
