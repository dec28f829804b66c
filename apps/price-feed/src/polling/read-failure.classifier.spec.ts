import { ChainUnavailableError, LcdRequestError, MalformedResponseError, RateLimitedError } from '@mirrorbook/injective';
import { FeedStoppingError } from '../lcd/feed-stopping.error';
import { classifyReadFailure } from './read-failure.classifier';

const endpoint = 'GET http://127.0.0.1:7700/injective/exchange/v2/spot/orderbook/0x01';

describe('classifyReadFailure', () => {
  it('counts a reply without the documented shape as a rejection', () => {
    expect(classifyReadFailure(new MalformedResponseError(endpoint, 'buys_price_level', 'Required'), false)).toMatchObject({
      kind: 'rejected',
      reason: 'malformed',
    });
  });

  it('backs the host off on 429, with the server Retry-After', () => {
    expect(classifyReadFailure(new RateLimitedError(endpoint, 2000), false)).toMatchObject({
      kind: 'error',
      code: 'RATE_LIMITED',
      hostTrouble: true,
      retryAfterMs: 2000,
    });
  });

  it('backs the host off when it is unavailable (5xx, refused, timeout)', () => {
    expect(classifyReadFailure(new ChainUnavailableError(endpoint, 'network', null), false)).toMatchObject({ hostTrouble: true });
  });

  it('does not blame the host for a market it does not know', () => {
    expect(classifyReadFailure(new LcdRequestError(endpoint, 404, 5, 'market not found'), false)).toMatchObject({
      kind: 'error',
      code: 'LCD_REQUEST_FAILED',
      hostTrouble: false,
    });
  });

  it('ignores reads cut short by shutdown', () => {
    expect(classifyReadFailure(new FeedStoppingError(), false)).toEqual({ kind: 'stopping' });
    expect(classifyReadFailure(new DOMException('aborted', 'AbortError'), true)).toEqual({ kind: 'stopping' });
  });
});
