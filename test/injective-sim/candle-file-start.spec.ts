import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppProcess, type ManagedProcess } from '@mirrorbook/testing';

// The sim as the starter and the stack harness run it (apps/injective-sim/src/main.ts in its own
// process), replaying a candle file as inj-usdt's mainnet price: a bad file is refused before the
// sim starts, with exit 2 and one line.

const EXIT_BAD_CANDLE_FILE = 2;
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/;

describe('sim start with a replay candle file (a child process)', () => {
  let dir: string;
  let sim: ManagedProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mb-sim-candles-'));
  });
  afterEach(async () => {
    await sim?.stop('SIGKILL');
    sim = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function startReplaying(candles: string): { sim: ManagedProcess; file: string } {
    const file = join(dir, 'prices.csv');
    writeFileSync(file, candles);
    const config = join(dir, 'sim.json');
    writeFileSync(config, JSON.stringify({ exchange: { pairs: { 'inj-usdt': { price: { mode: 'replay', replay: { file } } } } } }));
    sim = startAppProcess('injective-sim', { SIM_CONFIG: config, SIM_PORT: '0', HTTP_PORT: '0' });
    return { sim, file };
  }

  it('refuses a file with a bad time: exit 2 and one line naming line, column and what was expected, no stack trace', async () => {
    const { sim, file } = startReplaying('timestamp,open,high,low,close,volume\n2021-12-31 23:01:00.000000,25,25.5,24.5,25.2,10\nNaN,25,25.5,24.5,25.2,10\n');
    const { code } = await sim.exited;
    expect(code).toBe(EXIT_BAD_CANDLE_FILE);
    expect(sim.logs().trim()).toBe(
      `injective-sim: ${file}:3: column 1 "timestamp": expected epoch seconds or milliseconds, ISO 8601, or YYYY-MM-DD HH:MM:SS[.ffffff] (UTC), got "NaN"`,
    );
  });

  it('starts and serves on a file whose times are YYYY-MM-DD HH:MM:SS.ffffff', async () => {
    const { sim } = startReplaying('timestamp,open,high,low,close,volume\n2021-12-31 23:01:00.000000,25,25.5,24.5,25.2,10\n2021-12-31 23:02:00.000000,25.2,25.3,25.1,25.1,4\n');
    const [, port] = await sim.waitForOutput(LISTENING, 50_000);
    const state = await fetch(`http://127.0.0.1:${port}/sim/admin/state`);
    expect(state.status).toBe(200);
  });
});
