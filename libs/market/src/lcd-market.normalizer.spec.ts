import { catalogMarkets, lcdMarkPrice, MarketMetadataError, normalizeLcdMarket, toDecimalString, type Market } from '@mirrorbook/market';

// Replies shaped like the chain LCD's exchange v2 market queries (proto
// injective/exchange/v2/market.proto; human LegacyDec strings with 18 decimals). Written for these
// tests from the bundled catalog's testnet INJ/USDT markets, not recorded from a node.
function spotReply(overrides: Record<string, unknown> = {}) {
  return {
    market: {
      ticker: 'INJ/USDT',
      base_denom: 'inj',
      quote_denom: 'peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5',
      maker_fee_rate: '-0.000100000000000000',
      taker_fee_rate: '0.001000000000000000',
      relayer_fee_share_rate: '0.400000000000000000',
      market_id: '0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe',
      status: 'Active',
      min_price_tick_size: '0.001000000000000000',
      min_quantity_tick_size: '0.001000000000000000',
      min_notional: '0.000000000000000000',
      admin: '',
      admin_permissions: 0,
      base_decimals: 18,
      quote_decimals: 6,
      ...overrides,
    },
  };
}

function derivativeReply(overrides: Record<string, unknown> = {}, outer: Record<string, unknown> = {}) {
  return {
    market: {
      market: {
        ticker: 'INJ/USDT PERP',
        oracle_base: '0x2d9315a88f3019f8efa88dfe9c0f0843712da0bac814461e27733f6b83eb51b3',
        oracle_quote: '0x1fc18861232290221461220bd4e2acd1dcdfbc89c84092c93c18bdc7756c1588',
        oracle_type: 'Pyth',
        oracle_scale_factor: 0,
        quote_denom: 'peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5',
        market_id: '0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6',
        initial_margin_ratio: '0.083333000000000000',
        maintenance_margin_ratio: '0.060000000000000000',
        maker_fee_rate: '-0.000100000000000000',
        taker_fee_rate: '0.000500000000000000',
        relayer_fee_share_rate: '0.400000000000000000',
        isPerpetual: true,
        status: 'Active',
        min_price_tick_size: '0.000100000000000000',
        min_quantity_tick_size: '0.000100000000000000',
        min_notional: '0.000000000001000000',
        admin: '',
        admin_permissions: 0,
        quote_decimals: 6,
        reduce_margin_ratio: '0.000000000000000000',
        open_notional_cap: { uncapped: {} },
        ...overrides,
      },
      perpetual_info: {
        market_info: {
          market_id: '0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6',
          hourly_funding_rate_cap: '0.000625000000000000',
          hourly_interest_rate: '0.000004166660000000',
          next_funding_timestamp: '1700000000',
          funding_interval: '3600',
        },
        funding_info: { cumulative_funding: '0.000000000000000000', cumulative_price: '0.000000000000000000', last_timestamp: '1699996400' },
      },
      mark_price: '23.456000000000000000',
      ...outer,
    },
  };
}

function metadataError(run: () => unknown): MarketMetadataError {
  try {
    run();
  } catch (error) {
    if (error instanceof MarketMetadataError) return error;
    throw error;
  }
  throw new Error('expected a MarketMetadataError');
}

/** The fields both metadata sources must agree on, as strings. */
function comparable(m: Market) {
  return {
    id: m.id,
    type: m.type,
    status: m.status,
    ticker: m.ticker,
    baseSymbol: m.baseSymbol,
    quoteSymbol: m.quoteSymbol,
    baseDenom: m.baseDenom,
    quoteDenom: m.quoteDenom,
    baseDecimals: m.baseDecimals,
    quoteDecimals: m.quoteDecimals,
    isPerpetual: m.isPerpetual,
    numbers: [
      m.priceTick,
      m.quantityTick,
      m.minNotional,
      m.makerFeeRate,
      m.takerFeeRate,
      m.initialMarginRatio,
      m.maintenanceMarginRatio,
    ].map((d) => (d === null ? null : toDecimalString(d))),
  };
}

