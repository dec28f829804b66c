import { networkSides } from '@mirrorbook/injective';
import { walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import { buildBatchInput } from '../batch/batch-input.builder';
import type { MergedBatch } from '../batch/merged-batch.model';
import type { SequenceManager } from '../sequence/sequence.manager';
import { LeaseLostError } from '../shared/lease-lost.error';
import type { TenureGuard } from '../shared/tenure.guard';
import { testnetMarket } from '../testing/market.fixture';
import type { ChainAccess } from './chain.access';
import type { ChainFees } from './chain.fees';
import { TxSubmitter } from './tx.submitter';

const wallet = walletFromPrivateKey('11'.repeat(32));
const cancelAll: MergedBatch = { intentIds: ['stop-1'], plannedAt: 0, bookSeqs: new Map(), markets: [{ market: 'inj-usdt', cancelAll: true, cancels: [], creates: [] }] };
const built = buildBatchInput(cancelAll, {
  injectiveAddress: wallet.injAddress,
  subaccountId: wallet.subaccountId,
  market: () => testnetMarket('inj-usdt'),
  leverage: () => new Dec(1),
});

/**
 * A submitter whose node never answers a broadcast by itself (as a rate limiter that grants nothing,
 * or a node that hangs): the broadcast ends only when the signal it was handed aborts.
 */
function submitterWithHangingBroadcast() {
  const calls: { signal: AbortSignal | undefined }[] = [];
  const consumed: number[] = [];
  const chain = {
    network: networkSides('testnet', {}).trading.config,
    latestHeight: async () => 100,
    broadcast: (_bytes: string, signal?: AbortSignal) => {
      calls.push({ signal });
      return new Promise<string>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    },
  } as unknown as ChainAccess;
  const sequence = { next: 7, accountNumber: 1, floor: 0, consumed: async (s: number) => void consumed.push(s), released: () => undefined } as unknown as SequenceManager;
  const fees = { params: { fixedGasEnabled: true }, gasPrice: async () => '160000000' } as unknown as ChainFees;
  const submitter = new TxSubmitter(chain, sequence, fees, {
    wallet,
    walletId: 'w1',
    timeoutBlocks: 20,
    sequenceRetryDelayMs: 10,
    allowMainnetTrading: false,
    pollMs: 10,
    inclusionWaitMs: 60_000,
    gasMargin: '1.3',
  });
  return { submitter, calls, consumed };
}

function guardWith(tenure: AbortController, deadline: AbortController): TenureGuard {
  return {
    signal: tenure.signal,
    assertActive: async () => undefined,
    broadcastSignal: () => AbortSignal.any([tenure.signal, deadline.signal]),
  };
}

describe('TxSubmitter: a broadcast is bounded by the tenure', () => {
  it('gives the broadcast up when the lease deadline passes during it (the rate-limiter wait included), as a lost lease, consuming no sequence', async () => {
    const { submitter, calls, consumed } = submitterWithHangingBroadcast();
    const [tenure, deadline] = [new AbortController(), new AbortController()];
    const submitting = submitter.submit(built, 'injective-888', guardWith(tenure, deadline));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
    deadline.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(submitting).rejects.toEqual(new LeaseLostError('the lease deadline passed during the broadcast'));
    expect(calls[0].signal?.aborted).toBe(true);
    expect(consumed).toEqual([]);
  });

  it('ends it with the tenure\'s own reason when the lease is lost meanwhile', async () => {
    const { submitter, consumed } = submitterWithHangingBroadcast();
    const [tenure, deadline] = [new AbortController(), new AbortController()];
    const submitting = submitter.submit(built, 'injective-888', guardWith(tenure, deadline));
    await new Promise((resolve) => setImmediate(resolve));
    const lost = new LeaseLostError('another holder has the lease');
    tenure.abort(lost);
    await expect(submitting).rejects.toBe(lost);
    expect(consumed).toEqual([]);
  });
});
