import { LcdClient, type SpotOrderCreate } from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, generatePrivateKeyHex, signTx, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import type { Market } from '@mirrorbook/market';
import type { SimProcess } from './sim.fixture';

/**
 * Test support: a throwaway wallet, funded on the sim with the market's denoms, signs one
 * MsgBatchUpdateOrders with `orders` (built and signed with libs/injective, as the executor
 * would) and broadcasts it straight to the sim. Returns the tx hash; a block includes it.
 */
export async function placeSpotOrders(sim: SimProcess, market: Market, orders: Omit<SpotOrderCreate, 'market'>[]): Promise<string> {
  const wallet = walletFromPrivateKey(generatePrivateKeyHex());
  const funds: Record<string, string> = { inj: '1000', [market.quoteDenom]: '1000000' };
  if (market.baseDenom) funds[market.baseDenom] = '1000000';
  await sim.fund(wallet.injAddress, funds);
  const lcd = new LcdClient({ baseUrl: sim.url, ratePerSecond: 1000 });
  const [account, height] = await Promise.all([lcd.getAccount(wallet.injAddress), lcd.getLatestHeight()]);
  const msg = buildBatchUpdateOrdersMsg({
    injectiveAddress: wallet.injAddress,
    subaccountId: wallet.subaccountId,
    spotCreates: orders.map((order) => ({ ...order, market })),
  });
  const signed = signTx({
    msg,
    wallet,
    chainId: 'injective-sim-1',
    accountNumber: account.accountNumber,
    sequence: account.sequence,
    timeoutHeight: height + 1000,
    gas: 2_000_000,
    gasPrice: '160000000',
  });
  const { txHash } = await broadcastTx(lcd, signed.txBytesBase64);
  return txHash;
}