describe('normalizeLcdMarket', () => {
  describe('when given a v2 spot market reply', () => {
    const market = normalizeLcdMarket(spotReply(), 'testnet');

    it('takes the human ticks as they are, without the 18-decimal padding', () => {
      expect(toDecimalString(market.priceTick)).toBe('0.001');
      expect(toDecimalString(market.quantityTick)).toBe('0.001');
      expect(toDecimalString(market.minNotional)).toBe('0');
    });

    it('reads symbols from the ticker and decimals from the reply', () => {
      expect(market).toMatchObject({
        type: 'spot',
        status: 'active',
        network: 'testnet',
        baseSymbol: 'INJ',
        quoteSymbol: 'USDT',
        baseDenom: 'inj',
        baseDecimals: 18,
        quoteDecimals: 6,
        isPerpetual: false,
        initialMarginRatio: null,
      });
    });

    it('agrees with the chain-format catalog for the same market', () => {
      const fromFixture = catalogMarkets().testnet.find((m) => m.id === market.id)!;
      expect(comparable(market)).toEqual(comparable(fromFixture));
    });
  });

  describe('when given a v2 derivative market reply (a FullDerivativeMarket)', () => {
    const market = normalizeLcdMarket(derivativeReply(), 'testnet');

    it('unwraps the inner market', () => {
      expect(market).toMatchObject({
        type: 'derivative',
        ticker: 'INJ/USDT PERP',
        baseSymbol: 'INJ',
        baseDenom: null,
        baseDecimals: 0,
        quoteDecimals: 6,
        isPerpetual: true,
      });
      expect(toDecimalString(market.initialMarginRatio!)).toBe('0.083333');
    });

    it('agrees with the chain-format catalog for the same market', () => {
      const fromFixture = catalogMarkets().testnet.find((m) => m.id === market.id)!;
      expect(comparable(market)).toEqual(comparable(fromFixture));
    });

    it('reads no snake_case is_perpetual (DerivativeMarket has only isPerpetual): the oneof decides', () => {
      expect(normalizeLcdMarket(derivativeReply({ isPerpetual: undefined, is_perpetual: false }), 'testnet').isPerpetual).toBe(true);
    });

    it('infers the perpetual flag from perpetual_info when the flag is left out', () => {
      expect(normalizeLcdMarket(derivativeReply({ isPerpetual: undefined }), 'testnet').isPerpetual).toBe(true);
    });

    it('reads an expiry future from futures_info (the oneof member injective-core defines)', () => {
      const reply = derivativeReply({ isPerpetual: undefined }, { perpetual_info: null, futures_info: { market_id: '0x' } });
      expect(normalizeLcdMarket(reply, 'testnet').isPerpetual).toBe(false);
    });

    it('does not take a future_info (no such field) for an expiry future', () => {
      const reply = derivativeReply({ isPerpetual: undefined }, { perpetual_info: null, future_info: { market_info: {} } });
      expect(metadataError(() => normalizeLcdMarket(reply, 'testnet')).path).toBe('market.market.isPerpetual');
    });

    it('refuses a reply that does not say whether the market is perpetual', () => {
      const reply = derivativeReply({ isPerpetual: undefined }, { perpetual_info: undefined });
      expect(metadataError(() => normalizeLcdMarket(reply, 'testnet')).path).toBe('market.market.isPerpetual');
    });
  });

  describe('when the status is given in another form', () => {
    it.each([
      ['Paused', 'paused'],
      ['expired', 'expired'],
      [3, 'demolished'],
      [1, 'active'],
    ])('maps %p to %p', (status, expected) => {
      expect(normalizeLcdMarket(spotReply({ status }), 'mainnet').status).toBe(expected);
    });

    it('refuses Unspecified', () => {
      expect(metadataError(() => normalizeLcdMarket(spotReply({ status: 'Unspecified' }), 'mainnet')).path).toBe(
        'market.status',
      );
    });
  });

  it('accepts decimals quoted as strings', () => {
    expect(normalizeLcdMarket(spotReply({ base_decimals: '18', quote_decimals: '6' }), 'mainnet')).toMatchObject({
      baseDecimals: 18,
      quoteDecimals: 6,
    });
  });

  describe('when the reply is bad', () => {
    it('names a missing spot field', () => {
      const error = metadataError(() => normalizeLcdMarket(spotReply({ min_notional: undefined }), 'mainnet'));
      expect(error.code).toBe('INVALID_FIELD');
      expect(error.path).toBe('market.min_notional');
    });

    it('names a bad derivative field under the inner market', () => {
      const reply = derivativeReply({ min_price_tick_size: '0.000000000000000000' });
      expect(metadataError(() => normalizeLcdMarket(reply, 'mainnet')).path).toBe('market.market.min_price_tick_size');
    });

    it('refuses margin ratios in the wrong order', () => {
      const reply = derivativeReply({ maintenance_margin_ratio: '0.100000000000000000' });
      expect(metadataError(() => normalizeLcdMarket(reply, 'mainnet')).path).toBe('market.market.maintenance_margin_ratio');
    });

    it('refuses a ticker without BASE/QUOTE', () => {
      expect(metadataError(() => normalizeLcdMarket(spotReply({ ticker: 'INJUSDT' }), 'mainnet')).path).toBe(
        'market.ticker',
      );
    });

    it('refuses an empty reply', () => {
      expect(metadataError(() => normalizeLcdMarket({}, 'mainnet')).path).toBe('market');
    });
  });
});

describe('lcdMarkPrice', () => {
  it('reads mark_price of a FullDerivativeMarket reply', () => {
    expect(lcdMarkPrice(derivativeReply())?.toFixed()).toBe('23.456');
  });

  it('is null when the oracle has no mark (absent, null or zero)', () => {
    const { mark_price: _unused, ...withoutMark } = derivativeReply().market;
    expect(lcdMarkPrice({ market: withoutMark })).toBeNull();
    expect(lcdMarkPrice(derivativeReply({}, { mark_price: null }))).toBeNull();
    expect(lcdMarkPrice(derivativeReply({}, { mark_price: '0.000000000000000000' }))).toBeNull();
  });

  it('refuses a mark that is not a plain decimal, with its path', () => {
    expect(metadataError(() => lcdMarkPrice(derivativeReply({}, { mark_price: '1e3' }))).path).toBe('market.mark_price');
  });
});
