import { PassThrough } from 'node:stream';
import { PROGRESS_DELAY_MS, ProgressReporter } from './progress.reporter';

function fakeStderr(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  // what ora needs of a terminal stream
  const stream = Object.assign(new PassThrough(), {
    isTTY,
    columns: 80,
    clearLine: () => true,
    cursorTo: () => true,
    moveCursor: () => true,
  }) as unknown as NodeJS.WriteStream;
  let text = '';
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, written: () => text };
}

const slow = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve('done'), ms));

describe('ProgressReporter', () => {
  describe('when stderr is not a terminal', () => {
    it('never writes, however long the step takes', async () => {
      const { stream, written } = fakeStderr(false);
      const reporter = new ProgressReporter(stream, false);
      await expect(reporter.step('reading', () => slow(PROGRESS_DELAY_MS + 150))).resolves.toBe('done');
      expect(written()).toBe('');
    });
  });

  describe('when stderr is a terminal', () => {
    it('shows nothing for a step quicker than the delay', async () => {
      const { stream, written } = fakeStderr(true);
      await new ProgressReporter(stream, true).step('reading', () => slow(5));
      expect(written()).toBe('');
    });

    it('shows the text with a spinner during a slow step and clears it afterwards', async () => {
      const { stream, written } = fakeStderr(true);
      const reporter = new ProgressReporter(stream, true);
      await reporter.step('reading balances', () => slow(PROGRESS_DELAY_MS + 200));
      expect(written()).toContain('reading balances');
    });

    it('passes a failure of the step through', async () => {
      const { stream } = fakeStderr(true);
      await expect(new ProgressReporter(stream, true).step('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    });
  });
});
