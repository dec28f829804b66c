import { chainErrorFromTxResponse } from './chain-error.parser';
import { InsufficientFeeError } from './insufficient-fee.error';
import { InsufficientFundsError } from './insufficient-funds.error';
import { MempoolFullError } from './mempool-full.error';
import { OutOfGasError } from './out-of-gas.error';
import { SequenceMismatchError } from './sequence-mismatch.error';
import { TxInMempoolCacheError } from './tx-in-mempool-cache.error';
import { TxRejectedError } from './tx-rejected.error';
import { TxTimeoutError } from './tx-timeout.error';
import { UnauthorizedError } from './unauthorized.error';

// raw_log texts as cosmos-sdk composes them: errorsmod.Wrapf(<root error>, <format>) prints
// "<formatted>: <root error text>" (types/errors/errors.go, x/auth/ante, baseapp).
const TXHASH = 'A'.repeat(64);

describe('chainErrorFromTxResponse', () => {
  describe('when the tx succeeded', () => {
    it('returns null', () => {
      expect(chainErrorFromTxResponse({ code: 0, codespace: '', raw_log: '' })).toBeNull();
    });
  });

  describe('when the sequence is wrong (sdk 32)', () => {
    const response = {
      code: 32,
      codespace: 'sdk',
      raw_log: 'account sequence mismatch, expected 6, got 3: incorrect account sequence',
      txhash: TXHASH,
    };

    it('reads the expected and the signed sequence', () => {
      const error = chainErrorFromTxResponse(response);
      expect(error).toBeInstanceOf(SequenceMismatchError);
      expect(error).toMatchObject({ code: 'SEQUENCE_MISMATCH', abciCode: 32, expected: 6, got: 3, txHash: TXHASH });
    });

    it('is what SequenceMismatchError.parse returns too', () => {
      expect(SequenceMismatchError.parse(response)?.expected).toBe(6);
    });

    it('keeps the numbers null when the log does not say', () => {
      expect(SequenceMismatchError.parse({ code: 32, codespace: 'sdk', raw_log: '' })).toMatchObject({
        expected: null,
        got: null,
      });
    });
  });

  describe('when the signature does not verify (sdk 4)', () => {
    it('reads the account number, sequence and chain id the chain used', () => {
      const error = chainErrorFromTxResponse({
        code: 4,
        codespace: 'sdk',
        raw_log:
          'signature verification failed; please verify account number (1), sequence (5) and chain-id (injective-888): unauthorized',
      });
      expect(error).toBeInstanceOf(UnauthorizedError);
      expect(error).toMatchObject({ code: 'UNAUTHORIZED', accountNumber: 1, sequence: 5, chainId: 'injective-888' });
    });
  });

  describe('when the fee cannot be paid (sdk 5)', () => {
    it('is an InsufficientFundsError', () => {
      const error = chainErrorFromTxResponse({
        code: 5,
        codespace: 'sdk',
        raw_log: 'spendable balance 0inj is smaller than 64000000000000inj: insufficient funds: insufficient funds',
      });
      expect(error).toBeInstanceOf(InsufficientFundsError);
      expect(error?.code).toBe('INSUFFICIENT_FUNDS');
    });
  });

  describe('when the fee is below the minimum gas price (sdk 13)', () => {
    it('is an InsufficientFeeError', () => {
      const error = chainErrorFromTxResponse({
        code: 13,
        codespace: 'sdk',
        raw_log: 'insufficient fees; got: 100inj required: 64000000000000inj: insufficient fee',
      });
      expect(error).toBeInstanceOf(InsufficientFeeError);
    });
  });

  describe('when the tx ran out of gas (sdk 11)', () => {
    it('reads gas wanted and used', () => {
      const error = chainErrorFromTxResponse({
        code: 11,
        codespace: 'sdk',
        raw_log: 'out of gas in location: WriteFlat; gasWanted: 200000, gasUsed: 200543: out of gas',
      });
      expect(error).toBeInstanceOf(OutOfGasError);
      expect(error).toMatchObject({ gasWanted: 200000, gasUsed: 200543 });
    });
  });

  describe('when the timeout height passed (sdk 30)', () => {
    it('reads both heights', () => {
      const error = chainErrorFromTxResponse({
        code: 30,
        codespace: 'sdk',
        raw_log: 'block height: 1001, timeout height: 1000: tx timeout height',
      });
      expect(error).toBeInstanceOf(TxTimeoutError);
      expect(error).toMatchObject({ code: 'TX_TIMEOUT_HEIGHT', blockHeight: 1001, timeoutHeight: 1000 });
    });
  });

  describe('when the mempool is full (sdk 20)', () => {
    it('is a MempoolFullError, also without a log', () => {
      expect(chainErrorFromTxResponse({ code: 20, codespace: 'sdk', raw_log: 'mempool is full' })).toBeInstanceOf(
        MempoolFullError,
      );
      expect(chainErrorFromTxResponse({ code: 20, codespace: 'sdk' })).toBeInstanceOf(MempoolFullError);
    });
  });

  describe('when the same bytes are already in the mempool (sdk 19)', () => {
    it('is a TxInMempoolCacheError', () => {
      expect(chainErrorFromTxResponse({ code: 19, codespace: 'sdk', raw_log: 'tx already in mempool' })).toBeInstanceOf(
        TxInMempoolCacheError,
      );
    });
  });

  describe('when another module registered the code', () => {
    it('does not mistake exchange code 5 for insufficient funds', () => {
      const error = chainErrorFromTxResponse({ code: 5, codespace: 'exchange', raw_log: 'failed to validate order' });
      expect(error).toBeInstanceOf(TxRejectedError);
      expect(error).toMatchObject({ code: 'TX_REJECTED', abciCode: 5, codespace: 'exchange' });
    });
  });

  describe('when the stand-in leaves the codespace out', () => {
    it('reads the code as an sdk code', () => {
      expect(chainErrorFromTxResponse({ code: 32, raw_log: 'account sequence mismatch, expected 9, got 8' })).toMatchObject({
        expected: 9,
        got: 8,
      });
    });
  });

  it('keeps the raw log and code in the message for logs', () => {
    const error = chainErrorFromTxResponse({ code: 13, codespace: 'sdk', raw_log: 'insufficient fees' });
    expect(error?.message).toBe('sdk code 13: insufficient fees');
    expect(error?.rawLog).toBe('insufficient fees');
  });
});
