import { chainLcdBudgetPerSecond, type AppConfig } from '@mirrorbook/config';
import { RateLimiter } from '@mirrorbook/injective';
import { FencedStore } from '@mirrorbook/locking';
import { lcdHostLimiter, type RedisService } from '@mirrorbook/redis';
import type { MessagingService } from '@mirrorbook/messaging';
import type { LifecycleService } from '@mirrorbook/observability';
import { ChainAccess } from '../chain/chain.access';
import { ChainFees } from '../chain/chain.fees';
import { TxSubmitter } from '../chain/tx.submitter';
import { IntentInbox } from '../intents/intent.inbox';
import { ReconciliationService } from '../reconcile/reconciliation.service';
import { ExecutionReporter } from '../reporting/execution.reporter';
import { SequenceManager } from '../sequence/sequence.manager';
import type { ExecutorSettings } from '../settings/executor.settings';
import { AccountStateRefresher } from '../state/account-state.refresher';
import { MarkPriceReader } from '../state/mark-price.reader';
import { BotStateRegistry } from '../state/bot-state.registry';
import { WalletStateStore } from '../state/wallet-state.store';
import type { ExecutorWallet } from '../wallet/executor-wallet';
import { ExecutorEngine } from './executor.engine';

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
}

/** Wires the engine and its collaborators for one wallet. */
export function createExecutorEngine(infra: EngineInfrastructure): ExecutorEngine {
  const { config, settings, wallet, redis, messaging, lifecycle, leaseHolder } = infra;
  // every process on the machine shares the LCD host's budget (public nodes limit per IP)
  const lcdBudget = chainLcdBudgetPerSecond(config.env);
  const chain = new ChainAccess(config, (lcdUrl) => lcdHostLimiter(redis, lcdUrl, lcdBudget, new RateLimiter({ ratePerSecond: lcdBudget })));
  const store = new WalletStateStore(redis.client, wallet.id);
  const reporter = new ExecutionReporter(messaging);
  const sequence = new SequenceManager(chain, new FencedStore(redis.client, leaseHolder), wallet.id, wallet.wallet.injAddress, settings.sequenceMaxDrift);
  const fees = new ChainFees(chain, { minGasPrice: chain.network.gasPrice, refreshMs: settings.chainParamsRefreshMs });
  const submitter = new TxSubmitter(chain, sequence, fees, {
    wallet: wallet.wallet,
    walletId: wallet.id,
    timeoutBlocks: settings.txTimeoutBlocks,
    sequenceRetryDelayMs: settings.sequenceRetryDelayMs,
    allowMainnetTrading: settings.allowMainnetTrading,
    pollMs: settings.inclusionPollMs,
    gasMargin: settings.gasMargin,
  });
  // the engine hands itself to the inbox (an IntentSink) and the registry (a BotStateListener) when its tenure starts
  return new ExecutorEngine({
    config,
    settings,
    wallet,
    chain,
    fees,
    store,
    sequence,
    submitter,
    reporter,
    reconciler: new ReconciliationService(chain, store, reporter, wallet.id, wallet.wallet.subaccountId, settings.orphanPolicy),
    account: new AccountStateRefresher(chain, store, wallet.wallet.injAddress, wallet.wallet.subaccountId),
    marks: new MarkPriceReader(chain),
    bots: new BotStateRegistry(config, store, messaging, wallet.id),
    inbox: new IntentInbox(messaging, wallet.id),
    lifecycle,
  });
}

