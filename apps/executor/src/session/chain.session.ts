import { Logger } from '@nestjs/common';
import { ConfigError, type AppConfig } from '@mirrorbook/config';
import { chainIdRefusal } from '@mirrorbook/injective';
import { toDecimalString, type Market } from '@mirrorbook/market';
import type { ChainAccess } from '../chain/chain.access';
import type { ChainGuard } from '../checks/pre-trade.context';
import type { ExecutorSettings } from '../settings/executor.settings';
import type { BotStateRegistry } from '../state/bot-state.registry';
import { leverageProblems } from './leverage.check';

/** What the session reads from. */
export interface ChainSessionParts {
  readonly config: Pick<AppConfig, 'markets'>;
  readonly settings: Pick<ExecutorSettings, 'allowMainnetTrading' | 'marketRefreshMs'>;
  readonly chain: Pick<ChainAccess, 'chainId' | 'market' | 'network' | 'networkName'>;
  readonly bots: Pick<BotStateRegistry, 'bots' | 'paramsOf'>;
  /** ms since epoch; `Date.now` unless a spec drives it */
  readonly now?: () => number;
}

/**
 * What the executor knows of the chain it trades on: the chain id (read at every takeover), the
 * metadata of its bots' markets (read at the first takeover, again every `EXEC_MARKET_REFRESH_MS`,
 * kept across tenures), and whether it may sign there.
 */
export class ChainSession {
  private readonly logger = new Logger(ChainSession.name);
  private id: string | undefined;
  private readonly metadata = new Map<string, Market>();
  private readonly failures = new Map<string, string>();
  /** markets read but not active on chain, with the reason */
  private readonly inactive = new Map<string, string>();
  private readAt = 0;

  constructor(private readonly parts: ChainSessionParts) {}

  /** The chain id the node reported at the last takeover. */
  get chainId(): string | undefined {
    return this.id;
  }

  /** The denom gas is paid in (`inj`). */
  get feeDenom(): string {
    return this.parts.chain.network.feeDenom;
  }

  /** Metadata of the wallet's markets, by market key. */
  get markets(): ReadonlyMap<string, Market> {
    return this.metadata;
  }

  /** Markets that do not trade, with the reason: their metadata could not be read, or they are not active on chain. */
  get unavailable(): ReadonlyMap<string, string> {
    return new Map([...this.inactive, ...this.failures]);
  }

  /**
   * Reads the chain id, then the metadata of every bot's market not read yet. A market that cannot
   * be read (delisted, a wrong id) is set aside with its reason, and the others trade; it is read
   * again at every reconciliation (`retryUnavailable`) and at the next takeover. The chain id failing, or a node that is down or rate limits, fails
   * the takeover (it is tried again). Throws `ConfigError` naming the field when a bot's leverage
   * reaches 1 / IMR of a derivative market (no order of it could ever be placed): not retried.
   */
  async open(): Promise<void> {
    this.id = await this.parts.chain.chainId();
    const guard = this.chainGuard();
    if (!guard.allowed) this.logger.error(`${guard.reason}: every intent is refused until the node or NETWORK is corrected`);
    await this.readMarkets();
  }

  /**
   * Called at every reconciliation: reads the markets set aside again (a market listed late, a node
   * that had not indexed it: one that reads now trades from here on), and every market once
   * `marketRefreshMs` passed since the last read, so that a changed tick or minimum notional applies
   * to the next orders and a market no longer active is reported unavailable. A node that is down
   * keeps the metadata read before.
   */
  async refresh(): Promise<void> {
    const due = this.now() - this.readAt >= this.parts.settings.marketRefreshMs;
    if (!due && this.failures.size === 0) return;
    const before = [...this.failures.keys()];
    try {
      await this.readMarkets(due);
    } catch (error) {
      if (!isTransient(error)) throw error;
      this.logger.warn(`market metadata not refreshed, the last read stays: ${(error as Error).message}`);
      return;
    }
    for (const key of before) if (this.metadata.has(key)) this.logger.log(`market ${key} could be read from the chain again: it trades`);
  }

  /**
   * Reads the metadata of every bot's market not read yet (all of them with `all`); sets aside the
   * ones the chain cannot give.
   */
  private async readMarkets(all = false): Promise<void> {
    const keys = new Set(this.parts.bots.bots.flatMap((b) => b.markets));
    const startedAt = this.now();
    this.failures.clear();
    for (const pair of this.parts.config.markets) {
      if (!keys.has(pair.key) || (!all && this.metadata.has(pair.key))) continue;
      try {
        this.keep(pair.key, await this.parts.chain.market(pair));
      } catch (error) {
        if (isTransient(error)) throw error;
        const reason = `market ${pair.key} (${pair.testnetMarketId}) could not be read from the chain: ${(error as Error).message}`;
        this.metadata.delete(pair.key);
        this.inactive.delete(pair.key);
        this.failures.set(pair.key, reason);
        this.logger.warn(`${reason}; it does not trade until a later read succeeds`);
      }
    }
    if (all || this.readAt === 0) this.readAt = startedAt;
    const problems = leverageProblems(this.parts.bots.bots, this.parts.config.markets, this.metadata, (bot, key) => this.parts.bots.paramsOf(bot, key));
    if (problems.length > 0) throw new ConfigError(problems);
  }

  /** Stores a market's metadata as read, logging what changed since the last read and whether it is active. */
  private keep(key: string, market: Market): void {
    const changes = metadataChanges(this.metadata.get(key), market);
    if (changes.length > 0) this.logger.warn(`market ${key} changed on chain: ${changes.join(', ')}; new orders follow it`);
    this.metadata.set(key, market);
    if (market.status === 'active') {
      if (this.inactive.delete(key)) this.logger.log(`market ${key} is active again: it trades`);
    } else {
      this.inactive.set(key, `market ${key} is ${market.status} on chain`);
    }
  }

  private now(): number {
    return (this.parts.now ?? Date.now)();
  }

  /**
   * Whether this chain may be signed for: the chain id NETWORK expects, and a mainnet chain id only
   * with `ALLOW_MAINNET_TRADING`.
   */
  chainGuard(): ChainGuard {
    const { chain, settings } = this.parts;
    const reason = chainIdRefusal(chain.networkName, chain.network.chainId, this.id ?? '', settings.allowMainnetTrading);
    return reason === null ? { allowed: true } : { allowed: false, reason };
  }
}

/** What of the metadata the orders depend on differs between two reads ("price tick 0.001 → 0.01"); none for a first read. */
export function metadataChanges(before: Market | undefined, after: Market): string[] {
  if (!before) return [];
  const fields = [
    ['price tick', before.priceTick, after.priceTick],
    ['quantity tick', before.quantityTick, after.quantityTick],
    ['min notional', before.minNotional, after.minNotional],
  ] as const;
  const changes = fields.filter(([, a, b]) => !a.eq(b)).map(([name, a, b]) => `${name} ${toDecimalString(a)} → ${toDecimalString(b)}`);
  if (before.status !== after.status) changes.push(`status ${before.status} → ${after.status}`);
  return changes;
}

/** A read that may succeed when tried again: the node was unreachable or rate limited. */
function isTransient(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return code === 'CHAIN_UNAVAILABLE' || code === 'RATE_LIMITED';
}
