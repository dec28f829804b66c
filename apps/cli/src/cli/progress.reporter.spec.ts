import { PassThrough } from 'node:stream';
import { PROGRESS_DELAY_MS, ProgressReporter } from './progress.reporter';

/** A stand-in for stderr recording, in order, what was written and each line clear. */
function fakeStderr(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string; log: string[] } {
  const log: string[] = [];
  // what ora needs of a terminal stream
  const stream = Object.assign(new PassThrough(), {
    isTTY,
    columns: 80,
    clearLine: () => {
      log.push('<clear>');
      return true;
    },
    cursorTo: () => true,
    moveCursor: () => true,
  }) as unknown as NodeJS.WriteStream;
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => log.push(chunk.toString()));
  return { stream, log, written: () => log.filter((entry) => entry !== '<clear>').join('') };
}

/** A step that takes `ms` of (fake) time. */
const slow = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve('done'), ms));

describe('ProgressReporter', () => {
  // the delay and the steps run on jest's clock: a test decides when each moment has passed
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('when stderr is not a terminal', () => {
    it('never writes, however long the step takes', async () => {
      const { stream, written } = fakeStderr(false);
      const reporter = new ProgressReporter(stream, false);
      const step = reporter.step('reading', () => slow(PROGRESS_DELAY_MS + 150));
      await jest.advanceTimersByTimeAsync(PROGRESS_DELAY_MS + 150);
      await expect(step).resolves.toBe('done');
      expect(written()).toBe('');
    });
  });

  describe('when stderr is a terminal', () => {
    it('shows nothing for a step quicker than the delay', async () => {
      const { stream, written } = fakeStderr(true);
      const step = new ProgressReporter(stream, true).step('reading', () => slow(5));
      await jest.advanceTimersByTimeAsync(5);
      await expect(step).resolves.toBe('done');
      // the delay passes after the step has ended: the spinner must not show up late
      await jest.advanceTimersByTimeAsync(PROGRESS_DELAY_MS);
      expect(written()).toBe('');
      expect(jest.getTimerCount()).toBe(0);
    });

    it('shows the text with a spinner during a slow step and clears it afterwards', async () => {
      const { stream, written, log } = fakeStderr(true);
      const reporter = new ProgressReporter(stream, true);
      const step = reporter.step('reading balances', () => slow(PROGRESS_DELAY_MS + 200));
      await jest.advanceTimersByTimeAsync(PROGRESS_DELAY_MS - 1);
      expect(written()).toBe('');
      await jest.advanceTimersByTimeAsync(1);
      expect(written()).toContain('reading balances');
      await jest.advanceTimersByTimeAsync(200);
      await expect(step).resolves.toBe('done');
      // the line the spinner drew is cleared after it was last drawn, and the spinner no longer ticks
      const lastDrawn = log.map((entry) => entry.includes('reading balances')).lastIndexOf(true);
      expect(log.slice(lastDrawn + 1)).toContain('<clear>');
      expect(jest.getTimerCount()).toBe(0);
    });

    it('passes a failure of the step through', async () => {
      const { stream } = fakeStderr(true);
      await expect(new ProgressReporter(stream, true).step('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    });
  });
});
