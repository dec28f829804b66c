/**
 * Records what a real Injective node answers on the routes mirrorbook reads: status, headers and
 * body, with the capture date and the node's identity, one JSON file per request. Read-only (GET
 * only), and paced well under the public nodes' per-IP limit. Used by
 * `scripts/record-lcd-fixtures.ts`; the parser tests (test/contract/recorded-replies.spec.ts) read
 * every file it wrote.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One recorded request. */
export interface RecordedReply {
  /** the route template as Injective defines it (test/fixtures/injective-routes.json) */
  route: string;
  path: string;
  network: string;
  /** ISO-8601 */
  capturedAt: string;
  /** `default_node_info` of the node that answered: network (chain id) and version */
  node: { network: string | null; version: string | null };
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A request to record: the route template and the concrete path (with its query). */
export interface RecordTarget {
  route: string;
  path: string;
  /** file name without `.json` */
  name: string;
}

/** Market ids of a network's side of the configured pairs. */
export interface RecordMarkets {
  spot: string[];
  derivative: string[];
}

/** What to read for a network: every market's reads, the chain's parameters, and a wallet's when given. */
export function recordTargets(markets: RecordMarkets, wallet?: { address: string; subaccountId: string }): RecordTarget[] {
  const targets: RecordTarget[] = [
    { route: '/cosmos/base/tendermint/v1beta1/blocks/latest', path: '/cosmos/base/tendermint/v1beta1/blocks/latest', name: 'blocks-latest' },
    { route: '/cosmos/base/tendermint/v1beta1/node_info', path: '/cosmos/base/tendermint/v1beta1/node_info', name: 'node-info' },
    { route: '/injective/exchange/v2/exchangeParams', path: '/injective/exchange/v2/exchangeParams', name: 'exchange-params' },
    { route: '/injective/txfees/v1beta1/params', path: '/injective/txfees/v1beta1/params', name: 'txfees-params' },
    { route: '/injective/txfees/v1beta1/cur_eip_base_fee', path: '/injective/txfees/v1beta1/cur_eip_base_fee', name: 'txfees-base-fee' },
  ];
  for (const [kind, ids] of [['spot', markets.spot], ['derivative', markets.derivative]] as const) {
    for (const id of ids) {
      const short = id.slice(0, 10);
      targets.push(
        { route: `/injective/exchange/v2/${kind}/markets/{market_id}`, path: `/injective/exchange/v2/${kind}/markets/${id}`, name: `${kind}-market-${short}` },
        { route: `/injective/exchange/v2/${kind}/orderbook/{market_id}`, path: `/injective/exchange/v2/${kind}/orderbook/${id}?limit=20`, name: `${kind}-orderbook-${short}` },
        { route: `/injective/exchange/v2/${kind}/mid_price_and_tob/{market_id}`, path: `/injective/exchange/v2/${kind}/mid_price_and_tob/${id}`, name: `${kind}-tob-${short}` },
      );
      if (wallet) {
        targets.push({
          route: `/injective/exchange/v2/${kind}/orders/{market_id}/{subaccount_id}`,
          path: `/injective/exchange/v2/${kind}/orders/${id}/${wallet.subaccountId}`,
          name: `${kind}-orders-${short}`,
        });
      }
    }
  }
  if (wallet) {
    targets.push(
      { route: '/cosmos/auth/v1beta1/accounts/{address}', path: `/cosmos/auth/v1beta1/accounts/${wallet.address}`, name: 'account' },
      // the pair that shows where the default subaccount's funds are: bank vs deposits
      { route: '/cosmos/bank/v1beta1/balances/{address}', path: `/cosmos/bank/v1beta1/balances/${wallet.address}?pagination.limit=1000`, name: 'bank-balances' },
      { route: '/injective/exchange/v2/exchange/subaccountDeposits', path: `/injective/exchange/v2/exchange/subaccountDeposits?subaccount_id=${wallet.subaccountId}`, name: 'subaccount-deposits' },
      { route: '/injective/exchange/v2/subaccount_positions/{subaccount_id}', path: `/injective/exchange/v2/subaccount_positions/${wallet.subaccountId}`, name: 'positions' },
    );
  }
  return targets;
}

/** Records every target from `lcdUrl` into `outDir`, one request at a time, `gapMs` apart. Returns the files written. */
export async function recordReplies(options: {
  lcdUrl: string;
  network: string;
  targets: readonly RecordTarget[];
  outDir: string;
  gapMs?: number;
  onProgress?: (done: number, total: number, target: RecordTarget, status: number) => void;
}): Promise<string[]> {
  mkdirSync(options.outDir, { recursive: true });
  const nodeInfo = await fetchJson(options.lcdUrl, '/cosmos/base/tendermint/v1beta1/node_info');
  const info = (nodeInfo.body as { default_node_info?: { network?: string; version?: string } } | null)?.default_node_info;
  const node = { network: info?.network ?? null, version: info?.version ?? null };
  const written: string[] = [];
  for (const [i, target] of options.targets.entries()) {
    if (i > 0) await new Promise((r) => setTimeout(r, options.gapMs ?? 250));
    const reply = await fetchJson(options.lcdUrl, target.path);
    const recorded: RecordedReply = { route: target.route, path: target.path, network: options.network, capturedAt: new Date().toISOString(), node, ...reply };
    const file = join(options.outDir, `${target.name}.json`);
    writeFileSync(file, `${JSON.stringify(recorded, null, 2)}\n`);
    written.push(file);
    options.onProgress?.(i + 1, options.targets.length, target, reply.status);
  }
  return written;
}

async function fetchJson(base: string, path: string): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  const res = await fetch(`${base.replace(/\/$/, '')}${path}`, { headers: { accept: 'application/json' } });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text: a proxy's HTML error page is a reply worth recording too
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return { status: res.status, headers, body };
}
