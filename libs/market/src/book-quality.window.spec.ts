import type Decimal from 'decimal.js';
import { BookQualityWindow, rollingBookQuality, type QualitySample } from './book-quality.window';
import { Dec } from './decimal.config';

const d = (v: string | null): Decimal | null => (v === null ? null : new Dec(v));
const str = (v: Decimal | null) => (v === null ? null : v.toFixed());

/** A snapshot's figures: tracking error, spread ratio, the 10-bps depth ratio per side, uptime. */
function sample(ts: number, te: string | null, spreadRatio: string | null, ratio10: [string | null, string | null], uptime: QualitySample['uptime']): QualitySample {
  return {
    ts,
    quality: {
      trackingErrorBps: d(te),
      spreadRatio: d(spreadRatio),
      depth: [{ bandBps: 10, testnet: null, mainnet: null, ratio: { bids: d(ratio10[0]), asks: d(ratio10[1]) } }],
    },
    uptime,
  };
}

const figuresAsStrings = (f: ReturnType<typeof rollingBookQuality>) => ({
  samples: f.samples,
  trackingErrorRmsBps: str(f.trackingErrorRmsBps),
  spreadRatio: str(f.spreadRatio),
  depthRatio: f.depthRatio.map((b) => [b.bandBps, str(b.bids), str(b.asks)]),
  uptimePct: [str(f.uptimePct.aggregate), str(f.uptimePct.perOrder)],
});

// A 60 s window ending at 100 s: [40 s, 100 s]. s0 (30 s) is before the window but holds its
// first 10 s; then s1 holds 20 s (50→70), s2 15 s (70→85), s3 15 s (85→100, until now).
const WINDOW_MS = 60_000;
const NOW = 100_000;
const SAMPLES = [
  sample(30_000, '30', '4', ['100', '100'], { aggregate: false, perOrder: false }),
  sample(50_000, null, null, [null, null], { aggregate: false, perOrder: false }),
  sample(70_000, '1', '2', ['0.5', '2'], { aggregate: true, perOrder: true }),
  sample(85_000, '7', '1', ['1', null], { aggregate: true, perOrder: false }),
];

describe('rollingBookQuality', () => {
  describe('over a window with a snapshot before its start and one without a mid', () => {
    it('takes RMS and depth means over the snapshots inside, spread ratio and uptime weighted by time held', () => {
      expect(figuresAsStrings(rollingBookQuality(SAMPLES, NOW, WINDOW_MS))).toEqual({
        // s1, s2, s3 were taken inside the window
        samples: 3,
        // √((1² + 7²) / 2) = √25 = 5 (s1 has no mid; s0 is outside)
        trackingErrorRmsBps: '5',
        // (4 × 10 s + 2 × 15 s + 1 × 15 s) / (10 + 15 + 15) s = 85 / 40 = 2.125 (s1 unknown)
        spreadRatio: '2.125',
        // bids (0.5 + 1) / 2 = 0.75; asks 2 / 1 = 2
        depthRatio: [[10, '0.75', '2']],
        // aggregate: (15 + 15) / 60 s = 50 %; per order: 15 / 60 s = 25 %
        uptimePct: ['50', '25'],
      });
    });
  });

  describe('when nothing is known', () => {
    it('gives nulls, not NaN, for an empty window', () => {
      expect(figuresAsStrings(rollingBookQuality([], NOW, WINDOW_MS))).toEqual({ samples: 0, trackingErrorRmsBps: null, spreadRatio: null, depthRatio: [], uptimePct: [null, null] });
    });

    it('ignores snapshots after now', () => {
      expect(rollingBookQuality([sample(NOW + 1, '3', '1', [null, null], null)], NOW, WINDOW_MS).samples).toBe(0);
    });
  });
});

describe('BookQualityWindow', () => {
  it('answers for any now from the snapshots it kept', () => {
    const window = new BookQualityWindow(WINDOW_MS);
    SAMPLES.forEach((s) => window.add(s));
    expect(figuresAsStrings(window.figures(NOW))).toEqual(figuresAsStrings(rollingBookQuality(SAMPLES, NOW, WINDOW_MS)));
  });

  it('drops old snapshots but keeps the one that holds the start of the window', () => {
    const window = new BookQualityWindow(WINDOW_MS);
    window.add(sample(0, '100', '100', [null, null], { aggregate: false, perOrder: false }));
    SAMPLES.forEach((s) => window.add(s));
    window.add(sample(200_000, '3', '1', [null, null], { aggregate: true, perOrder: true }));
    // at 230 s the window [170 s, 230 s] is held by the 200 s snapshot and, for its first 30 s, by s3
    const f = window.figures(230_000);
    // spread ratio (1 × 30 s + 1 × 30 s) / 60 s = 1; uptime: aggregate 60 / 60 s, per order 30 / 60 s
    expect([str(f.spreadRatio), str(f.uptimePct.aggregate), str(f.uptimePct.perOrder), str(f.trackingErrorRmsBps)]).toEqual(['1', '100', '50', '3']);
  });

  it('refuses a snapshot older than the last', () => {
    const window = new BookQualityWindow(WINDOW_MS);
    window.add(sample(10, null, null, [null, null], null));
    expect(() => window.add(sample(9, null, null, [null, null], null))).toThrow(RangeError);
  });
});
