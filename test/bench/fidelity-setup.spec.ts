import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dec } from '@mirrorbook/market';
// the sim's own candle parser: the replay the fidelity tool writes must read back as the candles it came from
// eslint-disable-next-line no-restricted-imports
import { CandleParseError } from '../../apps/injective-sim/src/price/candle-parse.error';
// eslint-disable-next-line no-restricted-imports
import { parseCandles } from '../../apps/injective-sim/src/price/candle.parser';
import { loadCandleSource, replayRow, replayText } from '../../scripts/fidelity/candle.source';
import { chargedFee } from '../../scripts/fidelity/fee.follower';
import { botParams, demoSetup, marketDepthScale, ParamsOverrideError, parseParamsOverride, rebaseFactor, singleMarketSetup, type ParamsLayers, type SetupBot } from '../../scripts/fidelity/fidelity.setup';

const BOTS: SetupBot[] = [
  { id: 'spot-inj', wallet: 'w1', markets: ['inj-usdt', 'atom-usdt'], params: {} },
  { id: 'perp-inj', wallet: 'w2', markets: ['inj-usdt-perp'], params: { leverage: '3' } },
];
const LAYERS: ParamsLayers = {
  strategyDefaults: {},
  markets: [{ key: 'inj-usdt' }, { key: 'atom-usdt', strategy: { baseSize: '10' } }, { key: 'inj-usdt-perp', strategy: { baseSize: '1', maxNetPosition: '50' } }],
};

