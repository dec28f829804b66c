import { MsgBatchUpdateOrdersV2 } from '@injectivelabs/sdk-ts';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '@mirrorbook/testing';
import fc from 'fast-check';
import { exchangeV2Tx } from '../proto/exchange-v2-tx.proto';
import { walletFromPrivateKey } from '../wallet/wallet.factory';
import { buildBatchUpdateOrdersMsg } from './batch-update-orders.builder';
import type { BatchUpdateOrdersInput } from './batch-update-orders.input';
import { orderTypeOf } from './order-type';

// Our encoder against the SDK's own MsgBatchUpdateOrdersV2 (which the executor no longer loads):
// the same batch must give the same protobuf bytes.

const { spot: SPOT, perp: PERP } = injUsdtMarkets();
const wallet = walletFromPrivateKey(`0x${'22'.repeat(32)}`);
const owner = { injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId };
const hash = (byte: string) => `0x${byte.repeat(32)}`;

/** The SDK message for the same batch: human-unit strings, the fee recipient = the sender. */
function sdkMsg(input: BatchUpdateOrdersInput): MsgBatchUpdateOrdersV2 {
  const fee = { feeRecipient: input.injectiveAddress };
  return MsgBatchUpdateOrdersV2.fromJSON({
    ...owner,
    spotOrdersToCreate: (input.spotCreates ?? []).map((o) => ({
      ...fee, marketId: o.market.id, orderType: orderTypeOf(o.side, o.postOnly), price: o.price.toFixed(), quantity: o.quantity.toFixed(), cid: o.cid,
    })),
    derivativeOrdersToCreate: (input.derivativeCreates ?? []).map((o) => ({
      ...fee, marketId: o.market.id, orderType: orderTypeOf(o.side, o.postOnly), price: o.price.toFixed(), quantity: o.quantity.toFixed(), cid: o.cid,
      margin: (o.margin ?? new Dec(0)).toFixed(),
    })),
    spotOrdersToCancel: (input.spotCancels ?? []).map((c) => ({ ...c, subaccountId: input.subaccountId })),
    derivativeOrdersToCancel: (input.derivativeCancels ?? []).map((c) => ({ ...c, subaccountId: input.subaccountId })),
    spotMarketIdsToCancelAll: [...(input.spotCancelAll ?? [])],
    derivativeMarketIdsToCancelAll: [...(input.derivativeCancelAll ?? [])],
  });
}

function oursHex(input: BatchUpdateOrdersInput): string {
  return Buffer.from(exchangeV2Tx.MsgBatchUpdateOrders.toBinary(buildBatchUpdateOrdersMsg(input))).toString('hex');
}

function sdkHex(input: BatchUpdateOrdersInput): string {
  return Buffer.from(sdkMsg(input).toBinary()).toString('hex');
}

/** Positive decimals from 10^-18 to 10^12 with up to 18 decimals. */
const amount = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }))
  .map(([digits, scale]) => new Dec(digits.toString()).div(new Dec(10).pow(scale)));
const side = fc.constantFrom('buy' as const, 'sell' as const);
const cid = fc.option(fc.stringMatching(/^[a-z0-9-]{1,36}$/), { nil: undefined });

describe('buildBatchUpdateOrdersMsg, byte for byte against the SDK', () => {
  it('when it cancels everything on a market: the subaccount id rides on the message', () => {
    const input = { ...owner, spotCancelAll: [SPOT.id], derivativeCancelAll: [PERP.id] };
    expect(oursHex(input)).toBe(sdkHex(input));
  });

  it('when it cancels by cid and by hash, and places a reduce-only order with margin 0', () => {
    const input: BatchUpdateOrdersInput = {
      ...owner,
      spotCancels: [{ marketId: SPOT.id, cid: 'c-1' }],
      derivativeCancels: [{ marketId: PERP.id, orderHash: hash('cd') }],
      derivativeCreates: [{ market: PERP, side: 'sell', postOnly: false, price: new Dec('0.000000000000000001'), quantity: new Dec('1'), reduceOnly: true }],
    };
    expect(oursHex(input)).toBe(sdkHex(input));
  });

  it('for any spot and derivative orders (prices, quantities, margins up to 18 decimals)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ side, postOnly: fc.boolean(), price: amount, quantity: amount, cid }), { maxLength: 4 }),
        fc.array(fc.record({ side, postOnly: fc.boolean(), price: amount, quantity: amount, margin: amount, cid }), { maxLength: 4 }),
        (spot, derivative) => {
          const input: BatchUpdateOrdersInput = {
            ...owner,
            spotCreates: spot.map((o) => ({ ...o, market: SPOT })),
            derivativeCreates: derivative.map((o) => ({ ...o, market: PERP })),
          };
          expect(oursHex(input)).toBe(sdkHex(input));
        },
      ),
    );
  });
});
