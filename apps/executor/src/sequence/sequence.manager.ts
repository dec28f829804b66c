import { Logger } from '@nestjs/common';
import { redisKeys } from '@mirrorbook/contracts';
import type { AccountInfo } from '@mirrorbook/injective';
import type { FencedStore } from '@mirrorbook/locking';
import { executorMetrics } from '../shared/executor.metrics';
import type { RedisWriteOutbox } from '../shared/redis-write.outbox';
import { decideMismatch, decideSequence, type MismatchDecision } from './sequence.policy';

/** The account read the manager needs (`ChainAccess` has it): a port, so `sequence/` does not import `chain/`, which imports it. */
export interface AccountSource {
  /** Account number and committed sequence. */
  account(address: string): Promise<AccountInfo>;
}

/** How long a new holder waits for txs the previous one left in the mempool to land. */
const TAKEOVER_SETTLE_POLLS = 10;
const TAKEOVER_SETTLE_POLL_MS = 300;

/**
 * The wallet's account sequence, kept locally (docs/architecture.md#account-sequence): loaded from the chain at takeover,
 * persisted to `seq:<wallet>` under the lease's fencing token after every use, refreshed from the
 * chain periodically and after errors. Not safe for concurrent signers: the engine is its only user.
 */
export class SequenceManager {
  private readonly logger = new Logger(SequenceManager.name);
  private nextSequence: number | undefined;
  // the last included sequence + 1 (or the committed sequence read): nothing moves `next` below it
  private includedFloor = 0;
  private number: number | undefined;
  private token = 0;

  constructor(
    private readonly chain: AccountSource,
    private readonly fenced: FencedStore,
    private readonly wallet: string,
    private readonly address: string,
    private readonly maxDrift: number,
    private readonly outbox: Pick<RedisWriteOutbox, 'add' | 'flush'>,
  ) {}

  /** The next sequence to sign with; throws before `load`. */
  get next(): number {
    if (this.nextSequence === undefined) throw new Error('sequence not loaded');
    return this.nextSequence;
  }

  /** The account number signatures commit to. */
  get accountNumber(): number {
    if (this.number === undefined) throw new Error('account not loaded');
    return this.number;
  }

  get loaded(): boolean {
    return this.nextSequence !== undefined;
  }

  /**
   * Takes over under `token`: reads the account, and when the previous holder recorded a sequence
   * the chain has not committed yet, waits a few blocks for its txs to land so the first tx does
   * not meet a mismatch.
   */
  async load(token: number): Promise<void> {
    this.token = token;
    const recorded = await this.fenced.read(redisKeys.sequence(this.wallet));
    const lastUsed = recorded ? Number(recorded.value) : undefined;
    let account = await this.chain.account(this.address);
    for (let i = 0; lastUsed !== undefined && account.sequence <= lastUsed && i < TAKEOVER_SETTLE_POLLS; i++) {
      await new Promise((resolve) => setTimeout(resolve, TAKEOVER_SETTLE_POLL_MS));
      account = await this.chain.account(this.address);
    }
    this.number = account.accountNumber;
    this.nextSequence = account.sequence;
    this.includedFloor = account.sequence;
    this.logger.log(`sequence loaded from the chain: next ${account.sequence} (account ${account.accountNumber}, last recorded ${lastUsed ?? 'none'})`);
    await this.persist();
  }

  /**
   * The sequence `used` was accepted by the node: move on and record it under the fence through
   * the outbox (a failed write is retried there, never turned into a failure of the tx).
   */
  async consumed(used: number): Promise<void> {
    this.nextSequence = Math.max(this.next, used + 1);
    const value = String(this.nextSequence - 1);
    const token = this.token;
    this.outbox.add(`${redisKeys.sequence(this.wallet)} = ${value}`, () => this.fenced.write(redisKeys.sequence(this.wallet), token, value));
    await this.outbox.flush();
  }

  /** A tx signed with `used` is in a block: its sequence can never be used again. */
  included(used: number): void {
    this.includedFloor = Math.max(this.includedFloor, used + 1);
  }

  /** The last included sequence + 1, below which the sequence never moves. */
  get floor(): number {
    return this.includedFloor;
  }

  /** A tx signed with `unused` never made it into a block: its sequence is free again. */
  released(unused: number): void {
    if (this.nextSequence !== undefined && this.nextSequence === unused + 1 && unused >= this.includedFloor) this.nextSequence = unused;
  }

  /**
   * A broadcast was refused for its sequence: adopts the node's `expected` when it is at or above
   * the floor, re-reads the account when the reply named none, and leaves everything as it is when
   * it is below (a lagging node: see `decideMismatch`).
   */
  async mismatch(expected: number | null): Promise<MismatchDecision> {
    const decision = decideMismatch(expected, this.includedFloor);
    if (decision.action === 'adopt') {
      this.logger.warn(`sequence set to the chain's expected ${decision.to} (was ${this.nextSequence})`);
      this.nextSequence = decision.to;
      await this.persist();
    } else if (decision.action === 'refresh') {
      await this.refresh();
    }
    return decision;
  }

  /** Re-reads the account and corrects a drift (see `decideSequence`); `inFlight` txs not yet in a block. */
  async refresh(inFlight = 0): Promise<void> {
    const account = await this.chain.account(this.address);
    this.number = account.accountNumber;
    this.includedFloor = Math.max(this.includedFloor, account.sequence);
    if (this.nextSequence === undefined) {
      this.nextSequence = account.sequence;
      return;
    }
    const decision = decideSequence({ local: this.nextSequence, chain: account.sequence, inFlight, maxDrift: this.maxDrift });
    const to = decision.action === 'correct' ? Math.max(decision.to, this.includedFloor) : this.nextSequence;
    if (decision.action === 'correct' && to !== this.nextSequence) {
      executorMetrics.sequenceCorrections().inc({ wallet: this.wallet, reason: decision.reason });
      this.logger.warn(`sequence drift ${decision.drift} (${decision.reason}): local ${this.nextSequence} -> ${to}`);
      this.nextSequence = to;
      await this.persist();
    }
  }

  /** Forgets the tenure's state (lease lost or released). */
  reset(): void {
    this.nextSequence = undefined;
    this.includedFloor = 0;
    this.token = 0;
  }

  private async persist(): Promise<void> {
    if (this.nextSequence === undefined || this.nextSequence === 0) return;
    await this.fenced.write(redisKeys.sequence(this.wallet), this.token, String(this.nextSequence - 1));
  }
}
