import type { Env } from '@mirrorbook/config';
import type { Network } from '@mirrorbook/contracts';
import { networkConfig } from '@mirrorbook/injective';

/** Where one side of every pair is read from. */
export interface SideEndpoint {
  /** the `<net>` token of its subjects and the payloads' `net` */
  readonly net: Network;
  /** chain LCD base URL, no trailing slash */
  readonly lcdUrl: string;
}

/** The reference (mainnet) side and the trading (testnet) side. */
export interface FeedEndpoints {
  readonly reference: SideEndpoint;
  readonly trading: SideEndpoint;
}

/**
 * `NETWORK=sim`: both sides from the sim's one LCD, published under `sim`.
 * `NETWORK=testnet`: references from Injective mainnet, books from Injective testnet
 * (the public sentry LCDs unless MAINNET_LCD_URL / TESTNET_LCD_URL override them).
 */
export function resolveFeedEndpoints(env: Pick<Env, 'NETWORK' | 'SIM_LCD_URL' | 'MAINNET_LCD_URL' | 'TESTNET_LCD_URL'>): FeedEndpoints {
  if (env.NETWORK === 'sim') {
    const sim = { net: 'sim', lcdUrl: networkConfig('sim', { simUrl: env.SIM_LCD_URL }).lcdUrl } as const;
    return { reference: sim, trading: sim };
  }
  return {
    reference: { net: 'mainnet', lcdUrl: networkConfig('mainnet', { lcdUrl: env.MAINNET_LCD_URL }).lcdUrl },
    trading: { net: 'testnet', lcdUrl: networkConfig('testnet', { lcdUrl: env.TESTNET_LCD_URL }).lcdUrl },
  };
}
