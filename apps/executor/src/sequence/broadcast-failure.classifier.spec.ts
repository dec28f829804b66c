import { ChainUnavailableError, InsufficientFeeError, MempoolFullError, RateLimitedError, SequenceMismatchError, TxInMempoolCacheError, TxRejectedError, TxTimeoutError, UnauthorizedError } from '@mirrorbook/injective';
import { classifyBroadcastFailure } from './broadcast-failure.classifier';

const response = (code: number, raw_log: string) => ({ code, codespace: 'sdk', raw_log });

describe('classifyBroadcastFailure', () => {
  it('takes the expected sequence from a sequence mismatch', () => {
    const error = SequenceMismatchError.parse(response(32, 'account sequence mismatch, expected 6, got 3: incorrect account sequence'));
    expect(classifyBroadcastFailure(error)).toEqual({ kind: 'sequence-mismatch', expected: 6 });
  });

  it('waits for the earlier copy when the same bytes are already known', () => {
    expect(classifyBroadcastFailure(TxInMempoolCacheError.parse(response(19, 'tx already in mempool')))).toEqual({ kind: 'already-known' });
  });

  it('resends the same bytes after a full mempool or a rate limit, honouring Retry-After', () => {
    expect(classifyBroadcastFailure(MempoolFullError.parse(response(20, 'mempool is full')))).toMatchObject({ kind: 'resend', ambiguous: false });
    expect(classifyBroadcastFailure(new RateLimitedError('POST x', 1500))).toEqual({ kind: 'resend', delayMs: 1500, ambiguous: false });
  });

  it('marks an unavailable node as ambiguous: the tx may have arrived', () => {
    expect(classifyBroadcastFailure(new ChainUnavailableError('POST x', 'server-error', 503))).toMatchObject({ kind: 'resend', ambiguous: true });
  });

  it('signs again after a passed timeout height', () => {
    expect(classifyBroadcastFailure(TxTimeoutError.parse(response(30, 'block height: 11, timeout height: 10: tx timeout height')))).toEqual({ kind: 'resign' });
  });

  it('gives up on a bad signature and asks for the account to be re-read', () => {
    expect(classifyBroadcastFailure(InsufficientFeeError.parse(response(13, 'insufficient fees; got: 1inj required: 2inj: insufficient fee')))).toEqual({ kind: 'reprice' });
    expect(classifyBroadcastFailure(UnauthorizedError.parse(response(4, 'signature verification failed')))).toEqual({ kind: 'fatal', refreshAccount: true });
  });

  it('gives up on anything else', () => {
    expect(classifyBroadcastFailure(TxRejectedError.parse({ code: 7, codespace: 'exchange', raw_log: 'x' }))).toEqual({ kind: 'fatal', refreshAccount: false });
    expect(classifyBroadcastFailure(new Error('boom'))).toEqual({ kind: 'fatal', refreshAccount: false });
  });
});
