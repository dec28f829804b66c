/** Share of each host's budget kept free for the LCD client's retries. */
export const RETRY_HEADROOM = 0.15;

/** At most this share of the usable budget goes to block height queries. */
export const HEIGHT_SHARE = 0.1;

/** What one host serves. */
export interface HostLoad {
  readonly host: string;
  /** requests one full poll of every market costs on the host (reference prices and trading books) */
  readonly requestsPerCycle: number;
  /** requests one reference-book read of every market costs on the host (read every `refBookEvery` polls) */
  readonly refBookRequests: number;
}

export interface PollBudgetInput {
  /** wanted interval between two polls of one market, ms */
  readonly pollIntervalMs: number;
  /** wanted interval between two reads of one market's reference book, ms */
  readonly refBookIntervalMs: number;
  /** requests per second allowed per host */
  readonly budgetPerSecond: number;
  readonly hosts: readonly HostLoad[];
  readonly marketCount: number;
}

/** The cadence in force. */
export interface PollPlan {
  /** interval between two polls of one market, ms */
  readonly intervalMs: number;
  /** true when the budget forced a longer interval than wanted */
  readonly throttled: boolean;
  /** markets are polled one after another, one every `slotMs` (even spacing) */
  readonly slotMs: number;
  /** a market's reference book is read on every `refBookEvery`-th poll of the market */
  readonly refBookEvery: number;
  /** interval between two reads of one market's reference book in force, ms (`refBookEvery` × `intervalMs`) */
  readonly refBookIntervalMs: number;
  /** how often each host's block height is refreshed, ms */
  readonly heightRefreshMs: number;
  /** requests per second each host should see at this cadence (height queries included) */
  readonly expectedRatePerHost: Readonly<Record<string, number>>;
}

/**
 * Block heights: once per wanted interval, but never more than `HEIGHT_SHARE` of the usable
 * budget (pure).
 */
export function heightRefreshMs(pollIntervalMs: number, budgetPerSecond: number): number {
  const usable = budgetPerSecond * (1 - RETRY_HEADROOM);
  return Math.max(pollIntervalMs, Math.ceil(1000 / (usable * HEIGHT_SHARE)));
}

/**
 * Reference books are read on every n-th poll of a market (pure): the wanted interval rounded up
 * to whole polls, so they never come more often than wanted and stretch with the polls when the
 * budget throttles them.
 */
export function refBookEvery(refBookIntervalMs: number, pollIntervalMs: number): number {
  return Math.max(1, Math.ceil(refBookIntervalMs / pollIntervalMs));
}

/**
 * Whether slot `slot` (market `slot % marketCount` of cycle `slot / marketCount`) reads its
 * market's reference book (pure). Each market once every `every` cycles, and the markets take turns
 * so that a cycle carries about `marketCount / every` of them instead of all at once.
 */
export function isRefBookDue(slot: number, marketCount: number, every: number): boolean {
  const cycle = Math.floor(slot / marketCount);
  return (cycle + (slot % marketCount)) % every === 0;
}

/**
 * The poll interval every market gets (pure): the wanted one, stretched evenly for all markets
 * until the busiest host's requests per cycle — reference books included, a `1 / refBookEvery`
 * share of theirs per cycle — fit its usable budget (the budget minus `RETRY_HEADROOM`, minus the
 * height queries). The rate limiter enforces the limit whatever happens; this keeps its queue
 * short so that intervals stay even and data stays young.
 */
export function planPolling(input: PollBudgetInput): PollPlan {
  const usable = input.budgetPerSecond * (1 - RETRY_HEADROOM);
  const heightMs = heightRefreshMs(input.pollIntervalMs, input.budgetPerSecond);
  const forMarkets = usable - 1000 / heightMs;
  const every = refBookEvery(input.refBookIntervalMs, input.pollIntervalMs);
  const perCycle = (h: HostLoad) => h.requestsPerCycle + h.refBookRequests / every;
  const neededMs = Math.max(0, ...input.hosts.map((h) => (1000 * perCycle(h)) / forMarkets));
  const intervalMs = Math.max(input.pollIntervalMs, Math.ceil(neededMs));
  const expectedRatePerHost = Object.fromEntries(input.hosts.map((h) => [h.host, (1000 * perCycle(h)) / intervalMs + 1000 / heightMs]));
  return {
    intervalMs,
    throttled: intervalMs > input.pollIntervalMs,
    slotMs: intervalMs / Math.max(1, input.marketCount),
    refBookEvery: every,
    refBookIntervalMs: every * intervalMs,
    heightRefreshMs: heightMs,
    expectedRatePerHost,
  };
}
