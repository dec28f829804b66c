import { chargedFee } from '../../scripts/fidelity/fee.follower';
import { scaleCandleRow } from '../../scripts/fidelity/fidelity.runner';
import { botParams, demoSetup, ParamsOverrideError, parseParamsOverride, singleMarketSetup, type ParamsLayers, type SetupBot } from '../../scripts/fidelity/fidelity.setup';

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

describe('singleMarketSetup', () => {
  it('is one bot of w1 on the market, prices as recorded', () => {
    expect(singleMarketSetup('inj-usdt-perp')).toEqual({ kind: 'single', bots: [{ id: 'fidelity', wallet: 'w1', markets: ['inj-usdt-perp'], params: {} }], markets: ['inj-usdt-perp'], scale: { 'inj-usdt-perp': '1' } });
  });
});

describe('scaleCandleRow', () => {
  it('multiplies open, high, low and close exactly and keeps the timestamp and volume', () => {
    expect(scaleCandleRow('1700000000,25.1,25.3,24.9,25.05,1234.5', '0.192')).toBe('1700000000,4.8192,4.8576,4.7808,4.8096,1234.5');
  });

  it('leaves a row alone at factor 1', () => {
    expect(scaleCandleRow('1700000000,25.10,25.3,24.9,25.05,7', '1')).toBe('1700000000,25.10,25.3,24.9,25.05,7');
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
