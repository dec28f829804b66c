import { connect, type NatsConnection } from 'nats';
import { bookSnapshotSchema, priceTickSchema } from '@mirrorbook/contracts';
import { metricSum, type Stack } from '@mirrorbook/testing/stack';

/** A feed read as the pacer follows it. */
interface Read {
  height: number;
  role: string;
  market: string;
}

/** How one paced block's turn ended. */
export type TurnEnd = 'chain' | 'acted' | 'no-change' | 'timeout';

/** What the pacer saw, per block it produced. */
export interface PacerRecord {
  height: number;
  end: TurnEnd;
  /** how long the turn took, ms (for the note, never asserted) */
  ms: number;
  /** the strategy's skips on the market during the turn, by reason */
  skips: string;
}

export interface BlockPacer {
  /** from now on a turn also waits for the bot's answer (call once the bot was started) */
  botRunning(): void;
  /** resolves once the pacer produced the block at `height` */
  waitHeight(height: number, timeoutMs?: number): Promise<number>;
  /** resolves once `n` more blocks were produced */
  waitBlocks(n: number): Promise<number>;
  /** the turns so far */
  readonly turns: readonly PacerRecord[];
  /** counts per end, then every turn as height:end:ms */
  summary(): string;
  stop(): Promise<void>;
}

export interface BlockPacerOptions {
  market: string;
  /** a turn the bot neither answered nor declared 'no-change' for ends after this long */
  turnTimeoutMs?: number;
}

/**
 * Produces the blocks of an on-demand sim (`startScenario({ paced: true })`) one turn at a time, so
 * that a bound counted in blocks counts the bot's turns, whatever the machine's load: block h+1
 * comes once the feed published the trading book and the reference price read at height ≥ h, and
 * then — once the bot runs — once the bot answered: its executor broadcast a tx (nothing more
 * happens until that tx is included: the strategy awaits its report), or its strategy ended an
 * evaluation with `no-change`. A turn with neither ends after `turnTimeoutMs`, recorded as `timeout`.
 */
export async function startBlockPacer(stack: Stack, options: BlockPacerOptions): Promise<BlockPacer> {
  const turnTimeoutMs = options.turnTimeoutMs ?? 5000;
  const nc: NatsConnection = await connect({ servers: stack.servers.nats.url, name: 'e2e-block-pacer' });
  // the highest height the feed published a read of, per side of the market
  const readHeight = { trading: -1, reference: -1 };
  const follow = (subject: string, parse: (data: unknown) => Read | null) => {
    const sub = nc.subscribe(subject);
    void (async () => {
      for await (const m of sub) {
        const read = parse(safeJson(m.string()));
        if (read && read.market === options.market && (read.role === 'trading' || read.role === 'reference')) readHeight[read.role] = Math.max(readHeight[read.role], read.height);
      }
    })();
  };
  follow('md.book.>', (d) => nullOnFail(bookSnapshotSchema.safeParse(d)));
  follow('md.price.>', (d) => nullOnFail(priceTickSchema.safeParse(d)));

  const turns: PacerRecord[] = [];
  let running = false;
  let stopped = false;
  let failure: Error | undefined;
  let height = await stack.height();

  const skipsByReason = async (): Promise<Record<string, number>> => {
    const text = await stack.metrics('strategy');
    const out: Record<string, number> = {};
    for (const m of text.matchAll(/^mirrorbook_strategy_skips_total\{([^}]*)\} (\S+)$/gm)) {
      if (!m[1]!.includes(`market="${options.market}"`)) continue;
      const reason = /reason="([^"]*)"/.exec(m[1]!)?.[1] ?? '?';
      out[reason] = (out[reason] ?? 0) + Number(m[2]);
    }
    return out;
  };
  const noChangeSkips = async () => metricSum(await stack.metrics('strategy'), 'mirrorbook_strategy_skips_total', { market: options.market, reason: 'no-change' });

  /** the bot's answer is on its way into the next block: its executor broadcast a tx */
  const txWaiting = async (): Promise<boolean> => Number((await stack.simState()).mempoolSize) > 0;

  const turn = async (h: number): Promise<TurnEnd> => {
    const readsDeadline = Date.now() + 60_000;
    while (readHeight.trading < h || readHeight.reference < h) {
      if (stopped) return 'chain';
      if (Date.now() > readsDeadline) throw new Error(`block pacer: the feed published no ${options.market} book and price read at height >= ${h} in 60 s`);
      await sleep(20);
    }
    if (!running) return 'chain';
    const skipsBefore = await noChangeSkips();
    const deadline = Date.now() + turnTimeoutMs;
    while (!stopped) {
      if (await txWaiting()) return 'acted';
      if ((await noChangeSkips()) > skipsBefore) return 'no-change';
      if (Date.now() > deadline) return 'timeout';
      await sleep(25);
    }
    return 'chain';
  };

  const loop = (async () => {
    try {
      while (!stopped) {
        const began = Date.now();
        const before = await skipsByReason();
        const end = await turn(height);
        if (stopped) break;
        turns.push({ height, end, ms: Date.now() - began, skips: diffText(await skipsByReason(), before) });
        const produced = (await stack.simAdmin('blocks', { count: 1 })) as { height: number };
        height = produced.height;
      }
    } catch (e) {
      failure = e as Error;
    }
  })();

  const waitHeight = async (target: number, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    while (height < target) {
      if (failure) throw failure;
      if (Date.now() > deadline) throw new Error(`block pacer: height ${target} not reached in ${timeoutMs} ms (at ${height}; ${summary()})`);
      await sleep(20);
    }
    return height;
  };
  const summary = () => {
    const counts: Record<TurnEnd, number> = { acted: 0, 'no-change': 0, chain: 0, timeout: 0 };
    for (const t of turns) counts[t.end] += 1;
    const text = Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    return `${text}; (height:end:ms) ${turns.map((t) => `${t.height}:${t.end}:${t.ms}${t.skips ? `[${t.skips}]` : ''}`).join(' ')}`;
  };

  return {
    botRunning: () => {
      running = true;
    },
    waitHeight,
    waitBlocks: async (n) => waitHeight(height + n),
    turns,
    summary,
    stop: async () => {
      stopped = true;
      await loop;
      await nc.close();
    },
  };
}

function diffText(after: Record<string, number>, before: Record<string, number>): string {
  return Object.entries(after)
    .filter(([k, v]) => v > (before[k] ?? 0))
    .map(([k, v]) => `${k}+${v - (before[k] ?? 0)}`)
    .join(',');
}

function nullOnFail<T>(parsed: { success: true; data: T } | { success: false }): T | null {
  return parsed.success ? parsed.data : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
