import { decodeBatchUpdateOrdersTxData } from '@mirrorbook/injective/sim-codec';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { parseSimConfig } from '../config/sim-config.loader';
import { SimConfigError } from '../config/sim-config.error';
import { FaultState } from '../faults/fault.state';
import type { SimConfigInput } from '../sim.config';
import { SimChain } from './sim.chain';
import { anteGas, subaccountIdOf } from '@mirrorbook/injective';
import { TxFailure } from './tx.failure';
import { FakeExchange } from './testing/fake-exchange';
import { signedBatchTx, spotBuy, testWallet, type SignOptions } from './testing/signed-tx.fixture';

const alice = testWallet('alice');
const bob = testWallet('bob');
const carol = testWallet('carol');
const { spot, perp } = injUsdtMarkets();
const ALICE_NUMBER = 10;

function setup(overrides: SimConfigInput = {}) {
  const config = parseSimConfig({
    blockMs: 0,
    seed: 'spec',
    genesis: {
      time: '2025-01-01T00:00:00Z',
      accounts: [
        { address: alice.injAddress, balances: { inj: '100', [spot.quoteDenom]: '5000' } },
        { address: bob.injAddress, balances: { inj: '0.000001' } },
      ],
    },
    ...overrides,
  });
  const exchange = new FakeExchange([spot, perp]);
  const faults = new FaultState(config.faults, config.seed);
  const chain = new SimChain({ config, exchange, faults });
  return { chain, exchange, faults, config };
}

function aliceTx(sequence: number, cids: string[] = ['a-1'], opts: Partial<SignOptions> = {}) {
  return signedBatchTx(alice, { spotCreates: cids.map((cid) => spotBuy(cid)) }, { accountNumber: ALICE_NUMBER, sequence, ...opts });
}

function bytes(tx: { txBytesBase64: string }): Uint8Array {
  return Buffer.from(tx.txBytesBase64, 'base64');
}

/** The TxFailure a call throws (fails the test when it does not throw one). */
function failureOf(fn: () => unknown): TxFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof TxFailure) return e;
    throw e;
  }
  throw new Error('expected a TxFailure');
}

