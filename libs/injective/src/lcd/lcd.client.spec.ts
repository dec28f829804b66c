import { AccountNotFoundError } from '../errors/account-not-found.error';
import { ChainUnavailableError } from '../errors/chain-unavailable.error';
import { LcdRequestError } from '../errors/lcd-request.error';
import { MalformedResponseError } from '../errors/malformed-response.error';
import { RateLimitedError } from '../errors/rate-limited.error';
import { refusedUrl, startLcdStub, type LcdStub, type StubHandler } from '../testing/lcd-stub.server';
import { heightFromHeader, LcdClient, type LcdClientOptions } from './lcd.client';
import { RateLimiterRegistry } from './rate-limiter.registry';
import { RateLimiter } from './rate.limiter';

const SPOT_ID = '0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe';
const PERP_ID = '0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6';
const SUBACCOUNT = '0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a000000000000000000000000';
const ADDRESS = 'inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d';
const HASH_A = '0x' + 'ab'.repeat(32);
const HASH_B = '0x' + 'cd'.repeat(32);

let stub: LcdStub | undefined;

afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function clientFor(handler: StubHandler, options: Partial<LcdClientOptions> = {}): Promise<LcdClient> {
  stub = await startLcdStub(handler);
  return new LcdClient({
    baseUrl: stub.url,
    rateLimiter: new RateLimiter({ ratePerSecond: 1000, burst: 100 }),
    initialBackoffMs: 5,
    maxBackoffMs: 20,
    ...options,
  });
}

