import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { LcdClient, type Wallet } from '@mirrorbook/injective';
import { walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { createSim, type RunningSim } from '../../apps/injective-sim/src/sim.factory';
import type { SimConfigInput } from '../../apps/injective-sim/src/sim.config';
import { AuthController } from '../../apps/injective-sim/src/http/auth.controller';
import { BankController } from '../../apps/injective-sim/src/http/bank.controller';
import { ChainParamsController } from '../../apps/injective-sim/src/http/chain-params.controller';
import { ExchangeQueryController } from '../../apps/injective-sim/src/http/exchange-query.controller';
import { TendermintController } from '../../apps/injective-sim/src/http/tendermint.controller';
import { TxController } from '../../apps/injective-sim/src/http/tx.controller';

/** The sim's chain-facing controllers (its admin API aside): what a node serves, for the route contract test. */
export const SIM_LCD_CONTROLLERS: readonly (new (...args: never[]) => object)[] = [AuthController, BankController, ChainParamsController, ExchangeQueryController, TendermintController, TxController];

/** The routes controllers serve, read from their Nest metadata: verb and `:param` path. */
export function simRoutesOf(controllers: readonly (new (...args: never[]) => object)[]): { verb: string; path: string }[] {
  return controllers.flatMap((controller) => {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto)
      .filter((name) => name !== 'constructor')
      .map((name) => proto[name])
      .filter((handler): handler is object => typeof handler === 'function' && Reflect.hasMetadata(PATH_METADATA, handler))
      .map((handler) => ({
        verb: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!,
        path: `/${base}/${Reflect.getMetadata(PATH_METADATA, handler) as string}`.replace(/\/+$/, ''),
      }));
  });
}

/** Throwaway keys for tests (never funded anywhere real). */
export const KEYS = { alice: `0x${'11'.repeat(32)}`, bob: `0x${'22'.repeat(32)}` } as const;

/** A sim on a free port with on-demand blocks, plus clients for it. */
export interface SimHarness {
  readonly sim: RunningSim;
  readonly lcd: LcdClient;
  readonly alice: Wallet;
  readonly bob: Wallet;
  /** `POST /sim/admin/blocks {count}`; returns the new height */
  produceBlocks(count?: number): Promise<number>;
  /** raw HTTP against the sim: status and parsed JSON body */
  request(method: 'GET' | 'POST', path: string, body?: unknown, rawBody?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * Starts a sim (port 0, blockMs 0, fixed genesis time, Alice funded with INJ and USDT, Bob with
 * a little INJ). `overrides` replace top-level config fields.
 */
export async function startSim(overrides: SimConfigInput = {}): Promise<SimHarness> {
  const alice = walletFromPrivateKey(KEYS.alice);
  const bob = walletFromPrivateKey(KEYS.bob);
  const { spot } = injUsdtMarkets();
  const sim = await createSim(
    {
      port: 0,
      blockMs: 0,
      seed: 'integration',
      // these tests read the sim back to back (10,000/s client): no per-IP limit unless a test sets one
      rateLimitPerSecond: 0,
      genesis: {
        time: '2025-01-01T00:00:00Z',
        accounts: [
          { address: alice.injAddress, balances: { inj: '10000', [spot.quoteDenom]: '1000000' } },
          { address: bob.injAddress, balances: { inj: '10' } },
        ],
      },
      ...overrides,
    },
    { logger: false },
  );
  const lcd = new LcdClient({ baseUrl: sim.url, ratePerSecond: 10_000, maxRetries: 0 });
  const request: SimHarness['request'] = async (method, path, body, rawBody) => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {},
      body: rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    sim,
    lcd,
    alice,
    bob,
    request,
    produceBlocks: async (count = 1) => {
      const res = await request('POST', '/sim/admin/blocks', { count });
      if (res.status !== 200) throw new Error(`POST /sim/admin/blocks answered ${res.status}`);
      return res.body.height as number;
    },
    close: () => sim.close(),
  };
}
