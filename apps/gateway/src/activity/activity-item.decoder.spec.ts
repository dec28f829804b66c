import { decodeActivityItem } from './activity-item.decoder';

const report = (outcome: string) =>
  new TextEncoder().encode(
    JSON.stringify({
      v: 1, wallet: 'w1', intentIds: ['i1'], outcome, txHash: 'AB'.repeat(32), height: null, code: null, codespace: null,
      createdOrderHashes: [], cancelledOrderHashes: [], failed: [], latency: { toBroadcastMs: 5, toInclusionMs: null }, error: null, ts: 1_700_000_000_000,
    }),
  );

describe('decodeActivityItem', () => {
  it('shows an unknown outcome (accepted, not settled yet) as a warning, a failed one as an error, an applied one as info', () => {
    const level = (outcome: string) => decodeActivityItem(1, 'exec.report.w1', report(outcome))?.level;
    expect(['unknown', 'failed', 'applied'].map(level)).toEqual(['warn', 'error', 'info']);
  });
});
