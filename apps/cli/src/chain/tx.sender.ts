import {
  broadcastTx,
  buildBatchUpdateOrdersMsg,
  estimateGas,
  SequenceMismatchError,
  signTx,
  waitForInclusion,
  type BatchUpdateOrdersInput,
  type LcdClient,
  type NetworkConfig,
  type TxResult,
  type Wallet,
} from '@mirrorbook/injective';

/** How the CLI signs: blocks of validity and how long to wait for a block. */
export interface TxSenderOptions {
  /** the tx may be included up to this many blocks after signing; default 20 */
  readonly timeoutBlocks?: number;
  /** give up waiting for inclusion after this long, ms; default 30 000 */
  readonly inclusionTimeoutMs?: number;
}

/**
 * Signs and broadcasts `MsgBatchUpdateOrders` for one wallet, one tx at a time. The account
 * sequence is read from the chain before the first tx and counted locally after each; a
 * sequence-mismatch reply (another signer got in between) adopts the chain's expected value and
 * retries once. Mainnet is refused by `signTx` itself.
 */
export class TxSender {
  private account: { accountNumber: number; sequence: number } | undefined;

  constructor(
    private readonly lcd: LcdClient,
    private readonly network: NetworkConfig,
    private readonly wallet: Wallet,
    private readonly options: TxSenderOptions = {},
  ) {}

  /** Broadcasts `input` and waits for its block; throws the tx's typed error when it failed. */
  async send(input: BatchUpdateOrdersInput): Promise<TxResult> {
    const account = (this.account ??= await this.readAccount());
    const msg = buildBatchUpdateOrdersMsg(input);
    const { gas } = estimateGas(input);
    for (let attempt = 0; ; attempt++) {
      const height = await this.lcd.getLatestHeight();
      const signed = signTx({
        msg,
        wallet: this.wallet,
        chainId: this.network.chainId,
        accountNumber: account.accountNumber,
        sequence: account.sequence,
        timeoutHeight: height + (this.options.timeoutBlocks ?? 20),
        gas,
        gasPrice: this.network.gasPrice,
        feeDenom: this.network.feeDenom,
      });
      try {
        await broadcastTx(this.lcd, signed.txBytesBase64);
      } catch (error) {
        if (error instanceof SequenceMismatchError && error.expected !== null && attempt === 0) {
          account.sequence = error.expected;
          continue;
        }
        throw error;
      }
      account.sequence += 1;
      const result = await waitForInclusion(this.lcd, signed.txHash, { timeoutMs: this.options.inclusionTimeoutMs ?? 30_000 });
      if (result.error) throw result.error;
      return result;
    }
  }

  private async readAccount(): Promise<{ accountNumber: number; sequence: number }> {
    const { accountNumber, sequence } = await this.lcd.getAccount(this.wallet.injAddress);
    return { accountNumber, sequence };
  }
}
