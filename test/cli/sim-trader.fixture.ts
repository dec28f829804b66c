import { estimateGas, LcdClient, SIM_CHAIN_ID, type BatchUpdateOrdersInput, type Wallet } from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, signTx, type TxResult, waitForInclusion } from '@mirrorbook/injective/signing';
import { Dec, type Market } from '@mirrorbook/market';

/** Places and cancels orders on the sim for a test, signing with libs/injective directly. */
export class SimTrader {
  readonly lcd: LcdClient;

  constructor(readonly url: string) {
    this.lcd = new LcdClient({ baseUrl: url, ratePerSecond: 10_000, maxRetries: 2 });
  }

  spotMarket(id: string): Promise<Market> {
    return this.lcd.getSpotMarket(id, 'testnet');
  }

  perpMarket(id: string): Promise<Market> {
    return this.lcd.getDerivativeMarket(id, 'testnet');
  }

  /** Signs with the chain's sequence, broadcasts and waits for the block; throws the tx's error. */
  async send(wallet: Wallet, input: Omit<BatchUpdateOrdersInput, 'injectiveAddress' | 'subaccountId'>): Promise<TxResult> {
    const full = { injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId, ...input };
    const { accountNumber, sequence } = await this.lcd.getAccount(wallet.injAddress);
    const height = await this.lcd.getLatestHeight();
    const signed = signTx({
      msg: buildBatchUpdateOrdersMsg(full),
      wallet,
      chainId: SIM_CHAIN_ID,
      accountNumber,
      sequence,
      timeoutHeight: height + 50,
      gas: estimateGas(full).gas,
      gasPrice: '160000000',
    });
    await broadcastTx(this.lcd, signed.txBytesBase64);
    const result = await waitForInclusion(this.lcd, signed.txHash, { timeoutMs: 20_000, pollMs: 100 });
    if (result.error) throw result.error;
    return result;
  }

  /** Limit orders on a spot market: `[side, price, quantity]`. */
  async spot(wallet: Wallet, market: Market, orders: [side: 'buy' | 'sell', price: string, quantity: string][]): Promise<string[]> {
    const result = await this.send(wallet, {
      spotCreates: orders.map(([side, price, quantity]) => ({ market, side, postOnly: false, price: new Dec(price), quantity: new Dec(quantity) })),
    });
    return result.createdOrderHashes.slice();
  }

  /** Limit orders on a derivative market at leverage 2. */
  async perp(wallet: Wallet, market: Market, orders: [side: 'buy' | 'sell', price: string, quantity: string][]): Promise<string[]> {
    const result = await this.send(wallet, {
      derivativeCreates: orders.map(([side, price, quantity]) => ({
        market,
        side,
        postOnly: false,
        price: new Dec(price),
        quantity: new Dec(quantity),
        leverage: new Dec(2),
      })),
    });
    return result.createdOrderHashes.slice();
  }
}
