import { HeightTracker } from './height.tracker';

describe('HeightTracker', () => {
  it('asks the LCD once for any number of concurrent readers', async () => {
    const getLatestHeight = jest.fn().mockResolvedValue(100);
    const tracker = new HeightTracker({ getLatestHeight, lastSeenHeight: () => null }, 700, () => 0);
    expect(await Promise.all([tracker.current(), tracker.current(), tracker.current()])).toEqual([100, 100, 100]);
    expect(getLatestHeight).toHaveBeenCalledTimes(1);
  });

  it('reuses the height until it is older than the refresh interval', async () => {
    let now = 0;
    const getLatestHeight = jest.fn().mockResolvedValueOnce(100).mockResolvedValueOnce(101);
    const tracker = new HeightTracker({ getLatestHeight, lastSeenHeight: () => null }, 700, () => now);
    await tracker.current();
    now = 699;
    expect(await tracker.current()).toBe(100);
    now = 700;
    expect(await tracker.current()).toBe(101);
    expect(getLatestHeight).toHaveBeenCalledTimes(2);
  });

  it('passes a failure to every waiting reader and asks again next time', async () => {
    const getLatestHeight = jest.fn().mockRejectedValueOnce(new Error('refused')).mockResolvedValueOnce(5);
    const tracker = new HeightTracker({ getLatestHeight, lastSeenHeight: () => null }, 700, () => 0);
    await expect(Promise.all([tracker.current(), tracker.current()])).rejects.toThrow('refused');
    expect(await tracker.current()).toBe(5);
  });

  it('takes the height header of the last reply as a read: no request while the feed polls', async () => {
    let now = 1000;
    let seen: { height: number; atMs: number } | null = { height: 200, atMs: 900 };
    const getLatestHeight = jest.fn().mockResolvedValue(150);
    const tracker = new HeightTracker({ getLatestHeight, lastSeenHeight: () => seen }, 700, () => now);
    expect(await tracker.current()).toBe(200);
    seen = { height: 201, atMs: 1500 };
    now = 1550;
    expect(await tracker.current()).toBe(201);
    expect(getLatestHeight).not.toHaveBeenCalled();
    // no reply for longer than the refresh interval: it asks
    now = 2300;
    getLatestHeight.mockResolvedValueOnce(205);
    expect(await tracker.current()).toBe(205);
    expect(getLatestHeight).toHaveBeenCalledTimes(1);
  });
});
