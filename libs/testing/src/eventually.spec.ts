import { eventually } from './eventually';

describe('eventually', () => {
  it('resolves with the first value that is neither undefined nor false', async () => {
    const answers = [undefined, false, 0, 7];
    let calls = 0;
    await expect(eventually(() => answers[calls++], 10_000, 'an answer', 1)).resolves.toBe(0);
    expect(calls).toBe(3);
  });

  it('counts a throw as "not yet"', async () => {
    let calls = 0;
    const check = async () => {
      calls += 1;
      if (calls < 3) throw new Error('not ready');
      return 'ready';
    };
    await expect(eventually(check, 10_000, 'readiness', 1)).resolves.toBe('ready');
  });

  describe('when the check never holds', () => {
    it('fails naming what it waited for and the last error', async () => {
      const check = () => {
        throw new Error('connection refused');
      };
      await expect(eventually(check, 0, 'the server', 1)).rejects.toThrow('timed out after 0 ms waiting for the server: Error: connection refused');
    });
  });
});
