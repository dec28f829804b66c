import { HeightTracker } from './height.tracker';

describe('HeightTracker', () => {
  it('asks the LCD once for any number of concurrent readers', async () => {
    const getLatestHeight = jest.fn().mockResolvedValue(100);
    const tracker = new HeightTracker({ getLatestHeight }, 700, () => 0);
    expect(await Promise.all([tracker.current(), tracker.current(), tracker.current()])).toEqual([100, 100, 100]);
    expect(getLatestHeight).toHaveBeenCalledTimes(1);
  });

  it('reuses the height until it is older than the refresh interval', async () => {
    let now = 0;
    const getLatestHeight = jest.fn().mockResolvedValueOnce(100).mockResolvedValueOnce(101);
    const tracker = new HeightTracker({ getLatestHeight }, 700, () => now);
    await tracker.current();
    now = 699;
    expect(await tracker.current()).toBe(100);
    now = 700;
    expect(await tracker.current()).toBe(101);
    expect(getLatestHeight).toHaveBeenCalledTimes(2);
  });

  it('passes a failure to every waiting reader and asks again next time', async () => {
    const getLatestHeight = jest.fn().mockRejectedValueOnce(new Error('refused')).mockResolvedValueOnce(5);
    const tracker = new HeightTracker({ getLatestHeight }, 700, () => 0);
    await expect(Promise.all([tracker.current(), tracker.current()])).rejects.toThrow('refused');
    expect(await tracker.current()).toBe(5);
  });
});
