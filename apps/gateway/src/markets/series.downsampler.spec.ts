import { SeriesDownsampler } from './series.downsampler';

describe('SeriesDownsampler', () => {
  describe('when there are more points than the budget', () => {
    it('keeps the latest point of each equal time bucket, oldest first', () => {
      const sampler = new SeriesDownsampler(0, 999, 4);
      for (let t = 0; t < 1000; t += 10) sampler.add({ t, mid: String(t) });
      expect(sampler.points()).toEqual([
        { t: 240, mid: '240' },
        { t: 490, mid: '490' },
        { t: 740, mid: '740' },
        { t: 990, mid: '990' },
      ]);
    });
  });

  describe('when points arrive out of order', () => {
    it('still keeps the latest of each bucket', () => {
      const sampler = new SeriesDownsampler(0, 99, 1);
      sampler.add({ t: 50, mid: 'late' });
      sampler.add({ t: 10, mid: 'early' });
      expect(sampler.points()).toEqual([{ t: 50, mid: 'late' }]);
    });
  });

  describe('when there are fewer points than the budget', () => {
    it('keeps them all', () => {
      const sampler = new SeriesDownsampler(0, 60_000, 500);
      [1000, 2000, 3000].forEach((t) => sampler.add({ t, mid: '1' }));
      expect(sampler.points()).toHaveLength(3);
    });
  });
});
