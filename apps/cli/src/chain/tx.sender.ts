import {
  DEFAULT_SIMULATE_GAS_MARGIN,
  effectiveGasPrice,
  gasFromSimulation,
  SequenceMismatchError,
  signWithEstimatedGas,
  type BatchUpdateOrdersInput,
  type LcdClient,
  type NetworkConfig,
  type Wallet,
} from '@mirrorbook/injective';
import { broadcastTx, buildBatchUpdateOrdersMsg, type SignedTx, txSigner, type TxResult, waitForInclusion } from '@mirrorbook/injective/signing';

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
 * retries once. Mainnet is refused by `signTx` itself. Fees as the executor pays them: gas price
 * max(node minimum, `cur_eip_base_fee`), gas from the fixed table when the chain's
 * `fixed_gas_enabled`, else `simulate` × 1.3 (both read once, before the first tx).
 */
export class TxSender {
  private account: { accountNumber: number; sequence: number } | undefined;
  private fees: { gasPrice: string; fixedGas: boolean } | undefined;

  constructor(
    private readonly lcd: LcdClient,
    private readonly network: NetworkConfig,
    private readonly wallet: Wallet,
    private readonly options: TxSenderOptions = {},
  ) {}

  /** Broadcasts `input` and waits for its block; throws the tx's typed error when it failed. */
  async send(input: BatchUpdateOrdersInput): Promise<TxResult> {
    const account = (this.account ??= await this.readAccount());
    const fees = (this.fees ??= await this.readFees());
    const msg = buildBatchUpdateOrdersMsg(input);
    for (let attempt = 0; ; attempt++) {
      const height = await this.lcd.getLatestHeight();
      const sign = txSigner({
        msg,
        wallet: this.wallet,
        chainId: this.network.chainId,
        accountNumber: account.accountNumber,
        sequence: account.sequence,
        timeoutHeight: height + (this.options.timeoutBlocks ?? 20),
        gasPrice: fees.gasPrice,
        feeDenom: this.network.feeDenom,
      });
      // the table's estimate (cancel-alls at libs/injective's default count: the CLI keeps no orders)
      const { signed: estimated } = signWithEstimatedGas(sign, input);
      const signed = fees.fixedGas ? estimated : await this.simulated(sign, estimated);
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

  /** Signed with the gas a simulation of `draft` used × the margin; `draft` when it fails. */
  private async simulated(sign: (gas: number) => SignedTx, draft: SignedTx): Promise<SignedTx> {
    try {
      const { gasUsed } = await this.lcd.simulateTx(draft.txBytesBase64);
      return sign(gasFromSimulation(gasUsed, DEFAULT_SIMULATE_GAS_MARGIN));
    } catch {
      return draft;
    }
  }

  /** The gas price and the gas source; the node minimum and the fixed table where a read fails. */
  private async readFees(): Promise<{ gasPrice: string; fixedGas: boolean }> {
    const [params, baseFee] = await Promise.all([this.lcd.getExchangeParams().catch(() => null), this.lcd.getEipBaseFee().catch(() => null)]);
    return { gasPrice: effectiveGasPrice(this.network.gasPrice, baseFee), fixedGas: params?.fixedGasEnabled ?? true };
  }

  private async readAccount(): Promise<{ accountNumber: number; sequence: number }> {
    const { accountNumber, sequence } = await this.lcd.getAccount(this.wallet.injAddress);
    return { accountNumber, sequence };
  }
}
