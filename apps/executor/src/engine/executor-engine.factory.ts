import { chainLcdBudgetPerSecond, type AppConfig } from '@mirrorbook/config';
import { FEE_DENOM_DECIMALS, RateLimiter } from '@mirrorbook/injective';
import { FencedStore, StaleFenceError } from '@mirrorbook/locking';
import { lcdHostLimiter, type RedisService } from '@mirrorbook/redis';
import type { MessagingService } from '@mirrorbook/messaging';
import type { LifecycleService } from '@mirrorbook/observability';
import { ChainAccess } from '../chain/chain.access';
import { ChainFees } from '../chain/chain.fees';
import { TxSubmitter } from '../chain/tx.submitter';
import { walletFeeBudget } from '../fees/fee.budget';
import { FeeMeter } from '../fees/fee.meter';
import { WalletFeesTracker } from '../fees/wallet-fees.tracker';
import { IntentInbox } from '../intents/intent.inbox';
import { ReconciliationService } from '../reconcile/reconciliation.service';
import { ExecutionReporter } from '../reporting/execution.reporter';
import { SequenceManager } from '../sequence/sequence.manager';
import { RedisWriteOutbox } from '../shared/redis-write.outbox';
import type { ExecutorSettings } from '../settings/executor.settings';
import { AccountStateRefresher } from '../state/account-state.refresher';
import { MarkPriceReader } from '../state/mark-price.reader';
import { BotStateRegistry } from '../state/bot-state.registry';
import { WalletStateStore } from '../state/wallet-state.store';
import type { ExecutorWallet } from '../wallet/executor-wallet';
import { ExecutorEngine } from './executor.engine';

// 12 attempts over about 36 s (0.2, 0.4 … 5 s apart) before a write is left to reconciliation
const OUTBOX_RETRIES = { maxAttempts: 12, backoffMs: 200, maxBackoffMs: 5000 };

/** Shared infrastructure the engine is built on. */
export interface EngineInfrastructure {
  readonly config: AppConfig;
  readonly settings: ExecutorSettings;
  readonly wallet: ExecutorWallet;
  readonly redis: RedisService;
  readonly messaging: MessagingService;
  readonly lifecycle: LifecycleService;
  /** the process's unique lease holder value: fenced writes carry it with the token */
  readonly leaseHolder: string;
  /** one of several wallets of the process: its report outbox is `exec-<wallet>` (default `exec`) */
  readonly grouped?: boolean;
  /** false for every wallet of a process but the first: an invalid `bot.state` message is counted once (default true) */
  readonly countInvalidBotStates?: boolean;
}

/** Wires the engine and its collaborators for one wallet. */
export function createExecutorEngine(infra: EngineInfrastructure): ExecutorEngine {
  const { config, settings, wallet, redis, messaging, lifecycle, leaseHolder, grouped = false, countInvalidBotStates = true } = infra;
  // every process on the machine shares the LCD host's budget (public nodes limit per IP)
  const lcdBudget = chainLcdBudgetPerSecond(config.env);
  const chain = new ChainAccess(config, (lcdUrl) => lcdHostLimiter(redis, lcdUrl, lcdBudget, new RateLimiter({ ratePerSecond: lcdBudget })));
  const store = new WalletStateStore(redis.client, wallet.id);
  const reporter = new ExecutionReporter(messaging, settings.outboxCapacity, grouped ? `exec-${wallet.id}` : 'exec');
  // a write refused for a stale fencing token is never retried: the lease check before the next broadcast ends the tenure
  const outbox = new RedisWriteOutbox({ wallet: wallet.id, ...OUTBOX_RETRIES, isTerminal: (error) => error instanceof StaleFenceError });
  const sequence = new SequenceManager(chain, new FencedStore(redis.client, leaseHolder), wallet.id, wallet.wallet.injAddress, settings.sequenceMaxDrift, outbox);
  const fees = new ChainFees(chain, { minGasPrice: chain.network.gasPrice, refreshMs: settings.chainParamsRefreshMs });
  const feeMeter = new FeeMeter(wallet.id, chain.network.feeDenom, FEE_DENOM_DECIMALS, Date.now());
  const submitter = new TxSubmitter(chain, sequence, fees, {
    wallet: wallet.wallet,
    walletId: wallet.id,
    timeoutBlocks: settings.txTimeoutBlocks,
    sequenceRetryDelayMs: settings.sequenceRetryDelayMs,
    allowMainnetTrading: settings.allowMainnetTrading,
    pollMs: settings.inclusionPollMs,
    gasMargin: settings.gasMargin,
    inclusionWaitMs: settings.inclusionWaitMs,
    feeMeter,
  });
  const account = new AccountStateRefresher(chain, store, wallet.wallet.injAddress, wallet.wallet.subaccountId);
  const bots = new BotStateRegistry(config, store, messaging, wallet.id, countInvalidBotStates);
  const feeTracker = new WalletFeesTracker({
    meter: feeMeter,
    store,
    budget: () => walletFeeBudget(bots.feeBudgets()),
    available: () => account.lastRead?.available.get(chain.network.feeDenom),
    reserve: settings.limits.gasReserve,
    feeDenom: chain.network.feeDenom,
  });
  // the engine hands itself to the inbox (an IntentSink) and the registry (a BotStateListener) when its tenure starts
  return new ExecutorEngine({
    config,
    settings,
    wallet,
    chain,
    fees,
    store,
    outbox,
    sequence,
    submitter,
    feeMeter,
    feeTracker,
    reporter,
    reconciler: new ReconciliationService(chain, store, reporter, {
      wallet: wallet.id,
      subaccountId: wallet.wallet.subaccountId,
      orphanPolicy: settings.orphanPolicy,
      lastOwnTxHeight: () => submitter.lastIncludedHeight,
    }),
    account,
    marks: new MarkPriceReader(chain),
    bots,
    inbox: new IntentInbox(messaging, wallet.id),
    lifecycle,
  });
}