/** The message of the ParamsOverrideError `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParamsOverrideError) return error.message;
    throw error;
  }
  throw new Error('no ParamsOverrideError');
}

describe('parseParamsOverride', () => {
  describe('when the value is a valid subset of the parameters', () => {
    it('answers it as parsed', () => {
      expect(parseParamsOverride('{"cadence":{"maintenanceIntervalS":10}}', BOTS, LAYERS)).toEqual({ cadence: { maintenanceIntervalS: 10 } });
    });
  });

  describe('when a value is out of bounds', () => {
    it('names the field and the reason on one line', () => {
      const message = refusal(() => parseParamsOverride('{"cadence":{"maintenanceIntervalS":99999}}', BOTS, LAYERS));
      expect(message).toBe('cadence.maintenanceIntervalS: must be at most 3600');
    });
  });

  describe('when a value has the wrong type', () => {
    it('names the field', () => {
      expect(refusal(() => parseParamsOverride('{"cadence":{"requoteTolerance":0.5}}', BOTS, LAYERS))).toMatch(/^cadence\.requoteTolerance: /);
    });
  });

  describe('when a key is unknown', () => {
    it('says which', () => {
      expect(refusal(() => parseParamsOverride('{"cadense":{}}', BOTS, LAYERS))).toMatch(/cadense/);
    });
  });

  describe('when the override is only invalid on top of a market layer', () => {
    it('refuses it for the bot on that market', () => {
      const layers: ParamsLayers = { ...LAYERS, markets: [{ key: 'inj-usdt' }, { key: 'atom-usdt', strategy: { marketMoving: { gapAbovePct: '3' } } }, { key: 'inj-usdt-perp' }] };
      // fine on inj-usdt (market moving above 15 %), not on atom-usdt (above 3 %)
      expect(refusal(() => parseParamsOverride('{"maintenance":{"gapBelowPct":"4"}}', BOTS, layers))).toBe('maintenance.gapBelowPct: must be below marketMoving.gapAbovePct (3)');
      expect(parseParamsOverride('{"maintenance":{"gapBelowPct":"4"}}', [{ ...BOTS[0]!, markets: ['inj-usdt'] }], layers)).toEqual({ maintenance: { gapBelowPct: '4' } });
    });
  });

  describe('when the value is no JSON object', () => {
    it.each([['not json', /^not JSON/], ['[1]', /must be a JSON object/], ['null', /must be a JSON object/], ['"x"', /must be a JSON object/]])('refuses %s', (text, reason) => {
      const message = refusal(() => parseParamsOverride(text, BOTS, LAYERS));
      expect(message).toMatch(reason);
      expect(message).not.toContain('\n');
    });
  });
});

describe('botParams', () => {
  it("puts the override on the bot's own params, merging objects", () => {
    expect(botParams(BOTS[1]!, { cadence: { maintenanceIntervalS: 5 } })).toEqual({ leverage: '3', cadence: { maintenanceIntervalS: 5 } });
  });
});

describe('marketDepthScale', () => {
  const layers: ParamsLayers = { ...LAYERS, markets: [{ key: 'inj-usdt' }, { key: 'atom-usdt' }, { key: 'inj-usdt-perp', strategy: { baseSize: '1', depthScale: '0.1' } }] };

  it("takes the market's depthScale from markets.json under the first bot on it", () => {
    expect(marketDepthScale({ bots: BOTS }, 'inj-usdt-perp', {}, layers)).toBe('0.1');
  });

  it("puts the bot's params and the run's override on top", () => {
    expect(marketDepthScale({ bots: [{ ...BOTS[1]!, params: { depthScale: '0.5' } }] }, 'inj-usdt-perp', {}, layers)).toBe('0.5');
    expect(marketDepthScale({ bots: BOTS }, 'inj-usdt-perp', { depthScale: '0.02' }, layers)).toBe('0.02');
  });

  it('is 1 where nothing sets it, or no bot quotes the market', () => {
    expect(marketDepthScale({ bots: BOTS }, 'inj-usdt', {}, layers)).toBe('1');
    expect(marketDepthScale({ bots: BOTS }, 'btc-usdt-perp', {}, layers)).toBe('1');
  });

  it("reads the repository's config by default (btc-usdt-perp: 0.002 in config/markets.json)", () => {
    expect(marketDepthScale({ bots: [{ id: 'b', wallet: 'w1', markets: ['btc-usdt-perp'], params: {} }] }, 'btc-usdt-perp', {})).toBe('0.002');
  });
});

describe('demoSetup', () => {
  const setup = demoSetup(BOTS, { 'inj-usdt': '25', 'atom-usdt': '4.8', 'inj-usdt-perp': '25' }, 'inj-usdt');

  it("runs every bot's markets once each", () => {
    expect(setup.markets).toEqual(['inj-usdt', 'atom-usdt', 'inj-usdt-perp']);
  });

  it("scales each market to its own level against the file's market, exactly", () => {
    expect(setup.scale).toEqual({ 'inj-usdt': '1', 'atom-usdt': '0.192', 'inj-usdt-perp': '1' });
  });

  it('refuses a market without a price level', () => {
    expect(() => demoSetup(BOTS, { 'inj-usdt': '25' }, 'inj-usdt')).toThrow(/atom-usdt/);
  });
});

describe('demoSetup with the file rebased (--rebase)', () => {
  it("scales the file's own market too, from the file's first open to each market's level", () => {
    const setup = demoSetup(BOTS, { 'inj-usdt': '25', 'atom-usdt': '4.8', 'inj-usdt-perp': '25' }, 'inj-usdt', '3485');
    expect(new Dec(setup.scale['inj-usdt']!).mul(3485).toDecimalPlaces(20).toFixed()).toBe('25');
    expect(new Dec(setup.scale['atom-usdt']!).mul(3485).toDecimalPlaces(20).toFixed()).toBe('4.8');
  });
});

describe('rebaseFactor', () => {
  it("brings the file's first open to the market's start price", () => {
    expect(rebaseFactor('inj-usdt', '3485', { 'inj-usdt': '25' })).toBe(new Dec(25).div(3485).toString());
    expect(rebaseFactor('inj-usdt', '50', { 'inj-usdt': '25' })).toBe('0.5');
  });
});

describe('singleMarketSetup', () => {
  it('is one bot of w1 on the market, prices as recorded', () => {
    expect(singleMarketSetup('inj-usdt-perp')).toEqual({ kind: 'single', bots: [{ id: 'fidelity', wallet: 'w1', markets: ['inj-usdt-perp'], params: {} }], markets: ['inj-usdt-perp'], scale: { 'inj-usdt-perp': '1' } });
  });
});

describe('replayRow', () => {
  const candle = parseCandles('time,open,high,low,close,volume\n1700000000,25.1,25.3,24.9,25.05,1234.5\n')[0]!;

  it('writes the time in ms and multiplies open, high, low and close exactly, keeping the volume', () => {
    expect(replayRow(candle, '0.192')).toBe('1700000000000,4.8192,4.8576,4.7808,4.8096,1234.5');
  });

  it('writes the prices as parsed at factor 1', () => {
    expect(replayRow(candle, '1')).toBe('1700000000000,25.1,25.3,24.9,25.05,1234.5');
  });
});

describe('loadCandleSource', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mb-candles-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  describe('when the times are calendar date-times with microseconds', () => {
    const path = () => file('calendar.csv', 'date,open,high,low,close,volume\n2021-12-31 23:01:00.000000,25,25.2,24.9,25.1,10\n2021-12-31 23:02:00.000000,25.1,25.3,25,25.2,12\n');

    it('accepts the file and takes the candle interval from the times', () => {
      const source = loadCandleSource(path());
      expect(source.candles.map((c) => c.timeMs)).toEqual([Date.UTC(2021, 11, 31, 23, 1), Date.UTC(2021, 11, 31, 23, 2)]);
      expect(source.intervalS).toBe(60);
    });

    it('writes a replay the sim reads back to the same candles, after flat warm-up candles at the first open', () => {
      const source = loadCandleSource(path());
      const { text, candles } = replayText(source, { warmupCandles: 2, factor: '1' });
      expect(candles).toBe(2);
      const replayed = parseCandles(text);
      expect(replayed.map((c) => [c.timeMs, c.open.toFixed(), c.close.toFixed()])).toEqual([
        [Date.UTC(2021, 11, 31, 22, 59), '25', '25'],
        [Date.UTC(2021, 11, 31, 23, 0), '25', '25'],
        [Date.UTC(2021, 11, 31, 23, 1), '25', '25.1'],
        [Date.UTC(2021, 11, 31, 23, 2), '25.1', '25.2'],
      ]);
    });
  });

  describe('when a line is bad', () => {
    it('throws the parser\'s one-line error naming the line and the column', () => {
      const path = file('bad.csv', 'timestamp,open,high,low,close,volume\n1700000000,25,25.2,24.9,25.1,10\n1700000060,25.1,abc,25,25.2,12\n');
      const error = (() => {
        try {
          loadCandleSource(path);
        } catch (e) {
          return e as CandleParseError;
        }
        throw new Error('accepted a bad file');
      })();
      expect(error).toBeInstanceOf(CandleParseError);
      expect(error).toMatchObject({ line: 3, column: 'column 3 "high"', code: 'NOT_A_NUMBER' });
      expect(error.message).toBe(`${path}:3: column 3 "high": expected a decimal number, got "abc"`);
    });
  });
});

describe('chargedFee', () => {
  const attrs = (pairs: Record<string, string>) => Object.entries(pairs).map(([key, value]) => ({ key, value }));

  it("reads the payer and the fee from the ante handler's tx event", () => {
    const events = [
      { type: 'coin_spent', attributes: attrs({ spender: 'inj1a', amount: '64000000000000inj' }) },
      { type: 'tx', attributes: attrs({ fee: '64000000000000inj', fee_payer: 'inj1a' }) },
      { type: 'tx', attributes: attrs({ acc_seq: 'inj1a/7' }) },
    ];
    expect(chargedFee({ events })).toEqual({ payer: 'inj1a', feeBase: 64_000_000_000_000n });
  });

  it('reads an uncharged fee as zero', () => {
    expect(chargedFee({ events: [{ type: 'tx', attributes: attrs({ fee: '', fee_payer: 'inj1a' }) }] })).toEqual({ payer: 'inj1a', feeBase: 0n });
  });

  it('answers nothing without a fee payer', () => {
    expect(chargedFee({ events: [{ type: 'tx', attributes: attrs({ acc_seq: 'inj1a/7' }) }] })).toBeUndefined();
  });
});
