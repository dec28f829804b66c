import { Logger } from '@nestjs/common';
import { ConfigError, type AppConfig } from '@mirrorbook/config';
import { chainIdRefusal } from '@mirrorbook/injective';
import type { Market } from '@mirrorbook/market';
import type { ChainAccess } from '../chain/chain.access';
import type { ChainGuard } from '../checks/pre-trade.context';
import type { ExecutorSettings } from '../settings/executor.settings';
import type { BotStateRegistry } from '../state/bot-state.registry';
import { leverageProblems } from './leverage.check';

/** What the session reads from. */
export interface ChainSessionParts {
  readonly config: Pick<AppConfig, 'markets'>;
  readonly settings: Pick<ExecutorSettings, 'allowMainnetTrading'>;
  readonly chain: Pick<ChainAccess, 'chainId' | 'market' | 'network' | 'networkName'>;
  readonly bots: Pick<BotStateRegistry, 'bots' | 'paramsOf'>;
}

/**
 * What the executor knows of the chain it trades on: the chain id (read at every takeover), the
 * metadata of its bots' markets (read once, kept across tenures), and whether it may sign there.
 */
export class ChainSession {
  private readonly logger = new Logger(ChainSession.name);
  private id: string | undefined;
  private readonly metadata = new Map<string, Market>();
  private readonly failures = new Map<string, string>();

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

  /** Markets whose metadata could not be read at the last takeover, with the reason: they do not trade. */
  get unavailable(): ReadonlyMap<string, string> {
    return this.failures;
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
   * Reads the markets set aside at the takeover again (a market listed late, a node that had not
   * indexed it): one that reads now trades from here on. Called at every reconciliation.
   */
  async retryUnavailable(): Promise<void> {
    if (this.failures.size === 0) return;
    const before = [...this.failures.keys()];
    await this.readMarkets();
    for (const key of before) if (this.metadata.has(key)) this.logger.log(`market ${key} could be read from the chain again: it trades`);
  }

  /** Reads the metadata of every bot's market not read yet; sets aside the ones the chain cannot give. */
  private async readMarkets(): Promise<void> {
    const keys = new Set(this.parts.bots.bots.flatMap((b) => b.markets));
    this.failures.clear();
    for (const pair of this.parts.config.markets) {
      if (!keys.has(pair.key) || this.metadata.has(pair.key)) continue;
      try {
        this.metadata.set(pair.key, await this.parts.chain.market(pair));
      } catch (error) {
        if (isTransient(error)) throw error;
        const reason = `market ${pair.key} (${pair.testnetMarketId}) could not be read from the chain: ${(error as Error).message}`;
        this.failures.set(pair.key, reason);
        this.logger.warn(`${reason}; it does not trade until a later read succeeds`);
      }
    }
    const problems = leverageProblems(this.parts.bots.bots, this.parts.config.markets, this.metadata, (bot, key) => this.parts.bots.paramsOf(bot, key));
    if (problems.length > 0) throw new ConfigError(problems);
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

/** A read that may succeed when tried again: the node was unreachable or rate limited. */
function isTransient(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return code === 'CHAIN_UNAVAILABLE' || code === 'RATE_LIMITED';
}
