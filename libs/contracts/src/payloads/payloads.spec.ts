import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { payloadJsonSchemas } from '../json-schemas';
import { decimalString, positiveDecimalString } from '../primitives';
import { familyOfSubject, InvalidSubjectTokenError, subjectParams, subjects } from '../subjects';
import { priceTickSchema } from './price-tick.schema';
import { batchIntentSchema } from './batch-intent.schema';
import { executionReportSchema, isFinalReport, reportMarkers } from './execution-report.schema';
import { marketQualitySchema } from './market-quality.schema';

const tick = {
  v: 1,
  net: 'sim',
  role: 'reference',
  market: 'inj-usdt',
  bid: '24.99',
  ask: '25.01',
  mid: '25',
  last: null,
  source: 'mid',
  height: 10,
  ts: 1_700_000_000_000,
  seq: 1,
};

describe('decimal strings', () => {
  it.each(['0', '1', '12.345', '0.000000000000001', '1000000'])('accepts %s', (value) => {
    expect(decimalString.safeParse(value).success).toBe(true);
  });
  it.each(['1e-15', '-1', '1.', '.5', '01', ' 1', 'NaN', '1,5', ''])('rejects %s', (value) => {
    expect(decimalString.safeParse(value).success).toBe(false);
  });
  it('rejects numbers: money never travels as a float', () => {
    expect(decimalString.safeParse(12.5).success).toBe(false);
  });
  it('requires a positive value where zero is meaningless', () => {
    expect(positiveDecimalString.safeParse('0.000').success).toBe(false);
    expect(positiveDecimalString.safeParse('0.001').success).toBe(true);
  });
});

describe('payload schemas', () => {
  it('accept a well-formed price tick', () => {
    expect(priceTickSchema.parse(tick)).toEqual(tick);
  });
  it('reject a version other than 1', () => {
    expect(priceTickSchema.safeParse({ ...tick, v: 2 }).success).toBe(false);
  });
  it('reject unknown fields, so typos do not pass silently', () => {
    expect(priceTickSchema.safeParse({ ...tick, midd: '25' }).success).toBe(false);
  });
  it('reject a float price', () => {
    expect(priceTickSchema.safeParse({ ...tick, mid: 25 }).success).toBe(false);
  });
  it('reject an intent action of an unknown type', () => {
    const intent = {
      v: 1, id: 'i1', wallet: 'w1', bot: 'b1', ts: 1, deadline: 2,
      plans: [{ market: 'inj-usdt', phase: 'MAINTENANCE', basedOn: { bookSeq: 1, priceSeq: 1, referencePrice: '25' }, actions: [{ type: 'replace' }] }],
    };
    expect(batchIntentSchema.safeParse(intent).success).toBe(false);
  });
});

describe('execution reports', () => {
  const report = {
    v: 1, wallet: 'w1', intentIds: ['i1'], outcome: 'unknown', txHash: 'AB'.repeat(32), height: null, code: null, codespace: null,
    createdOrderHashes: [], cancelledOrderHashes: [], failed: [], latency: { toBroadcastMs: 5, toInclusionMs: null },
    error: 'tx AB… accepted, outcome unknown: no block after 7 for 60000 ms', ts: 1_700_000_000_000,
  };
  it('accept an unknown outcome with the hash of the accepted tx', () => {
    expect(executionReportSchema.parse(report)).toEqual(report);
  });
  it('never call an unknown outcome final: the report that settles the tx follows', () => {
    expect(isFinalReport({ outcome: 'unknown', error: report.error })).toBe(false);
    expect(isFinalReport({ outcome: 'applied', error: null })).toBe(true);
    expect(isFinalReport({ outcome: 'failed', error: `not included${reportMarkers.willRetry}` })).toBe(false);
    expect(isFinalReport({ outcome: 'failed', error: 'not included' })).toBe(true);
  });
});

describe('market quality (md.quality.<mk>)', () => {
  const quality = {
    v: 1,
    market: 'btc-usdt-perp',
    windowMs: 300_000,
    ts: 1_700_000_000_000,
    samples: 150,
    depthScale: '0.1',
    rule: { maxSpreadBps: '50', minDepth: '4000' },
    figures: {
      trackingErrorRmsBps: '12.5',
      spreadRatio: '2.125',
      depth: [
        { bandBps: 10, depthRatio: { bids: '0.75', asks: null } },
        { bandBps: 500, depthRatio: { bids: '1', asks: '1.2' } },
      ],
      uptimePct: { aggregate: '50', perOrder: '25' },
    },
  };
  it('accept rolling figures, null where unknown', () => {
    expect(marketQualitySchema.parse(quality)).toEqual(quality);
    const unknown = { ...quality, samples: 0, figures: { trackingErrorRmsBps: null, spreadRatio: null, depth: [], uptimePct: { aggregate: null, perOrder: null } } };
    expect(marketQualitySchema.parse(unknown)).toEqual(unknown);
  });
  it('reject a figure as a float or NaN', () => {
    expect(marketQualitySchema.safeParse({ ...quality, figures: { ...quality.figures, spreadRatio: 2.125 } }).success).toBe(false);
    expect(marketQualitySchema.safeParse({ ...quality, figures: { ...quality.figures, trackingErrorRmsBps: 'NaN' } }).success).toBe(false);
  });
  it('reject a window that is not a positive whole number of ms', () => {
    expect(marketQualitySchema.safeParse({ ...quality, windowMs: 0 }).success).toBe(false);
  });
});

describe('subjects', () => {
  it('build the subjects of docs/architecture.md#nats-subjects', () => {
    expect(subjects.mdPrice('sim', 'inj-usdt').subject).toBe('md.price.sim.inj-usdt');
    expect(subjects.orderEvent('w1', 'inj-usdt-perp').subject).toBe('orders.w1.inj-usdt-perp');
    expect(subjects.heartbeat('executor', 'host-1').subject).toBe('svc.heartbeat.executor.host-1');
    expect(subjects.all('heartbeat').subject).toBe('svc.heartbeat.>');
    expect(subjects.mdBook('*', '*').subject).toBe('md.book.*.*');
    expect(subjects.mdQuality('btc-usdt-perp').subject).toBe('md.quality.btc-usdt-perp');
  });
  it('refuse tokens that would change the subject structure', () => {
    expect(() => subjects.intent('w1.evil')).toThrow(InvalidSubjectTokenError);
    expect(() => subjects.intent('')).toThrow(InvalidSubjectTokenError);
  });
  it('map an inbound subject back to its family and parameters', () => {
    expect(familyOfSubject('md.price.testnet.inj-usdt')).toBe('mdPrice');
    expect(familyOfSubject('exec.report.w1')).toBe('execReport');
    expect(familyOfSubject('md.quality.inj-usdt')).toBe('mdQuality');
    expect(familyOfSubject('md.price.testnet')).toBeUndefined();
    expect(subjectParams('orders.w2.btc-usdt-perp')).toEqual({ wallet: 'w2', market: 'btc-usdt-perp' });
  });
});

describe('published JSON Schemas', () => {
  it('in docs/contracts are up to date with the zod schemas (run npm run contracts:schemas)', () => {
    const dir = join(__dirname, '..', '..', '..', '..', 'docs', 'contracts');
    for (const [family, schema] of Object.entries(payloadJsonSchemas())) {
      const published = JSON.parse(readFileSync(join(dir, `${family}.schema.json`), 'utf8'));
      expect({ family, schema: published }).toEqual({ family, schema: JSON.parse(JSON.stringify(schema)) });
    }
  });
});
