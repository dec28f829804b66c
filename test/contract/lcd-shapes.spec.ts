import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateGas, LCD_REPLY_SCHEMAS, type BatchUpdateOrdersInput } from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, signTx, waitForInclusion } from '@mirrorbook/injective/signing';
import { Dec, lcdDerivativeMarketResponseSchema, lcdSpotMarketResponseSchema } from '@mirrorbook/market';
import type { z } from 'zod';
import { matchesRoute, type ProtoRoute } from '../../scripts/injective-routes/proto-routes';
import { SIM_LCD_CONTROLLERS, simRoutesOf, startSim, type SimHarness } from '../support/injective-sim.harness';
import { injUsdtMarkets } from '@mirrorbook/testing';
import { replyProblems, responseMessageOf, schemaReadProblems } from './support/proto.shapes';

const ROOT = join(__dirname, '..', '..');
const { routes } = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'injective-routes.json'), 'utf8')) as { routes: ProtoRoute[] };
const { spot, perp } = injUsdtMarkets();

/** The route a concrete or `{param}` path belongs to. */
function routeOf(verb: string, path: string): ProtoRoute {
  const concrete = path.replace(/\{[^}]+\}|:[A-Za-z]+/g, 'x');
  const route = routes.find((r) => r.verb === verb && matchesRoute(concrete, r.path));
  if (!route) throw new Error(`no route for ${verb} ${path}`);
  return route;
}

describe('contract: replies against the response messages Injective defines (@injectivelabs/core-proto-ts-v2 descriptors)', () => {
  describe('what the adapter reads', () => {
    const readers: [string, z.ZodTypeAny][] = [
      ...Object.entries(LCD_REPLY_SCHEMAS),
      ['/injective/exchange/v2/spot/markets/{market_id}', lcdSpotMarketResponseSchema],
      ['/injective/exchange/v2/derivative/markets/{market_id}', lcdDerivativeMarketResponseSchema],
    ];

    it.each(readers)('%s: every key it reads is a field of the response, in the JSON form the gateway gives it', (path, schema) => {
      const verb = path === '/cosmos/tx/v1beta1/txs' || path.endsWith('/simulate') ? 'POST' : 'GET';
      expect(schemaReadProblems(schema, responseMessageOf(routeOf(verb, path).rpc))).toEqual([]);
    });
  });

  describe('what the simulator answers', () => {
    let h: SimHarness;
    let txHash = '';
    let signedTx = '';
    beforeAll(async () => {
      h = await startSim();
      // resting spot and perp orders, so that books, orders, deposits and positions are not empty
      const input: BatchUpdateOrdersInput = {
        injectiveAddress: h.alice.injAddress,
        subaccountId: h.alice.subaccountId,
        spotCreates: [
          { market: spot, side: 'buy', postOnly: true, price: new Dec('9.9'), quantity: new Dec('1.5'), cid: 'b1' },
          { market: spot, side: 'sell', postOnly: true, price: new Dec('10.1'), quantity: new Dec('1.5'), cid: 's1' },
        ],
        derivativeCreates: [{ market: perp, side: 'buy', postOnly: true, price: new Dec('9.9'), quantity: new Dec('2'), leverage: new Dec(5), cid: 'pb1' }],
      };
      const sign = async (sequence: number) => {
        const { accountNumber } = await h.lcd.getAccount(h.alice.injAddress);
        return signTx({
          msg: buildBatchUpdateOrdersMsg(input),
          wallet: h.alice,
          chainId: 'injective-sim-1',
          accountNumber,
          sequence,
          timeoutHeight: (await h.lcd.getLatestHeight()) + 30,
          gas: estimateGas(input).gas,
          gasPrice: '160000000',
        });
      };
      txHash = (await broadcastTx(h.lcd, (await sign(0)).txBytesBase64)).txHash;
      await h.produceBlocks(1);
      await waitForInclusion(h.lcd, txHash, { timeoutMs: 2000, pollMs: 10 });
      // the next tx, signed but not sent: for the simulate and broadcast replies
      signedTx = (await sign(1)).txBytesBase64;
    });
    afterAll(async () => h?.close());

    // simulate before broadcast: both carry the next sequence, which the broadcast then uses up
    const served = simRoutesOf(SIM_LCD_CONTROLLERS).sort((a, b) => Number(b.path.endsWith('/simulate')) - Number(a.path.endsWith('/simulate')));

    it('serves the routes this test walks', () => {
      expect(served.length).toBeGreaterThanOrEqual(20);
    });

    it.each(served.map((s) => [`${s.verb} ${s.path}`, s] as const))('%s: exactly the fields of the response message, each in its JSON form', async (_name, route) => {
      const derivative = route.path.includes('/derivative/');
      const params: Record<string, string> = {
        marketId: derivative ? perp.id : spot.id,
        subaccountId: h.alice.subaccountId,
        address: h.alice.injAddress,
        hash: txHash,
        height: '1',
      };
      const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => params[name] ?? `unknown-${name}`);
      const queries: Record<string, string> = { subaccountDeposits: `?subaccount_id=${h.alice.subaccountId}`, by_denom: '?denom=inj' };
      const query = queries[route.path.slice(route.path.lastIndexOf('/') + 1)] ?? '';
      const bodies: Record<string, unknown> = { txs: { tx_bytes: signedTx, mode: 'BROADCAST_MODE_SYNC' }, simulate: { tx_bytes: signedTx } };
      const body = route.verb === 'POST' ? bodies[route.path.slice(route.path.lastIndexOf('/') + 1)] : undefined;
      const reply = await h.request(route.verb as 'GET' | 'POST', `${path}${query}`, body);
      expect({ status: reply.status, path }).toEqual({ status: 200, path });
      expect(replyProblems(reply.body, responseMessageOf(routeOf(route.verb, route.path).rpc))).toEqual([]);
    });
  });
});
