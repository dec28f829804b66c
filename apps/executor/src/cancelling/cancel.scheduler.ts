import { Logger } from '@nestjs/common';
import type { BotEntry } from '@mirrorbook/config';
import { MAX_CANCEL_ALL_ORDERS_PER_TX } from '@mirrorbook/injective';
import { cancelAllBudget } from '../batch/batch-input.builder';
import { cancelAllGroups } from '../batch/cancel-all.groups';
import type { MergedBatch } from '../batch/merged-batch.model';
import type { BatchResult, BatchSender } from '../sending/batch.sender';
import type { ChainSession } from '../session/chain.session';
import type { TenureGuard } from '../shared/tenure.guard';
import type { BotStateRegistry } from '../state/bot-state.registry';
import type { WalletStateStore } from '../state/wallet-state.store';
import type { ExecutorWallet } from '../wallet/executor-wallet';

/** What the scheduler works with. */
export interface CancelSchedulerParts {
  readonly wallet: ExecutorWallet;
  readonly bots: Pick<BotStateRegistry, 'bots' | 'running' | 'stopped'>;
  readonly store: Pick<WalletStateStore, 'ordersByMarket'>;
}

interface CancelRequest {
  readonly markets: readonly string[];
  readonly label: string;
  attempts: number;
}

const MAX_CANCEL_ATTEMPTS = 5;

/**
 * The wallet's cancel-alls: for a bot switched to stopped (queued, run by the engine between
 * batches, tried again while the breaker is open or a tx failed for now) and for every market
 * before a graceful stop. Each cancel-all goes out in as many txs as the resting orders need.
 */
export class CancelScheduler {
  private readonly logger = new Logger(CancelScheduler.name);
  private readonly requests: CancelRequest[] = [];

  constructor(
    private readonly parts: CancelSchedulerParts,
    private readonly session: ChainSession,
    private readonly sender: BatchSender,
  ) {}

  /** Cancel-alls waiting. */
  get size(): number {
    return this.requests.length;
  }

  /**
   * Queues a cancel-all over the stopped bot's markets that no running bot of the wallet shares;
   * false when no such market is left.
   */
  requestForStoppedBot(bot: BotEntry): boolean {
    const markets = this.unsharedMarkets(bot);
    if (markets.length === 0) return false;
    this.logger.log(`bot ${bot.id} stopped: cancelling all orders on ${markets.join(', ')}`);
    this.requests.push({ markets, label: `stop-${bot.id}`, attempts: 0 });
    return true;
  }

  /**
   * At takeover, after reconciliation brought the stored orders in line with the chain: queues a
   * cancel-all for every stopped bot over its markets (no running bot shares) that still hold
   * orders, whether it was stopped while no executor listened or before. Returns how many.
   */
  async requestForStoppedBotsAtTakeover(): Promise<number> {
    let queued = 0;
    for (const bot of this.parts.bots.stopped()) {
      const candidates = this.unsharedMarkets(bot);
      const stored = await this.parts.store.ordersByMarket(candidates);
      const markets = candidates.filter((m) => (stored.get(m)?.length ?? 0) > 0);
      if (markets.length === 0) continue;
      this.logger.log(`bot ${bot.id} is stopped and still has orders: cancelling all orders on ${markets.join(', ')} before trading`);
      this.requests.push({ markets, label: `stop-${bot.id}`, attempts: 0 });
      queued++;
    }
    return queued;
  }

  /** Runs the queued cancel-alls; those the breaker refused or that failed for now stay queued. */
  async runRequests(guard: TenureGuard): Promise<void> {
    const requests = this.requests.splice(0);
    for (const request of requests) {
      const result = await this.cancelMarkets(request.markets, request.label, guard);
      // an unknown outcome: sent again once that tx is settled (a cancel-all of orders already gone is harmless)
      if (result === 'paused' || result === 'unknown' || (result === 'retry' && ++request.attempts < MAX_CANCEL_ATTEMPTS)) this.requests.push(request);
    }
  }

  /** Cancels every order of the wallet on all its markets (before a graceful stop); a failure is logged. */
  async cancelEverything(guard: TenureGuard): Promise<void> {
    this.logger.log(`cancelling every order of wallet ${this.parts.wallet.id} before stopping`);
    await this.cancelMarkets([...this.session.markets.keys()], 'shutdown', guard).catch((e: Error) => this.logger.error(`cancel-all at shutdown failed: ${e.message}`));
  }

  /** Forgets the queued cancel-alls (the tenure ended). */
  clear(): void {
    this.requests.length = 0;
  }

  /** The stopped bot's markets of the session that no running bot of the wallet shares. */
  private unsharedMarkets(bot: BotEntry): string[] {
    const { bots } = this.parts;
    const shared = new Set(bots.bots.filter((b) => b.id !== bot.id && bots.running(b.id)).flatMap((b) => b.markets));
    return bot.markets.filter((m) => !shared.has(m) && this.session.markets.has(m));
  }

  /** Cancel-all txs over `markets`, as many as their resting orders need (see `cancelAllGroups`). */
  private async cancelMarkets(markets: readonly string[], label: string, guard: TenureGuard): Promise<BatchResult> {
    if (markets.length === 0 || !this.session.chainGuard().allowed) return 'applied';
    const stored = await this.parts.store.ordersByMarket(markets);
    let outcome: BatchResult = 'applied';
    const budgetOf = (m: string) => cancelAllBudget(stored.get(m)?.length ?? 0);
    for (const group of cancelAllGroups(markets, budgetOf, MAX_CANCEL_ALL_ORDERS_PER_TX)) {
      const now = Date.now();
      const batch: MergedBatch = {
        intentIds: [`${label}-${now}`],
        markets: group.map((market) => ({ market, cancelAll: true, cancels: [], creates: [] })),
        bookSeqs: new Map(),
        plannedAt: now,
      };
      const run = await this.sender.run(guard, async () => ({ batch, orders: await this.parts.store.ordersByMarket(group) }));
      if (run.failure) await this.sender.reportFailure(batch, run.failure, run.result === 'retry');
      // an open breaker: the whole request waits and is run again
      if (run.result === 'paused' || run.result === 'unknown') return run.result;
      if (run.result === 'retry' || (run.result === 'failed' && outcome === 'applied')) outcome = run.result;
    }
    return outcome;
  }
}
