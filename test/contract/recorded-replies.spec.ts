import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LCD_REPLY_SCHEMAS } from '@mirrorbook/injective';
import { lcdDerivativeMarketResponseSchema, lcdSpotMarketResponseSchema } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import type { z } from 'zod';
import { recordReplies, recordTargets, type RecordedReply } from '../../scripts/lcd-fixtures/lcd-fixture.recorder';
import { startSim, type SimHarness } from '../support/injective-sim.harness';

const RECORDED = join(__dirname, '..', 'fixtures', 'lcd');

/** The reply schema the adapter reads a route with. */
const READERS: Readonly<Record<string, z.ZodTypeAny>> = {
  ...LCD_REPLY_SCHEMAS,
  '/injective/exchange/v2/spot/markets/{market_id}': lcdSpotMarketResponseSchema,
  '/injective/exchange/v2/derivative/markets/{market_id}': lcdDerivativeMarketResponseSchema,
};

/** Every recorded reply under `dir` (`<network>/<name>.json`). */
function recordedReplies(dir: string): { file: string; reply: RecordedReply }[] {
  let networks: string[];
  try {
    networks = readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory());
  } catch {
    return [];
  }
  return networks.flatMap((n) =>
    readdirSync(join(dir, n))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ file: `${n}/${f}`, reply: JSON.parse(readFileSync(join(dir, n, f), 'utf8')) as RecordedReply })),
  );
}

/** The parse problems of the 200 replies of routes the adapter reads. */
function parseProblems(replies: { file: string; reply: RecordedReply }[]): string[] {
  return replies.flatMap(({ file, reply }) => {
    const schema = READERS[reply.route];
    if (!schema || reply.status !== 200) return [];
    const parsed = schema.safeParse(reply.body);
    return parsed.success ? [] : [`${file} (${reply.route}): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`];
  });
}

describe('contract: the adapter parses recorded node replies (test/fixtures/lcd, written by scripts/record-lcd-fixtures.ts)', () => {
  const recorded = recordedReplies(RECORDED);

  it(`parses every recorded reply present (${recorded.length} files)`, () => {
    expect(parseProblems(recorded)).toEqual([]);
  });

  describe('the recorder', () => {
    let h: SimHarness;
    let dir: string;
    beforeAll(async () => {
      h = await startSim();
      dir = mkdtempSync(join(tmpdir(), 'mb-lcd-fixtures-'));
    });
    afterAll(async () => {
      await h?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('records status, headers, body, date and node of every route, in the form the parser test reads', async () => {
      const { spot, perp } = injUsdtMarkets();
      const targets = recordTargets({ spot: [spot.id], derivative: [perp.id] }, { address: h.alice.injAddress, subaccountId: h.alice.subaccountId });
      const files = await recordReplies({ lcdUrl: h.sim.url, network: 'sim', targets, outDir: join(dir, 'sim'), gapMs: 0 });
      expect(files).toHaveLength(targets.length);
      const replies = recordedReplies(dir);
      expect(replies).toHaveLength(targets.length);
      const bank = replies.find((r) => r.file === 'sim/bank-balances.json')!.reply;
      expect(bank).toMatchObject({ route: '/cosmos/bank/v1beta1/balances/{address}', network: 'sim', status: 200, node: { network: 'injective-sim-1' } });
      expect(bank.headers['content-type']).toContain('application/json');
      expect(Number.isNaN(Date.parse(bank.capturedAt))).toBe(false);
      // the routes the adapter reads parse; the others (params, fees) are recorded for the reader
      expect(replies.filter((r) => READERS[r.reply.route] && r.reply.status === 200).length).toBeGreaterThanOrEqual(10);
      expect(parseProblems(replies)).toEqual([]);
    });
  });
});
