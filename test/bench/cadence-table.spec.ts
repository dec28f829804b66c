import { CADENCE_END, CADENCE_START, withCadenceSection } from '../../bench/bench.report';
import { cadenceHeader, cadenceRows, settingText, targetMisses, type CadenceRun } from '../../bench/lib/cadence.table';
import type { WalletFees } from '../../bench/lib/fee.metrics';

const fees = (wallet: string, txs: number, injPerDay: string): WalletFees => ({ wallet, txs, failedTxs: 0, feesInj: '0.1', injPerDay });
const market = (key: string, rmsBps: number, uptime: number) => ({ market: key, rmsBps, maxBps: rmsBps * 3, uptime, spreadBps: 12 });

const DEFAULT: CadenceRun = {
  setting: 'default',
  params: {},
  markets: [market('inj-usdt', 8.04, 0.995), market('atom-usdt', 9.5, 1), market('inj-usdt-perp', 7, 0.992)],
  wallets: [fees('w1', 120, '4.8123'), fees('w2', 80, '2.5')],
  blocks: 1720,
  chainSeconds: 1204,
};
const FASTER: CadenceRun = {
  ...DEFAULT,
  setting: 'faster',
  params: { cadence: { maintenanceIntervalS: 5, requoteTolerance: '0.25' } },
  markets: [market('inj-usdt', 6, 1), market('atom-usdt', 6.5, 1), market('inj-usdt-perp', 5, 1)],
  wallets: [fees('w1', 400, '15.25'), fees('w2', 260, '9.75')],
};
const FAILED: CadenceRun = { setting: 'slower', params: { cadence: { maintenanceIntervalS: 60 } }, markets: [], wallets: [], blocks: 0, chainSeconds: 0, error: 'chain did not reach height 900' };

describe('cadence table', () => {
  it('has a column per wallet for INJ/day and txs, and per market for RMS and uptime', () => {
    expect(cadenceHeader([DEFAULT, FASTER])).toEqual([
      'setting',
      'INJ/day w1', 'INJ/day w2',
      'RMS inj-usdt', 'RMS atom-usdt', 'RMS inj-usdt-perp',
      'uptime inj-usdt', 'uptime atom-usdt', 'uptime inj-usdt-perp',
      'txs w1', 'txs w2',
    ]);
  });

  it('puts the settings side by side, one row each, rounded only for display', () => {
    expect(cadenceRows([DEFAULT, FASTER])).toEqual([
      ['default (repository params)', '4.81', '2.50', '8.0 bps', '9.5 bps', '7.0 bps', '99.5 %', '100.0 %', '99.2 %', '120', '80'],
      ['faster (maintenanceIntervalS 5, requoteTolerance 0.25)', '15.25', '9.75', '6.0 bps', '6.5 bps', '5.0 bps', '100.0 %', '100.0 %', '100.0 %', '400', '260'],
    ]);
  });

  describe('when a setting failed', () => {
    it('says why in a row as wide as the others', () => {
      const rows = cadenceRows([DEFAULT, FAILED]);
      expect(rows[1]).toHaveLength(cadenceHeader([DEFAULT, FAILED]).length);
      expect(rows[1]!.slice(0, 2)).toEqual(['slower (maintenanceIntervalS 60)', 'failed: chain did not reach height 900']);
    });
  });

  describe('when every setting failed', () => {
    it('has a setting and a result column', () => {
      expect(cadenceHeader([FAILED])).toEqual(['setting', 'result']);
      expect(cadenceRows([FAILED])).toEqual([['slower (maintenanceIntervalS 60)', 'failed: chain did not reach height 900']]);
    });
  });
});

describe('settingText', () => {
  it('lists the cadence keys first, then any other override', () => {
    expect(settingText({ setting: 'x', params: { baseSize: '2', cadence: { maintenanceIntervalS: 10 } } })).toBe('x (maintenanceIntervalS 10, baseSize "2")');
  });
});

describe('targetMisses', () => {
  describe('when every wallet and market is within the targets', () => {
    it('is empty', () => {
      expect(targetMisses(DEFAULT)).toEqual([]);
    });
  });

  describe('when a wallet spends more than 5 INJ a day or a market tracks or quotes worse', () => {
    it('names each miss', () => {
      const run: CadenceRun = { ...DEFAULT, wallets: [fees('w1', 1, '5.0001'), fees('w2', 1, '5')], markets: [market('inj-usdt', 10.2, 0.99), market('atom-usdt', 3, 0.9899)] };
      expect(targetMisses(run)).toEqual(['w1 5.00 INJ/day > 5', 'inj-usdt RMS 10.2 bps > 10 bps', 'atom-usdt uptime 99.0 % < 99.0 %']);
    });
  });

  describe('when a figure is no number (no snapshot had both mids)', () => {
    it('counts it as a miss', () => {
      expect(targetMisses({ ...DEFAULT, markets: [market('inj-usdt', Number.NaN, 1)] })).toEqual(['inj-usdt RMS — > 10 bps']);
    });
  });
});

describe('withCadenceSection', () => {
  const section = `${CADENCE_START}\n## Cadence\nnew\n${CADENCE_END}`;

  it('replaces the section between its markers and keeps the rest', () => {
    const before = `# Benchmarks\n\ntable\n\n${CADENCE_START}\n## Cadence\nold\n${CADENCE_END}\n\n**Machine**\n`;
    expect(withCadenceSection(before, section)).toBe(`# Benchmarks\n\ntable\n\n${section}\n\n**Machine**\n`);
  });

  it('appends the section to a file without one', () => {
    expect(withCadenceSection('# Benchmarks\n\ntable\n', section)).toBe(`# Benchmarks\n\ntable\n\n${section}\n`);
  });
});