describe('SimChain', () => {
  describe('at genesis', () => {
    it('numbers the genesis accounts in list order from firstAccountNumber', () => {
      const { chain } = setup();
      expect(chain.account(alice.injAddress)).toMatchObject({ accountNumber: 10n, sequence: 0n, pubKey: null });
      expect(chain.account(bob.injAddress)?.accountNumber).toBe(11n);
      expect(chain.account(carol.injAddress)).toBeUndefined();
    });

    it('credits genesis balances to the default subaccount and reports them in base units', () => {
      const { chain } = setup();
      expect(chain.bankBalances(alice.injAddress)).toEqual([
        { denom: 'inj', amount: '100000000000000000000' },
        { denom: spot.quoteDenom, amount: '5000000000' },
      ]);
    });

    it('refuses a genesis balance in a denom no market uses, naming the field', () => {
      expect(() =>
        setup({ genesis: { accounts: [{ address: carol.injAddress, balances: { nope: '1' } }] } }),
      ).toThrow(SimConfigError);
    });

    it('starts at height 0 with the configured genesis time', () => {
      const { chain } = setup();
      expect(chain.latestHeight()).toBe(0);
      expect(chain.latestBlock().time).toBe('2025-01-01T00:00:00.000Z');
    });
  });

  describe('when a valid tx is broadcast', () => {
    it('accepts it with its hash and keeps it out of the tx index until a block includes it', () => {
      const { chain } = setup();
      const tx = aliceTx(0);
      expect(chain.broadcast(bytes(tx))).toBe(tx.txHash);
      expect(chain.tx(tx.txHash)).toBeUndefined();
      expect(chain.chainStats().mempoolSize).toBe(1);
      expect(chain.account(alice.injAddress)?.sequence).toBe(0n);
    });

    it('includes it in the next block: fee charged, sequence committed, key stored, batch applied', () => {
      const { chain, exchange } = setup();
      const tx = aliceTx(0, ['a-1', 'fail-2']);
      chain.broadcast(bytes(tx));
      const block = chain.produceBlock();

      expect(block).toMatchObject({ height: 1, txHashes: [tx.txHash], time: '2025-01-01T00:00:00.700Z' });
      const delivered = chain.tx(tx.txHash.toLowerCase())!;
      expect(delivered).toMatchObject({ height: 1, index: 0, code: 0, codespace: '', log: '', gasWanted: 2_000_000n });
      expect(delivered.gasUsed).toBe(BigInt(anteGas(bytes(tx).length) + 10_000 + 2 * 120_000));
      expect(chain.account(alice.injAddress)).toMatchObject({ sequence: 1n });
      expect(chain.account(alice.injAddress)?.pubKey).not.toBeNull();
      // 2_000_000 gas × 160_000_000 = 0.00032 INJ
      expect(chain.bankBalances(alice.injAddress)[0]).toEqual({ denom: 'inj', amount: '99999680000000000000' });
      expect(exchange.blocks).toEqual([1]);

      const [applied] = exchange.applied;
      expect(applied!.height).toBe(1);
      expect(applied!.batch.subaccountId).toBe(alice.subaccountId);
      expect(applied!.batch.spotOrdersToCreate[0]).toMatchObject({ marketId: spot.id, side: 'buy', postOnly: true, cid: 'a-1' });
      expect(applied!.batch.spotOrdersToCreate[0]!.price.eq(new Dec('10.001'))).toBe(true);
    });

    it('reports the batch outcome in data like the chain: a hash or the error code per create', () => {
      const { chain } = setup();
      const tx = aliceTx(0, ['a-1', 'fail-2', 'a-3']);
      chain.broadcast(bytes(tx));
      chain.produceBlock();
      const [response] = decodeBatchUpdateOrdersTxData(chain.tx(tx.txHash)!.data);
      expect(response!.typeUrl).toBe('/injective.exchange.v2.MsgBatchUpdateOrdersResponse');
      const fields = response!.fields;
      expect(fields.spotOrderHashes).toHaveLength(3);
      expect(fields.spotOrderHashes[0]).toMatch(/^0x[0-9a-f]{64}$/);
      expect(fields.spotOrderHashes[1]).toBe('16');
      expect(fields.spotOrderHashes[2]).toMatch(/^0x[0-9a-f]{64}$/);
      expect(fields.createdSpotOrdersCids).toEqual(['a-1', 'a-3']);
      expect(fields.failedSpotOrdersCids).toEqual(['fail-2']);
    });

    it('emits the ante events and an EventOrderFail for refused orders', () => {
      const { chain } = setup();
      const tx = aliceTx(0, ['fail-1']);
      chain.broadcast(bytes(tx));
      chain.produceBlock();
      const events = chain.tx(tx.txHash)!.events;
      const attrs = (type: string) => events.filter((e) => e.type === type).flatMap((e) => e.attributes.map((a) => [a.key, a.value]));
      expect(attrs('tx')).toContainEqual(['acc_seq', `${alice.injAddress}/0`]);
      expect(attrs('message')).toContainEqual(['action', '/injective.exchange.v2.MsgBatchUpdateOrders']);
      expect(attrs('injective.exchange.v2.EventOrderFail')).toContainEqual(['cids', '["fail-1"]']);
    });
  });

  describe('when one account sends several txs before a block', () => {
    it('accepts consecutive sequences against the check state and includes them in order', () => {
      const { chain, exchange } = setup();
      const first = aliceTx(0, ['first']);
      const second = aliceTx(1, ['second']);
      chain.broadcast(bytes(first));
      chain.broadcast(bytes(second));
      expect(chain.account(alice.injAddress)?.sequence).toBe(0n);

      const block = chain.produceBlock();
      expect(block.txHashes).toEqual([first.txHash, second.txHash]);
      expect(chain.tx(second.txHash)?.code).toBe(0);
      expect(exchange.applied.map((a) => a.batch.spotOrdersToCreate[0]!.cid)).toEqual(['first', 'second']);
      expect(chain.account(alice.injAddress)?.sequence).toBe(2n);
    });
  });

  describe('when the tx carries a stale sequence', () => {
    it('refuses it with code 32 naming the expected sequence, and does not consume it', () => {
      const { chain } = setup();
      chain.broadcast(bytes(aliceTx(0)));
      chain.produceBlock();
      const failure = failureOf(() => chain.broadcast(bytes(aliceTx(0, ['again']))));
      expect(failure).toMatchObject({ abciCode: 32, codespace: 'sdk' });
      expect(failure.log).toBe('account sequence mismatch, expected 1, got 0: incorrect account sequence');
      expect(chain.account(alice.injAddress)?.sequence).toBe(1n);
      expect(chain.broadcast(bytes(aliceTx(1, ['right'])))).toMatch(/^[0-9A-F]{64}$/);
    });

    it('expects the check-state sequence while earlier txs wait in the mempool', () => {
      const { chain } = setup();
      chain.broadcast(bytes(aliceTx(0)));
      expect(failureOf(() => chain.broadcast(bytes(aliceTx(5)))).log).toContain('expected 1, got 5');
    });
  });

  describe('when the signature does not verify', () => {
    it('refuses a tx signed for another chain id with code 4 and the verification text', () => {
      const { chain } = setup();
      const failure = failureOf(() => chain.broadcast(bytes(aliceTx(0, ['x'], { chainId: 'injective-888' }))));
      expect(failure.abciCode).toBe(4);
      expect(failure.log).toBe(
        'signature verification failed; please verify account number (10), sequence (0) and chain-id (injective-sim-1): unauthorized',
      );
    });

    it('refuses a tx signed with another account number with code 4', () => {
      const { chain } = setup();
      expect(failureOf(() => chain.broadcast(bytes(aliceTx(0, ['x'], { accountNumber: 11 })))).abciCode).toBe(4);
    });

    it('refuses a tx signed by another key than the one it carries with code 4', () => {
      const { chain } = setup();
      expect(failureOf(() => chain.broadcast(bytes(aliceTx(0, ['x'], { signer: bob })))).abciCode).toBe(4);
    });

    it('refuses a key that is not the sender’s with code 8 (pubkey does not match signer)', () => {
      const { chain } = setup();
      // sender alice, key and signature bob's
      const forged = signedBatchTx({ ...alice, publicKeyBase64: bob.publicKeyBase64, sign: bob.sign }, { spotCreates: [spotBuy('x')] }, {
        accountNumber: ALICE_NUMBER,
        sequence: 0,
      });
      const failure = failureOf(() => chain.broadcast(bytes(forged)));
      expect(failure.abciCode).toBe(8);
      expect(failure.log).toContain(`pubKey does not match signer address ${alice.injAddress}`);
    });
  });

  describe('when the bytes are not a tx', () => {
    it('refuses them with code 2 tx parse error', () => {
      const { chain } = setup();
      const failure = failureOf(() => chain.broadcast(Buffer.from('hello world')));
      expect(failure).toMatchObject({ abciCode: 2, codespace: 'sdk' });
      expect(failure.log).toMatch(/tx parse error$/);
    });
  });

  describe('ante handler failures', () => {
    it('refuses an unknown sender with code 9', () => {
      const { chain } = setup();
      const tx = signedBatchTx(carol, { spotCreates: [spotBuy('x')] }, { accountNumber: 0, sequence: 0 });
      expect(failureOf(() => chain.broadcast(bytes(tx)))).toMatchObject({ abciCode: 9 });
    });

    it('refuses a fee below gas limit × min gas price with code 13', () => {
      const { chain } = setup();
      const failure = failureOf(() => chain.broadcast(bytes(aliceTx(0, ['x'], { gasPrice: '100' }))));
      expect(failure.abciCode).toBe(13);
      expect(failure.log).toBe('insufficient fees; got: 200000000inj required: 320000000000000inj: insufficient fee');
    });

    it('refuses a fee the sender cannot pay with code 5', () => {
      const { chain } = setup();
      const tx = signedBatchTx(bob, { spotCreates: [spotBuy('x')] }, { accountNumber: 11, sequence: 0 });
      expect(failureOf(() => chain.broadcast(bytes(tx)))).toMatchObject({ abciCode: 5 });
    });

    it('refuses a fee in another denom than inj with txfees code 1, as injective-core does', () => {
      const { chain } = setup();
      const failure = failureOf(() => chain.broadcast(bytes(aliceTx(0, ['x'], { feeDenom: spot.quoteDenom }))));
      expect(failure).toMatchObject({ abciCode: 1, codespace: 'txfees' });
    });

    it('includes a tx whose fee can no longer be paid in its block with code 5: no fee, sequence not consumed, no events', () => {
      const { chain, exchange } = setup();
      const tx = aliceTx(0);
      chain.broadcast(bytes(tx));
      // the bank balance moves between CheckTx and the block (e.g. an order hold of another tx)
      exchange.debit(alice.subaccountId, 'inj', new Dec('99.9999'));
      chain.produceBlock();
      const delivered = chain.tx(tx.txHash)!;
      expect(delivered).toMatchObject({ code: 5, codespace: 'sdk', events: [] });
      expect(delivered.log).toBe('spendable balance 100000000000000inj is smaller than 320000000000000inj: insufficient funds: insufficient funds');
      expect(chain.account(alice.injAddress)).toMatchObject({ sequence: 0n, pubKey: null });
      expect(chain.bankBalances(alice.injAddress)[0]).toEqual({ denom: 'inj', amount: '100000000000000' });
    });

    it('refuses a tx whose timeout height has passed with code 30', () => {
      const { chain } = setup();
      chain.produceBlocks(3);
      const failure = failureOf(() => chain.broadcast(bytes(aliceTx(0, ['x'], { timeoutHeight: 3 }))));
      expect(failure.abciCode).toBe(30);
      expect(failure.log).toBe('block height: 4, timeout height: 3: tx timeout height');
    });

    it('never includes a queued tx once its timeout height passed (cosmos-sdk: not in a block above it), and frees its sequence', () => {
      const { chain, faults } = setup();
      const queued = aliceTx(0, ['late'], { timeoutHeight: 2 });
      chain.broadcast(bytes(queued));
      faults.update({ stuckMempoolBlocks: 2 });
      chain.produceBlocks(4);
      expect(chain.tx(queued.txHash)).toBeUndefined();
      expect(chain.account(alice.injAddress)?.sequence).toBe(0n);
      const next = aliceTx(0, ['next']);
      chain.broadcast(bytes(next));
      chain.produceBlock();
      expect(chain.tx(next.txHash)).toMatchObject({ code: 0 });
    });

    it('includes a queued tx in the block at its timeout height', () => {
      const { chain, faults } = setup();
      const queued = aliceTx(0, ['last-chance'], { timeoutHeight: 3 });
      chain.broadcast(bytes(queued));
      faults.update({ stuckMempoolBlocks: 2 });
      chain.produceBlocks(3);
      expect(chain.tx(queued.txHash)).toMatchObject({ code: 0, height: 3 });
    });

    it('refuses the same bytes twice with code 19', () => {
      const { chain } = setup();
      const tx = aliceTx(0);
      chain.broadcast(bytes(tx));
      expect(failureOf(() => chain.broadcast(bytes(tx))).abciCode).toBe(19);
      chain.produceBlock();
      expect(failureOf(() => chain.broadcast(bytes(tx))).abciCode).toBe(19);
    });

    it('refuses a tx when the mempool is full with code 20', () => {
      const { chain } = setup({ mempoolMaxTxs: 1 });
      chain.broadcast(bytes(aliceTx(0)));
      expect(failureOf(() => chain.broadcast(bytes(aliceTx(1)))).abciCode).toBe(20);
    });
  });

  describe('when a message fails after the ante handler', () => {
    it('includes the tx with a non-zero code, consuming the sequence and the fee', () => {
      const { chain, exchange } = setup();
      exchange.throwOnApply = new Error('engine exploded');
      const tx = aliceTx(0);
      chain.broadcast(bytes(tx));
      chain.produceBlock();
      const delivered = chain.tx(tx.txHash)!;
      expect(delivered.code).not.toBe(0);
      expect(delivered.log).toContain('engine exploded');
      expect(delivered.data).toBe('');
      expect(chain.account(alice.injAddress)?.sequence).toBe(1n);
      expect(chain.bankBalances(alice.injAddress)[0]!.amount).toBe('99999680000000000000');
    });

    it('runs out of gas with code 11 when the limit is below the table, consuming the sequence and the whole fee', () => {
      const { chain } = setup();
      const tx = aliceTx(0, ['a', 'b', 'c'], { gas: 200_000 });
      chain.broadcast(bytes(tx));
      chain.produceBlock();
      const used = anteGas(bytes(tx).length) + 10_000 + 3 * 120_000;
      expect(chain.tx(tx.txHash)).toMatchObject({ code: 11, gasWanted: 200_000n, gasUsed: BigInt(used) });
      expect(chain.tx(tx.txHash)!.log).toContain(`gasWanted: 200000, gasUsed: ${used}: out of gas`);
      expect(chain.account(alice.injAddress)?.sequence).toBe(1n);
      // 200_000 gas × 160_000_000
      expect(chain.bankBalances(alice.injAddress)[0]!.amount).toBe('99999968000000000000');
    });

    it("refuses a limit below the ante handler's own gas at broadcast with code 11, nothing deducted", () => {
      const { chain } = setup();
      const tx = aliceTx(0, ['a'], { gas: 50_000 });
      const failure = failureOf(() => chain.broadcast(bytes(tx)));
      expect(failure).toMatchObject({ abciCode: 11, codespace: 'sdk' });
      expect(failure.log).toBe(`out of gas in location: ante verify: eth_secp256k1; gasWanted: 50000, gasUsed: ${anteGas(bytes(tx).length)}: out of gas`);
      chain.produceBlock();
      expect(chain.account(alice.injAddress)?.sequence).toBe(0n);
      expect(chain.bankBalances(alice.injAddress)[0]!.amount).toBe('100000000000000000000');
    });
  });

  describe('simulate', () => {
    it('answers the table gas without needing a valid signature', () => {
      const { chain } = setup();
      const tx = aliceTx(0, ['a', 'b'], { signer: bob });
      expect(chain.simulate(bytes(tx))).toEqual({ gasWanted: 2_000_000n, gasUsed: BigInt(anteGas(bytes(tx).length) + 10_000 + 2 * 120_000) });
    });

    it('answers the ante gas plus exactly the fixed table when fixed_gas_enabled is on', () => {
      const { chain } = setup({ exchangeParams: { fixedGasEnabled: true } });
      const tx = aliceTx(0, ['a', 'b']);
      expect(chain.simulate(bytes(tx))).toEqual({ gasWanted: 2_000_000n, gasUsed: BigInt(anteGas(bytes(tx).length) + 2 * 120_000) });
    });

    it('refuses a wrong sequence as the ante handler would', () => {
      const { chain } = setup();
      expect(failureOf(() => chain.simulate(bytes(aliceTx(3)))).abciCode).toBe(32);
    });
  });

  describe('faults', () => {
    it('drops a broadcast: code 0, never included, and the next tx of the account is evicted', () => {
      const { chain, faults } = setup();
      faults.update({ dropBroadcastRate: 1 });
      const dropped = aliceTx(0, ['dropped']);
      expect(chain.broadcast(bytes(dropped))).toBe(dropped.txHash);
      faults.update({ dropBroadcastRate: 0 });
      const next = aliceTx(1, ['next']);
      chain.broadcast(bytes(next));
      chain.produceBlocks(2);
      expect(chain.tx(dropped.txHash)).toBeUndefined();
      expect(chain.tx(next.txHash)).toBeUndefined();
      expect(chain.account(alice.injAddress)?.sequence).toBe(0n);
      expect(chain.chainStats()).toMatchObject({ txsDropped: 1, txsEvicted: 1 });
      expect(failureOf(() => chain.broadcast(bytes(aliceTx(2)))).log).toContain('expected 0, got 2');
    });

    it('answers as a lagging node: code 32 naming the sequence before the committed one, and the same bytes pass later', () => {
      const { chain, faults } = setup();
      const first = aliceTx(0, ['first']);
      chain.broadcast(bytes(first));
      chain.produceBlock();
      faults.update({ laggingNodeRate: 1 });
      const second = aliceTx(1, ['second']);
      const refused = failureOf(() => chain.broadcast(bytes(second)));
      expect(refused.abciCode).toBe(32);
      expect(refused.log).toContain('expected 0, got 1');
      expect(chain.chainStats()).toMatchObject({ laggingReplies: 1, mempoolSize: 0 });
      faults.update({ laggingNodeRate: 0 });
      expect(chain.broadcast(bytes(second))).toBe(second.txHash);
      chain.produceBlock();
      expect(chain.account(alice.injAddress)?.sequence).toBe(2n);
    });

    it('has nothing to lag behind before the account has a committed tx', () => {
      const { chain, faults } = setup();
      faults.update({ laggingNodeRate: 1 });
      expect(chain.broadcast(bytes(aliceTx(0)))).toBe(aliceTx(0).txHash);
      expect(chain.chainStats().laggingReplies).toBe(0);
    });

    it('holds the mempool for N blocks when stuck, then includes its txs', () => {
      const { chain, faults } = setup();
      faults.update({ stuckMempoolBlocks: 2 });
      const tx = aliceTx(0);
      chain.broadcast(bytes(tx));
      chain.produceBlocks(2);
      expect(chain.tx(tx.txHash)).toBeUndefined();
      expect(chain.chainStats().mempoolSize).toBe(1);
      // still waiting: the check state replays the queued tx, so the next sequence is 1
      expect(chain.broadcast(bytes(aliceTx(1, ['next'])))).toMatch(/^[0-9A-F]{64}$/);
      chain.produceBlock();
      expect(chain.tx(tx.txHash)?.height).toBe(3);
      expect(faults.current().stuckMempoolBlocks).toBe(0);
    });

    it('drifts a sequence as if another client used the key', () => {
      const { chain } = setup();
      chain.driftSequence(alice.injAddress, 3);
      expect(chain.account(alice.injAddress)?.sequence).toBe(3n);
      expect(failureOf(() => chain.broadcast(bytes(aliceTx(0)))).log).toContain('expected 3, got 0');
    });
  });

  describe('post-only mode', () => {
    it('hands the exchange post-only rules for the blocks below the threshold only, moved at runtime', () => {
      const { chain, exchange } = setup({ exchangeParams: { postOnlyModeHeightThreshold: 2 } });
      for (const sequence of [0, 1]) {
        chain.broadcast(bytes(aliceTx(sequence, [`c-${sequence}`])));
        chain.produceBlock();
      }
      chain.setPostOnlyModeHeightThreshold(4);
      chain.broadcast(bytes(aliceTx(2, ['c-2'])));
      chain.produceBlock();
      expect(exchange.applied.map((a) => [a.height, a.rules.postOnlyMode])).toEqual([[1, true], [2, false], [3, true]]);
      expect(chain.exchangeParams().postOnlyModeHeightThreshold).toBe(4);
      expect([3, 4].map((h) => chain.isPostOnlyModeAt(h))).toEqual([true, false]);
    });
  });

  describe('determinism', () => {
    it('gives equal block results for equal config and inputs', () => {
      const run = () => {
        const { chain } = setup({ faults: { dropBroadcastRate: 0.5 } });
        const hashes = [0, 1, 2, 3].map((seq) => chain.broadcast(bytes(aliceTx(seq, [`c${seq}`]))));
        chain.produceBlocks(2);
        return hashes.map((h) => {
          const tx = chain.tx(h);
          return tx ? { code: tx.code, height: tx.height, data: tx.data, events: tx.events } : null;
        });
      };
      expect(run()).toEqual(run());
    });
  });

  describe('fund', () => {
    it('creates a new account with the next number and credits it', () => {
      const { chain } = setup();
      chain.fund(carol.injAddress, { inj: '2' });
      expect(chain.account(carol.injAddress)?.accountNumber).toBe(12n);
      expect(chain.bankBalances(carol.injAddress)).toEqual([{ denom: 'inj', amount: '2000000000000000000' }]);
      expect(subaccountIdOf(carol.injAddress)).toBe(carol.subaccountId);
    });
  });
});
