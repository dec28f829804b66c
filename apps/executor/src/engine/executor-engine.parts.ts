import type { AppConfig } from '@mirrorbook/config';
import type { LifecycleService } from '@mirrorbook/observability';
import type { ChainAccess } from '../chain/chain.access';
import type { ChainFees } from '../chain/chain.fees';
import type { TxSubmitter } from '../chain/tx.submitter';
import type { FeeMeter } from '../fees/fee.meter';
import type { WalletFeesTracker } from '../fees/wallet-fees.tracker';
import type { IntentInbox } from '../intents/intent.inbox';
import type { ReconciliationService } from '../reconcile/reconciliation.service';
import type { ExecutionReporter } from '../reporting/execution.reporter';
import type { SequenceManager } from '../sequence/sequence.manager';
import type { RedisWriteOutbox } from '../shared/redis-write.outbox';
import type { ExecutorSettings } from '../settings/executor.settings';
import type { AccountStateRefresher } from '../state/account-state.refresher';
import type { BotStateRegistry } from '../state/bot-state.registry';
import type { MarkPriceReader } from '../state/mark-price.reader';
import type { WalletStateStore } from '../state/wallet-state.store';
import type { ExecutorWallet } from '../wallet/executor-wallet';

/**
 * The ports of the engine and its rooms (built by `createExecutorEngine`), each narrowed to the
 * members they use, so a spec can stand in for any of them in memory.
 */
export interface EngineParts {
  readonly config: Pick<AppConfig, 'markets'>;
  readonly settings: ExecutorSettings;
  readonly wallet: ExecutorWallet;
  readonly chain: Pick<ChainAccess, 'chainId' | 'market' | 'network' | 'networkName'>;
  /** the chain parameters: read at takeover, the venue limits for the checks */
  readonly fees: Pick<ChainFees, 'load' | 'limits'>;
  readonly store: Pick<WalletStateStore, 'ordersByMarket' | 'applyOrderChanges' | 'referencePrice' | 'tradingPrice' | 'newestBookSeqs' | 'markApplied' | 'appliedAmong'>;
  /** the Redis writes after an accepted tx, retried until they land (flushed before every batch) */
  readonly outbox: Pick<RedisWriteOutbox, 'add' | 'flush' | 'size' | 'clear'>;
  readonly sequence: Pick<SequenceManager, 'loaded' | 'next' | 'load' | 'refresh' | 'reset'>;
  readonly submitter: Pick<TxSubmitter, 'submit' | 'settle'>;
  /** the fees the wallet's included txs paid (heartbeat) */
  readonly feeMeter: Pick<FeeMeter, 'snapshot' | 'perDay'>;
  /** the fees against the wallet's daily budget, and `fees:<wallet>` */
  readonly feeTracker: Pick<WalletFeesTracker, 'restore' | 'verdict' | 'record' | 'publish'>;
  readonly reporter: Pick<ExecutionReporter, 'report' | 'orderEvents'>;
  readonly reconciler: Pick<ReconciliationService, 'reconcile'>;
  readonly account: Pick<AccountStateRefresher, 'available' | 'refresh' | 'invalidate' | 'lastRead'>;
  readonly marks: Pick<MarkPriceReader, 'marks' | 'invalidate'>;
  readonly bots: Pick<BotStateRegistry, 'bots' | 'bot' | 'running' | 'stopped' | 'paramsOf' | 'load' | 'resync' | 'missingStates'>;
  readonly inbox: Pick<IntentInbox, 'start' | 'stop' | 'settle'>;
  readonly lifecycle: Pick<LifecycleService, 'transition'>;
}