function served(): string[] {
  return stub!.requests.map((r) => `${r.method} ${r.url}`);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('LcdClient', () => {
  describe('lastSeenHeight', () => {
    it('keeps the highest Grpc-Metadata-X-Cosmos-Block-Height a reply carried, without a request of its own', async () => {
      const heights = ['41', '43', '42'];
      const lcd = await clientFor((_request, index) => ({
        json: { balances: [] },
        headers: index < heights.length ? { 'Grpc-Metadata-X-Cosmos-Block-Height': heights[index]! } : ({} as Record<string, string>),
      }));
      expect(lcd.lastSeenHeight()).toBeNull();
      for (let i = 0; i < 4; i++) await lcd.getBankBalances(ADDRESS, {});
      expect(lcd.lastSeenHeight()?.height).toBe(43);
      expect(stub!.requests).toHaveLength(4);
    });

    it('reads only a positive integer header as a height', () => {
      expect(heightFromHeader('12345')).toBe(12345);
      expect(heightFromHeader(null)).toBeNull();
      expect(heightFromHeader('')).toBeNull();
      expect(heightFromHeader('0')).toBeNull();
      expect(heightFromHeader('12a')).toBeNull();
    });
  });

  describe('getAccount', () => {
    it('reads account number, sequence and public key of an EthAccount', async () => {
      const lcd = await clientFor(() => ({
        json: {
          account: {
            '@type': '/injective.types.v1beta1.EthAccount',
            base_account: {
              address: ADDRESS,
              pub_key: { '@type': '/injective.crypto.v1beta1.ethsecp256k1.PubKey', key: 'A2Fh' },
              account_number: '42',
              sequence: '5',
            },
            code_hash: 'xdJGAYb3IzySfn2y3McDwOUAtlPKgic7e/rYBF2FpHA=',
          },
        },
      }));
      await expect(lcd.getAccount(ADDRESS)).resolves.toEqual({
        address: ADDRESS,
        accountNumber: 42,
        sequence: 5,
        pubKey: { typeUrl: '/injective.crypto.v1beta1.ethsecp256k1.PubKey', keyBase64: 'A2Fh' },
      });
      expect(served()).toEqual([`GET /cosmos/auth/v1beta1/accounts/${ADDRESS}`]);
    });

    it('reads a fresh account without public key, and a plain BaseAccount', async () => {
      const lcd = await clientFor((_req, i) => ({
        json:
          i === 0
            ? { account: { base_account: { address: ADDRESS, pub_key: null, account_number: '7', sequence: '0' } } }
            : { account: { '@type': '/cosmos.auth.v1beta1.BaseAccount', address: ADDRESS, account_number: '8', sequence: '1' } },
      }));
      await expect(lcd.getAccount(ADDRESS)).resolves.toMatchObject({ accountNumber: 7, sequence: 0, pubKey: null });
      await expect(lcd.getAccount(ADDRESS)).resolves.toMatchObject({ accountNumber: 8, sequence: 1, pubKey: null });
    });

    describe('when the chain has no such account', () => {
      it('throws AccountNotFoundError', async () => {
        const lcd = await clientFor(() => ({
          status: 404,
          json: { code: 5, message: `rpc error: code = NotFound desc = account ${ADDRESS} not found`, details: [] },
        }));
        const error = await rejection(lcd.getAccount(ADDRESS));
        expect(error).toBeInstanceOf(AccountNotFoundError);
        expect(error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', address: ADDRESS });
      });
    });
  });

  describe('getLatestHeight', () => {
    it('reads the height header of the small auth params reply, not a whole block', async () => {
      const lcd = await clientFor(() => ({ json: { params: { max_memo_characters: '256' } }, headers: { 'Grpc-Metadata-X-Cosmos-Block-Height': '4242' } }));
      await expect(lcd.getLatestHeight()).resolves.toBe(4242);
      expect(served()).toEqual(['GET /cosmos/auth/v1beta1/params']);
    });

    it('reads sdk_block.header.height when the node sends no height header', async () => {
      const lcd = await clientFor((request) =>
        request.url.startsWith('/cosmos/auth/')
          ? { json: { params: {} } }
          : { json: { block_id: {}, block: { header: { height: '99' } }, sdk_block: { header: { height: '100' } } } },
      );
      await expect(lcd.getLatestHeight()).resolves.toBe(100);
      expect(served()).toEqual(['GET /cosmos/auth/v1beta1/params', 'GET /cosmos/base/tendermint/v1beta1/blocks/latest']);
    });

    it('falls back to block.header.height', async () => {
      const lcd = await clientFor(() => ({ json: { block: { header: { height: '12345' } } } }));
      await expect(lcd.getLatestHeight()).resolves.toBe(12345);
    });

    it('a failing probe is the error it is', async () => {
      const lcd = await clientFor(() => ({ status: 501, json: { code: 12, message: 'Not Implemented', details: [] } }));
      await expect(lcd.getLatestHeight()).rejects.toBeInstanceOf(LcdRequestError);
    });
  });

  describe('getSpotOrderbook', () => {
    it('turns 18-decimal levels into decimals, best prices first', async () => {
      const lcd = await clientFor(() => ({
        json: {
          buys_price_level: [
            { p: '12.300000000000000000', q: '2.000000000000000000' },
            { p: '12.345000000000000000', q: '1.500000000000000000' },
          ],
          sells_price_level: [{ p: '12.350000000000000000', q: '0.001000000000000000' }],
          seq: '1234',
        },
      }));
      const book = await lcd.getSpotOrderbook(SPOT_ID, 25);
      expect(book.seq).toBe(1234);
      expect(book.bids.map((l) => [l.price.toFixed(), l.quantity.toFixed()])).toEqual([
        ['12.345', '1.5'],
        ['12.3', '2'],
      ]);
      expect(book.asks.map((l) => [l.price.toFixed(), l.quantity.toFixed()])).toEqual([['12.35', '0.001']]);
      expect(served()).toEqual([`GET /injective/exchange/v2/spot/orderbook/${SPOT_ID}?limit=25`]);
    });

    it('reads an empty book', async () => {
      const lcd = await clientFor(() => ({ json: { buys_price_level: [], sells_price_level: [], seq: '0' } }));
      await expect(lcd.getDerivativeOrderbook(PERP_ID)).resolves.toEqual({ bids: [], asks: [], seq: 0 });
      expect(served()).toEqual([`GET /injective/exchange/v2/derivative/orderbook/${PERP_ID}`]);
    });
  });

  describe('open orders', () => {
    it('reads spot orders with side, fillable and cid', async () => {
      const lcd = await clientFor(() => ({
        json: {
          orders: [
            { price: '12.345000000000000000', quantity: '1.500000000000000000', fillable: '1.000000000000000000', isBuy: true, order_hash: HASH_A, cid: 'mm-1' },
            { price: '12.400000000000000000', quantity: '2.000000000000000000', fillable: '2.000000000000000000', isBuy: false, order_hash: HASH_B, cid: '' },
          ],
        },
      }));
      const orders = await lcd.getSpotOpenOrders(SPOT_ID, SUBACCOUNT);
      expect(orders.map((o) => ({ ...o, price: o.price.toFixed(), quantity: o.quantity.toFixed(), fillable: o.fillable.toFixed() }))).toEqual([
        { orderHash: HASH_A, cid: 'mm-1', side: 'buy', price: '12.345', quantity: '1.5', fillable: '1', margin: null },
        { orderHash: HASH_B, cid: null, side: 'sell', price: '12.4', quantity: '2', fillable: '2', margin: null },
      ]);
      expect(served()).toEqual([`GET /injective/exchange/v2/spot/orders/${SPOT_ID}/${SUBACCOUNT}`]);
    });

    it('answers the height the node served the orders at, even one below a height seen before', async () => {
      const heights = ['50', '47'];
      const lcd = await clientFor((_request, index) => ({
        json: { orders: [] },
        headers: index < heights.length ? { 'Grpc-Metadata-X-Cosmos-Block-Height': heights[index]! } : ({} as Record<string, string>),
      }));
      expect((await lcd.getSpotOpenOrdersAtHeight(SPOT_ID, SUBACCOUNT)).height).toBe(50);
      expect((await lcd.getDerivativeOpenOrdersAtHeight(PERP_ID, SUBACCOUNT)).height).toBe(47);
      expect((await lcd.getSpotOpenOrdersAtHeight(SPOT_ID, SUBACCOUNT)).height).toBeNull();
    });

    it('reads derivative orders with their margin', async () => {
      const lcd = await clientFor(() => ({
        json: {
          orders: [
            { price: '25.000000000000000000', quantity: '1.000000000000000000', margin: '5.000000000000000000', fillable: '1.000000000000000000', isBuy: false, order_hash: HASH_A, cid: 'p-1' },
          ],
        },
      }));
      const [order] = await lcd.getDerivativeOpenOrders(PERP_ID, SUBACCOUNT);
      expect(order?.margin?.toFixed()).toBe('5');
      expect(served()).toEqual([`GET /injective/exchange/v2/derivative/orders/${PERP_ID}/${SUBACCOUNT}`]);
    });

    it('refuses a derivative order without margin', async () => {
      const lcd = await clientFor(() => ({
        json: { orders: [{ price: '1', quantity: '1', fillable: '1', isBuy: true, order_hash: HASH_A, cid: '' }] },
      }));
      await expect(lcd.getDerivativeOpenOrders(PERP_ID, SUBACCOUNT)).rejects.toMatchObject({
        code: 'MALFORMED_RESPONSE',
        path: 'orders[0].margin',
      });
    });
  });

  describe('getSubaccountDeposits', () => {
    it('converts chain base units with the decimals the caller gives, and lists unknown denoms', async () => {
      const lcd = await clientFor(() => ({
        json: {
          deposits: {
            inj: { available_balance: '1500000000000000000.000000000000000000', total_balance: '2000000000000000000' },
            usdt: { available_balance: '12345678.000000000000000000', total_balance: '12345678.5' },
            'factory/inj1xyz/meme': { available_balance: '1', total_balance: '1' },
          },
        },
      }));
      const deposits = await lcd.getSubaccountDeposits(SUBACCOUNT, { inj: 18, usdt: 6 });
      expect(deposits.balances['inj']?.available.toFixed()).toBe('1.5');
      expect(deposits.balances['inj']?.total.toFixed()).toBe('2');
      expect(deposits.balances['usdt']?.available.toFixed()).toBe('12.345678');
      expect(deposits.balances['usdt']?.total.toFixed()).toBe('12.3456785');
      expect(deposits.unknownDenoms).toEqual(['factory/inj1xyz/meme']);
      expect(served()).toEqual([`GET /injective/exchange/v2/exchange/subaccountDeposits?subaccount_id=${SUBACCOUNT}`]);
    });

    it('keeps every digit of a huge balance', async () => {
      const lcd = await clientFor(() => ({
        json: { deposits: { inj: { available_balance: '123456789012345678901234567890123456789012345', total_balance: '0' } } },
      }));
      const deposits = await lcd.getSubaccountDeposits(SUBACCOUNT, { inj: 18 });
      expect(deposits.balances['inj']?.available.toFixed()).toBe('123456789012345678901234567.890123456789012345');
    });
  });

  describe('getSubaccountPositions', () => {
    it('reads side, quantity, entry price, margin and funding entry', async () => {
      const lcd = await clientFor(() => ({
        json: {
          state: [
            {
              subaccount_id: SUBACCOUNT,
              market_id: PERP_ID,
              position: {
                isLong: false,
                quantity: '0.500000000000000000',
                entry_price: '25000.500000000000000000',
                margin: '1250.000000000000000000',
                cumulative_funding_entry: '-0.001200000000000000',
              },
            },
          ],
        },
      }));
      const [position] = await lcd.getSubaccountPositions(SUBACCOUNT);
      expect(position).toMatchObject({ subaccountId: SUBACCOUNT, marketId: PERP_ID, side: 'short' });
      expect(position?.entryPrice.toFixed()).toBe('25000.5');
      expect(position?.cumulativeFundingEntry.toFixed()).toBe('-0.0012');
      expect(served()).toEqual([`GET /injective/exchange/v2/subaccount_positions/${SUBACCOUNT}`]);
    });
  });

  describe('market metadata', () => {
    const spotReply = {
      market: {
        ticker: 'INJ/USDT',
        base_denom: 'inj',
        quote_denom: 'peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5',
        maker_fee_rate: '-0.000100000000000000',
        taker_fee_rate: '0.001000000000000000',
        relayer_fee_share_rate: '0.400000000000000000',
        market_id: SPOT_ID,
        status: 'Active',
        min_price_tick_size: '0.001000000000000000',
        min_quantity_tick_size: '0.001000000000000000',
        min_notional: '1.000000000000000000',
        admin: '',
        admin_permissions: 0,
        base_decimals: 18,
        quote_decimals: 6,
      },
    };

    it('turns the spot reply into a Market', async () => {
      const lcd = await clientFor(() => ({ json: spotReply }));
      const market = await lcd.getSpotMarket(SPOT_ID, 'testnet');
      expect(market).toMatchObject({ id: SPOT_ID, type: 'spot', network: 'testnet', baseDecimals: 18, quoteDecimals: 6 });
      expect(market.priceTick.toFixed()).toBe('0.001');
      expect(served()).toEqual([`GET /injective/exchange/v2/spot/markets/${SPOT_ID}`]);
    });

    it('reports a field the normalizer refuses as MalformedResponseError with its path', async () => {
      const lcd = await clientFor(() => ({ json: { market: { ...spotReply.market, min_price_tick_size: '1e-3' } } }));
      await expect(lcd.getSpotMarket(SPOT_ID, 'testnet')).rejects.toMatchObject({
        code: 'MALFORMED_RESPONSE',
        path: 'market.min_price_tick_size',
      });
    });

    it('refuses a reply about another market', async () => {
      const lcd = await clientFor(() => ({ json: spotReply }));
      await expect(lcd.getSpotMarket(PERP_ID, 'testnet')).rejects.toBeInstanceOf(MalformedResponseError);
    });

    describe('getDerivativeMarkPrice', () => {
      const perpReply = (mark: string | null) => ({
        market: {
          market: {
            ...spotReply.market,
            ticker: 'INJ/USDT PERP',
            market_id: PERP_ID,
            initial_margin_ratio: '0.083000000000000000',
            maintenance_margin_ratio: '0.050000000000000000',
            isPerpetual: true,
          },
          mark_price: mark,
        },
      });

      it('reads the mark price of the derivative market query', async () => {
        const lcd = await clientFor(() => ({ json: perpReply('23.456000000000000000') }));
        expect((await lcd.getDerivativeMarkPrice(PERP_ID))?.toFixed()).toBe('23.456');
        expect(served()).toEqual([`GET /injective/exchange/v2/derivative/markets/${PERP_ID}`]);
      });

      it('is null when the market has no mark', async () => {
        const lcd = await clientFor(() => ({ json: perpReply(null) }));
        expect(await lcd.getDerivativeMarkPrice(PERP_ID)).toBeNull();
      });

      it('reports a malformed mark as MalformedResponseError with its path', async () => {
        const lcd = await clientFor(() => ({ json: perpReply('1e3') }));
        await expect(lcd.getDerivativeMarkPrice(PERP_ID)).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE', path: 'market.mark_price' });
      });
    });
  });

  describe('mid price and top of book', () => {
    it('reads the three prices', async () => {
      const lcd = await clientFor(() => ({
        json: { mid_price: '12.347500000000000000', best_buy_price: '12.345000000000000000', best_sell_price: '12.350000000000000000' },
      }));
      const tob = await lcd.getSpotMidPriceAndTob(SPOT_ID);
      expect([tob.midPrice?.toFixed(), tob.bestBuyPrice?.toFixed(), tob.bestSellPrice?.toFixed()]).toEqual(['12.3475', '12.345', '12.35']);
      expect(served()).toEqual([`GET /injective/exchange/v2/spot/mid_price_and_tob/${SPOT_ID}`]);
    });

    it('gives null for an empty side, written as null or left out', async () => {
      const lcd = await clientFor(() => ({ json: { best_buy_price: '12.345000000000000000', best_sell_price: null } }));
      await expect(lcd.getDerivativeMidPriceAndTob(PERP_ID)).resolves.toMatchObject({ midPrice: null, bestSellPrice: null });
    });
  });

  describe('getTx', () => {
    it('returns null while the tx is not in a block', async () => {
      const lcd = await clientFor(() => ({ status: 404, json: { code: 5, message: 'tx not found: ABC', details: [] } }));
      await expect(lcd.getTx('ABC')).resolves.toBeNull();
      expect(served()).toEqual(['GET /cosmos/tx/v1beta1/txs/ABC']);
    });

    it('returns the validated tx_response of an included tx', async () => {
      const lcd = await clientFor(() => ({
        json: {
          tx: {},
          tx_response: { height: '77', txhash: 'A'.repeat(64), codespace: '', code: 0, data: '', raw_log: '', gas_wanted: '400000', gas_used: '187654', events: [] },
        },
      }));
      await expect(lcd.getTx('A'.repeat(64))).resolves.toMatchObject({ height: 77, code: 0, gas_used: 187654 });
    });
  });

  describe('when the reply does not have the documented shape', () => {
    it('throws MalformedResponseError naming the endpoint and the field', async () => {
      const lcd = await clientFor(() => ({
        json: { buys_price_level: [{ p: '1.5', q: 2 }], sells_price_level: [], seq: '1' },
      }));
      const error = await rejection(lcd.getSpotOrderbook(SPOT_ID, 10));
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect(error).toMatchObject({
        path: 'buys_price_level[0].q',
        endpoint: `GET ${stub!.url}/injective/exchange/v2/spot/orderbook/${SPOT_ID}`,
      });
    });

    it('refuses a price in exponent notation', async () => {
      const lcd = await clientFor(() => ({ json: { mid_price: '1e-7', best_buy_price: null, best_sell_price: null } }));
      await expect(lcd.getSpotMidPriceAndTob(SPOT_ID)).rejects.toMatchObject({ path: 'mid_price' });
    });

    it('refuses a body that is not JSON', async () => {
      const lcd = await clientFor(() => ({ body: '<html>bad gateway</html>' }));
      await expect(lcd.getLatestHeight()).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE', path: '' });
    });

    it('refuses a sequence beyond the safe integer range', async () => {
      const lcd = await clientFor(() => ({
        json: { account: { base_account: { address: ADDRESS, account_number: '1', sequence: '18446744073709551615' } } },
      }));
      await expect(lcd.getAccount(ADDRESS)).rejects.toMatchObject({ path: 'account.base_account.sequence' });
    });
  });

  describe('when the node fails for a moment', () => {
    it('retries a 503 and returns the later answer', async () => {
      const lcd = await clientFor((_req, i) =>
        i < 2 ? { status: 503, body: 'upstream unavailable' } : { json: { params: {} }, headers: { 'Grpc-Metadata-X-Cosmos-Block-Height': '5' } },
      );
      await expect(lcd.getLatestHeight()).resolves.toBe(5);
      expect(stub!.requests).toHaveLength(3);
    });

    it('gives up with ChainUnavailableError after the retries', async () => {
      const lcd = await clientFor(() => ({ status: 502, body: '' }), { maxRetries: 2 });
      const error = await rejection(lcd.getLatestHeight());
      expect(error).toBeInstanceOf(ChainUnavailableError);
      expect(error).toMatchObject({ code: 'CHAIN_UNAVAILABLE', reason: 'server-error', status: 502 });
      expect(stub!.requests).toHaveLength(3);
    });

    it('does not retry a 500 that carries a deterministic gRPC status', async () => {
      const lcd = await clientFor(() => ({ status: 500, json: { code: 2, message: 'market not found', details: [] } }));
      const error = await rejection(lcd.getSpotOrderbook(SPOT_ID));
      expect(error).toBeInstanceOf(LcdRequestError);
      expect(error).toMatchObject({ status: 500, grpcCode: 2, detail: 'market not found' });
      expect(stub!.requests).toHaveLength(1);
    });

    it('does not retry a 400', async () => {
      const lcd = await clientFor(() => ({ status: 400, json: { code: 3, message: 'invalid market id' } }));
      await expect(lcd.getSpotOrderbook('nope')).rejects.toMatchObject({ code: 'LCD_REQUEST_FAILED', status: 400, grpcCode: 3 });
      expect(stub!.requests).toHaveLength(1);
    });
  });

  describe('when the node is too slow', () => {
    it('times each attempt out and ends with ChainUnavailableError(timeout)', async () => {
      // the reply would come after 1 s and fail the height schema: only the 100 ms timeout gives reason 'timeout'
      const lcd = await clientFor(() => ({ delayMs: 1000, json: {} }), { timeoutMs: 100, maxRetries: 1 });
      const error = await rejection(lcd.getLatestHeight());
      expect(error).toBeInstanceOf(ChainUnavailableError);
      expect(error).toMatchObject({ reason: 'timeout', status: null });
      expect(stub!.requests).toHaveLength(2);
    });
  });

  describe('when nothing listens', () => {
    it('ends with ChainUnavailableError(network)', async () => {
      const lcd = new LcdClient({
        baseUrl: await refusedUrl(),
        rateLimiter: new RateLimiter({ ratePerSecond: 1000 }),
        initialBackoffMs: 5,
        maxBackoffMs: 10,
      });
      await expect(lcd.getLatestHeight()).rejects.toMatchObject({ code: 'CHAIN_UNAVAILABLE', reason: 'network' });
    });
  });

  describe('when the node rate-limits', () => {
    it('retries a 429 and returns the later answer', async () => {
      const lcd = await clientFor((_req, i) => (i === 0 ? { status: 429, body: '' } : { json: { block: { header: { height: '9' } } } }));
      await expect(lcd.getLatestHeight()).resolves.toBe(9);
    });

    it('ends with RateLimitedError carrying Retry-After', async () => {
      const lcd = await clientFor(() => ({ status: 429, headers: { 'retry-after': '2' }, body: 'slow down' }), { maxRetries: 1 });
      const error = await rejection(lcd.getLatestHeight());
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2000 });
    });
  });

  describe('when several clients talk to one host', () => {
    it('shares one budget: the host is never sent more than the rate in any second', async () => {
      stub = await startLcdStub(() => ({ json: { params: {} }, headers: { 'Grpc-Metadata-X-Cosmos-Block-Height': '1' } }));
      // the limiter's own record: the time of every permit it issued (socket arrival carries jitter)
      const grants: number[] = [];
      const registry = new RateLimiterRegistry({ onGrant: (at) => grants.push(at) });
      const clients = [1, 2, 3].map(() => new LcdClient({ baseUrl: stub!.url, ratePerSecond: 10, rateLimiterRegistry: registry }));
      await Promise.all(Array.from({ length: 24 }, (_, i) => clients[i % 3]!.getLatestHeight()));
      // one permit per request the server saw, from one budget of 10 per second for all three clients
      expect(stub.requests).toHaveLength(24);
      expect(grants).toHaveLength(24);
      for (let i = 0; i + 10 < grants.length; i++) {
        expect(grants[i + 10]! - grants[i]!).toBeGreaterThanOrEqual(1000 - 1e-6);
      }
    });
  });

  describe('when the caller aborts', () => {
    it('stops at once with the abort reason, without retrying', async () => {
      const lcd = await clientFor(() => ({ delayMs: 2000, json: {} }), { timeoutMs: 5000 });
      const controller = new AbortController();
      const pending = lcd.getLatestHeight({ signal: controller.signal });
      const outcome = pending.then(() => 'answered', (error: Error) => error.message);
      // aborted while the node holds the request (not on a timer: a loaded machine may not have sent it yet)
      for (let waited = 0; stub!.requests.length === 0 && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      controller.abort(new Error('shutdown'));
      expect(await outcome).toBe('shutdown');
      expect(stub!.requests).toHaveLength(1);
    });
  });
});
