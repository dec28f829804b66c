import { faultsSchema } from './faults.schema';
import { FaultState } from './fault.state';

const none = faultsSchema.parse({});

describe('FaultState', () => {
  describe('when no fault is set', () => {
    it('never fails, delays or drops', () => {
      const faults = new FaultState(none, 'seed');
      expect(Array.from({ length: 100 }, () => faults.httpFault()).every((f) => f === null)).toBe(true);
      expect(faults.dropBroadcast()).toBe(false);
      expect(faults.latencyMs()).toBe(0);
      expect(faults.takeStuckBlock()).toBe(false);
      expect(faults.staleOpenOrdersHeight(10)).toBeNull();
    });
  });

  describe('when the open-orders queries lag', () => {
    it('answers that many blocks behind the latest height, never below 1', () => {
      const faults = new FaultState({ ...none, staleOpenOrdersBlocks: 3 }, 'seed');
      expect([faults.staleOpenOrdersHeight(10), faults.staleOpenOrdersHeight(2)]).toEqual([7, 1]);
    });
  });

  describe('when rates are set', () => {
    it('decides from the seeded RNG: equal seeds give equal decisions', () => {
      const run = (seed: string) => {
        const faults = new FaultState({ ...none, http5xxRate: 0.2, http429Rate: 0.2, dropBroadcastRate: 0.5 }, seed);
        return Array.from({ length: 200 }, () => [faults.httpFault(), faults.dropBroadcast()]);
      };
      expect(run('a')).toEqual(run('a'));
      expect(run('a')).not.toEqual(run('b'));
    });

    it('fails about the configured fraction of requests', () => {
      const faults = new FaultState({ ...none, http5xxRate: 0.25 }, 'rate');
      const failed = Array.from({ length: 4000 }, () => faults.httpFault()).filter((f) => f === 'unavailable').length;
      expect(failed / 4000).toBeGreaterThan(0.2);
      expect(failed / 4000).toBeLessThan(0.3);
    });

    it('keeps the drop decisions independent of how many HTTP decisions were drawn', () => {
      const a = new FaultState({ ...none, http5xxRate: 0.5, dropBroadcastRate: 0.5 }, 's');
      const b = new FaultState({ ...none, http5xxRate: 0.5, dropBroadcastRate: 0.5 }, 's');
      for (let i = 0; i < 50; i++) a.httpFault();
      expect(Array.from({ length: 20 }, () => a.dropBroadcast())).toEqual(Array.from({ length: 20 }, () => b.dropBroadcast()));
    });
  });

  describe('stuck mempool', () => {
    it('counts the stuck blocks down', () => {
      const faults = new FaultState({ ...none, stuckMempoolBlocks: 2 }, 's');
      expect([faults.takeStuckBlock(), faults.takeStuckBlock(), faults.takeStuckBlock()]).toEqual([true, true, false]);
      expect(faults.current().stuckMempoolBlocks).toBe(0);
    });
  });

  describe('halted blocks', () => {
    it('holds until set false again, and reset ends it', () => {
      const faults = new FaultState(none, 's');
      expect(faults.blocksHalted()).toBe(false);
      faults.update({ haltBlocks: true });
      faults.update({ http5xxRate: 0.1 });
      expect(faults.blocksHalted()).toBe(true);
      faults.update({ haltBlocks: false });
      expect(faults.blocksHalted()).toBe(false);
      faults.update({ haltBlocks: true });
      faults.update({ reset: true });
      expect(faults.blocksHalted()).toBe(false);
    });
  });

  describe('update', () => {
    it('replaces only the given fields, and reset zeroes the rest first', () => {
      const faults = new FaultState({ ...none, latencyMs: 50 }, 's');
      expect(faults.update({ http429Rate: 0.1 })).toMatchObject({ latencyMs: 50, http429Rate: 0.1 });
      expect(faults.update({ reset: true, dropBroadcastRate: 0.3 })).toEqual({ ...none, dropBroadcastRate: 0.3 });
    });
  });
});
