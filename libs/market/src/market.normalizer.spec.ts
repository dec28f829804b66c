import fixture from '../catalog/injective-markets.json';
import { MarketMetadataError, toDecimalString, type Market, type MarketNetwork } from '@mirrorbook/market';
import { normalizeMarket } from './market.normalizer';

/** Moves the decimal point of a plain decimal string by string surgery only (no Decimal maths). */
function shiftPoint(value: string, places: number): string {
  const [whole, fraction = ''] = value.split('.');
  let digits = `${whole}${fraction}`;
  let point = whole!.length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

type FixtureEntry = (typeof fixture.mainnet.spot)[number] | (typeof fixture.mainnet.derivative)[number];

const rows = (['mainnet', 'testnet'] as const).flatMap((network) =>
  (['spot', 'derivative'] as const).flatMap((type) =>
    (fixture[network][type] as FixtureEntry[]).map((raw) => ({ network, type, ticker: raw.ticker, raw })),
  ),
);

function rawSpot(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixture.mainnet.spot[0], ...overrides };
}

function rawDerivative(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixture.mainnet.derivative[0], ...overrides };
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

describe('normalizeMarket', () => {
  it('covers spot and derivative markets of both networks in the fixture', () => {
    expect(rows.map((r) => `${r.network} ${r.type} ${r.ticker}`)).toEqual([
      'mainnet spot INJ/USDT',
      'mainnet spot TIA/USDT',
      'mainnet spot ATOM/USDT',
      'mainnet spot stINJ/INJ',
      'mainnet derivative INJ/USDT PERP',
      'mainnet derivative BTC/USDT PERP',
      'mainnet derivative ETH/USDT PERP',
      'mainnet derivative TIA/USDT PERP',
      'testnet spot INJ/USDT',
      'testnet spot ATOM/USDT',
      'testnet spot stINJ/INJ',
      'testnet derivative INJ/USDT PERP',
      'testnet derivative BTC/USDT PERP',
      'testnet derivative ETH/USDT PERP',
    ]);
  });

  describe.each(rows)('when normalizing $network $type $ticker', ({ network, type, raw }) => {
    const market = normalizeMarket(raw, network);
    const base = type === 'spot' ? (raw as { base_decimals: number }).base_decimals : 0;
    const quote = raw.quote_decimals;

    it('keeps identity, network and type', () => {
      expect(market).toMatchObject({ id: raw.market_id, ticker: raw.ticker, network, type, status: 'active' });
    });

    it('gives the human price tick the sdk-python denoms file lists', () => {
      expect(toDecimalString(market.priceTick)).toBe(raw.cross_check_sdk_python_ini_2024_09.min_display_price_tick_size);
    });

    it('gives the human quantity tick the sdk-python denoms file lists', () => {
      expect(toDecimalString(market.quantityTick)).toBe(
        raw.cross_check_sdk_python_ini_2024_09.min_display_quantity_tick_size,
      );
    });

    it('scales the chain price tick by the unit rules', () => {
      const places = type === 'spot' ? base - quote : -quote;
      expect(toDecimalString(market.priceTick)).toBe(shiftPoint(raw.min_price_tick_size, places));
    });

    it('scales the chain quantity tick by the unit rules', () => {
      expect(toDecimalString(market.quantityTick)).toBe(shiftPoint(raw.min_quantity_tick_size, -base));
    });

    it('expresses the min notional in quote units', () => {
      expect(toDecimalString(market.minNotional)).toBe(shiftPoint(raw.min_notional, -quote));
    });

    it('keeps fee rates exactly', () => {
      expect(toDecimalString(market.makerFeeRate)).toBe(raw.maker_fee_rate);
      expect(toDecimalString(market.takerFeeRate)).toBe(raw.taker_fee_rate);
    });
  });

  describe('when the market is INJ/USDT spot', () => {
    it.each(['mainnet', 'testnet'] as const)('on %s ticks 0.001 USDT and 0.001 INJ', (network) => {
      const market = normalizeMarket(fixture[network].spot[0], network);
      expect(market.ticker).toBe('INJ/USDT');
      expect(toDecimalString(market.priceTick)).toBe('0.001');
      expect(toDecimalString(market.quantityTick)).toBe('0.001');
      expect(market).toMatchObject({ baseDenom: 'inj', baseDecimals: 18, quoteDecimals: 6, isPerpetual: false });
      expect(market.initialMarginRatio).toBeNull();
      expect(market.maintenanceMarginRatio).toBeNull();
    });

    it('on mainnet needs 1 USDT of notional, on testnet none', () => {
      expect(toDecimalString(normalizeMarket(fixture.mainnet.spot[0], 'mainnet').minNotional)).toBe('1');
      expect(toDecimalString(normalizeMarket(fixture.testnet.spot[0], 'testnet').minNotional)).toBe('0');
    });
  });

  describe('when the market is INJ/USDT PERP', () => {
    const market = normalizeMarket(fixture.mainnet.derivative[0], 'mainnet');

    it('ticks 0.001 USDT in price and 0.001 in quantity', () => {
      expect(toDecimalString(market.priceTick)).toBe('0.001');
      expect(toDecimalString(market.quantityTick)).toBe('0.001');
    });

    it('has no base denom and takes the base symbol from the ticker', () => {
      expect(market).toMatchObject({ baseDenom: null, baseDecimals: 0, baseSymbol: 'INJ', quoteSymbol: 'USDT' });
    });

    it('carries margin ratios and the perpetual flag', () => {
      expect(toDecimalString(market.initialMarginRatio!)).toBe('0.033333');
      expect(toDecimalString(market.maintenanceMarginRatio!)).toBe('0.02');
      expect(market.isPerpetual).toBe(true);
    });
  });

  describe('when the quote is INJ (stINJ/INJ, 18 and 18 decimals)', () => {
    it('needs 0.01 INJ of notional on mainnet', () => {
      const market = normalizeMarket(fixture.mainnet.spot[3], 'mainnet');
      expect(toDecimalString(market.priceTick)).toBe('0.0001');
      expect(toDecimalString(market.minNotional)).toBe('0.01');
    });
  });

  describe('when the testnet lists file gives a derivative min notional of "0.000001"', () => {
    it('reads it as chain format like every other value: 10^-12 USDT, below one USDT base unit', () => {
      const market = normalizeMarket(fixture.testnet.derivative[0], 'testnet');
      expect(toDecimalString(market.minNotional)).toBe('0.000000000001');
    });
  });

  describe('when the metadata is bad', () => {
    it('names a missing field', () => {
      const { min_price_tick_size: _, ...raw } = rawSpot();
      const error = metadataError(() => normalizeMarket(raw, 'mainnet'));
      expect(error.code).toBe('INVALID_FIELD');
      expect(error.path).toBe('min_price_tick_size');
    });

    it('refuses exponent notation, which the fixture renders as plain decimals', () => {
      expect(metadataError(() => normalizeMarket(rawSpot({ min_price_tick_size: '1e-15' }), 'mainnet')).path).toBe(
        'min_price_tick_size',
      );
    });

    it('refuses a JSON number, which may already have lost digits', () => {
      expect(metadataError(() => normalizeMarket(rawSpot({ min_notional: 1000000 }), 'mainnet')).path).toBe(
        'min_notional',
      );
    });

    it('refuses a zero tick, which no price could be rounded to', () => {
      expect(metadataError(() => normalizeMarket(rawSpot({ min_quantity_tick_size: '0' }), 'mainnet')).path).toBe(
        'min_quantity_tick_size',
      );
    });

    it('refuses values that are not in chain format', () => {
      expect(metadataError(() => normalizeMarket(rawSpot({ tick_format: 'human' }), 'mainnet')).path).toBe(
        'tick_format',
      );
    });

    it('refuses a malformed market id', () => {
      expect(metadataError(() => normalizeMarket(rawSpot({ market_id: '0x1234' }), 'mainnet')).path).toBe('market_id');
    });

    it('refuses an unknown market status', () => {
      expect(metadataError(() => normalizeMarket(rawSpot({ market_status: 'open' }), 'mainnet')).path).toBe(
        'market_status',
      );
    });

    it('refuses a maintenance margin that is not below the initial margin', () => {
      const error = metadataError(() =>
        normalizeMarket(rawDerivative({ initial_margin_ratio: '0.05', maintenance_margin_ratio: '0.05' }), 'mainnet'),
      );
      expect(error.path).toBe('maintenance_margin_ratio');
    });

    it('refuses a derivative whose ticker names no base', () => {
      expect(metadataError(() => normalizeMarket(rawDerivative({ ticker: 'INJPERP' }), 'mainnet')).path).toBe('ticker');
    });

    it('refuses something that is not an object', () => {
      const error = metadataError(() => normalizeMarket('INJ/USDT', 'mainnet'));
      expect(error.code).toBe('INVALID_FIELD');
      expect(error.path).toBe('');
    });

    it('keeps the zod error as the cause', () => {
      const error = metadataError(() => normalizeMarket(rawSpot({ base_decimals: -1 }), 'mainnet'));
      expect(error.path).toBe('base_decimals');
      expect(error.cause).toBeInstanceOf(Error);
    });
  });

  it('returns frozen markets', () => {
    const market: Market = normalizeMarket(fixture.mainnet.spot[0], 'mainnet' satisfies MarketNetwork);
    expect(Object.isFrozen(market)).toBe(true);
  });
});
