import type { BatchIntent, ExecutionReport, PriceTick } from '@mirrorbook/contracts';

/** How long one mainnet price move took to reach testnet. All times ms since epoch. */
export interface TickReaction {
  market: string;
  /** seq of the reference tick that carried the move */
  seq: number;
  /** when the feed read the moved price (`PriceTick.ts`) */
  tickAt: number;
  /** first intent planned from this tick or a newer one (`BatchIntent.ts`) */
  intentAt: number;
  /** broadcast of the first applied tx carrying such an intent */
  broadcastAt: number;
  /** when the block holding that tx was first seen; null when the block was not observed */
  includedAt: number | null;
  height: number;
}

/** The outcome of matching ticks to transactions. */
export interface ReactionMatch {
  reactions: TickReaction[];
  /** moves in the window that no applied tx answered (e.g. the window ended first) */
  unanswered: number;
}

/**
 * For every reference tick whose mid moved (against the previous reference tick of its market),
 * finds the first applied tx whose intents planned that market from this tick or a newer one
 * (`basedOn.priceSeq >= tick.seq`): the mainnet tick → testnet broadcast latency of the whole
 * pipeline (feed → strategy, which waits for the next book snapshot → executor). A merged tx's
 * broadcast time is the earliest of its intents' `ts` + `latency.toBroadcastMs` (the executor
 * measures from the earliest intent it merged). Only ticks read within `[from, to]` count.
 */
export function matchTickReactions(
  ticks: readonly PriceTick[],
  intents: ReadonlyMap<string, BatchIntent>,
  reports: readonly ExecutionReport[],
  blockSeenAt: ReadonlyMap<number, number>,
  from: number,
  to: number,
): ReactionMatch {
  // per market, intents planned from a tick seq, in planning order
  const planned = new Map<string, { priceSeq: number; ts: number; id: string }[]>();
  for (const intent of intents.values()) {
    for (const plan of intent.plans) {
      const list = planned.get(plan.market) ?? [];
      list.push({ priceSeq: plan.basedOn.priceSeq, ts: intent.ts, id: intent.id });
      planned.set(plan.market, list);
    }
  }
  for (const list of planned.values()) list.sort((a, b) => a.ts - b.ts);

  // per intent id, the applied tx that carried it
  const txOf = new Map<string, { broadcastAt: number; height: number }>();
  for (const report of reports) {
    if (report.outcome !== 'applied' || report.latency.toBroadcastMs === null || report.height === null) continue;
    const plannedAt = Math.min(...report.intentIds.map((id) => intents.get(id)?.ts ?? Number.POSITIVE_INFINITY));
    if (!Number.isFinite(plannedAt)) continue;
    const tx = { broadcastAt: plannedAt + report.latency.toBroadcastMs, height: report.height };
    for (const id of report.intentIds) if (!txOf.has(id)) txOf.set(id, tx);
  }

  const reactions: TickReaction[] = [];
  let unanswered = 0;
  const lastMid = new Map<string, string>();
  const references = ticks.filter((t) => t.role === 'reference').sort((a, b) => a.seq - b.seq);
  for (const tick of references) {
    const previous = lastMid.get(tick.market);
    lastMid.set(tick.market, tick.mid);
    if (previous === undefined || previous === tick.mid || tick.ts < from || tick.ts > to) continue;
    let best: TickReaction | undefined;
    let intentAt: number | undefined;
    for (const p of planned.get(tick.market) ?? []) {
      if (p.priceSeq < tick.seq) continue;
      intentAt ??= p.ts;
      const tx = txOf.get(p.id);
      if (!tx) continue;
      if (!best || tx.broadcastAt < best.broadcastAt) {
        best = {
          market: tick.market, seq: tick.seq, tickAt: tick.ts, intentAt: intentAt, broadcastAt: tx.broadcastAt,
          includedAt: firstSeenAtOrAbove(blockSeenAt, tx.height), height: tx.height,
        };
      }
      // intents are in planning order: a later one cannot have been broadcast much earlier, but a
      // merged tx can carry it: keep scanning a few more
      if (best && p.ts > best.broadcastAt) break;
    }
    if (best) reactions.push(best);
    else unanswered++;
  }
  return { reactions, unanswered };
}

/** The first time a height ≥ `height` was seen. */
function firstSeenAtOrAbove(seen: ReadonlyMap<number, number>, height: number): number | null {
  const exact = seen.get(height);
  if (exact !== undefined) return exact;
  let best: number | null = null;
  for (const [h, at] of seen) if (h >= height && (best === null || at < best)) best = at;
  return best;
}
