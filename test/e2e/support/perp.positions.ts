import type { Stack } from '@mirrorbook/testing/stack';

/** The perp of the scenarios. */
export const PERP = 'inj-usdt-perp';
/** config/markets.json: inj-usdt-perp `maxNetPosition` */
export const PERP_CAP = 50;

/** The wallet's signed net position on the perp (long > 0), from the chain. */
export async function netPosition(stack: Stack, wallet: string): Promise<number> {
  const id = stack.pair(PERP).testnetMarketId;
  const p = (await stack.positions(wallet)).find((x) => x.marketId.toLowerCase() === id.toLowerCase());
  return p ? (p.side === 'long' ? 1 : -1) * p.quantity.toNumber() : 0;
}

/** Samples the net position once a block in the background; `stop()` returns the largest |position| seen. */
export function watchPosition(stack: Stack, wallet: string): { stop(): Promise<{ max: number; samples: number; last: number }> } {
  let running = true;
  let max = 0;
  let samples = 0;
  let last = 0;
  const loop = (async () => {
    let seen = -1;
    while (running) {
      const h = await stack.height();
      if (h !== seen) {
        seen = h;
        last = await netPosition(stack, wallet);
        max = Math.max(max, Math.abs(last));
        samples += 1;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { max, samples, last };
    },
  };
}
