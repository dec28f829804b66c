import { createHash } from 'node:crypto';
import type { LcdClient } from '@mirrorbook/injective';
import { z } from 'zod';
import { feeInDenom, type IncludedTx } from '../../bench/lib/fee.metrics';

type TxResponse = NonNullable<Awaited<ReturnType<LcdClient['getTx']>>>;

const blockSchema = z.object({
  block: z.object({
    header: z.object({ height: z.string() }),
    data: z.object({ txs: z.array(z.string()).default([]) }),
  }),
});

/** Upper-case hex sha256 of the tx bytes: the hash the chain indexes it by. */
const txHash = (base64: string) => createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex').toUpperCase();

/** The fee the ante handler charged and who paid it: the `tx` event with `fee` and `fee_payer`. */
export function chargedFee(response: Pick<TxResponse, 'events'>): { payer: string; feeBase: bigint } | undefined {
  for (const event of response.events) {
    if (event.type !== 'tx') continue;
    const attr = (key: string) => event.attributes?.find((a) => a.key === key)?.value ?? undefined;
    const payer = attr('fee_payer');
    if (payer !== undefined) return { payer, feeBase: feeInDenom(attr('fee') ?? '') };
  }
  return undefined;
}

/**
 * Follows the chain block by block and keeps every included tx with the fee it was charged, read
 * from the chain's own record (blocks, then each tx by hash). The sim retains the newest 1000
 * blocks: the follower polls about once a block so it never falls that far behind.
 */
export class FeeFollower {
  readonly txs: IncludedTx[] = [];
  private next = 1;
  private running = false;
  private loop: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly lcd: LcdClient,
    private readonly pollMs: number,
  ) {}

  /** The first height not read yet. */
  get nextHeight(): number {
    return this.next;
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.catchUp(await this.lcd.getLatestHeight());
        } catch (error) {
          this.failure = error;
          this.running = false;
          return;
        }
        await new Promise((r) => setTimeout(r, this.pollMs));
      }
    })();
  }

  /** Stops polling and reads every block up to `height`; throws what stopped the loop, if anything did. */
  async stop(height: number): Promise<void> {
    this.running = false;
    await this.loop;
    if (this.failure) throw this.failure;
    await this.catchUp(height);
  }

  /** Reads blocks `nextHeight`..`height`. */
  async catchUp(height: number): Promise<void> {
    while (this.next <= height) {
      const block = await this.lcd.getJson(`/cosmos/base/tendermint/v1beta1/blocks/${this.next}`, blockSchema);
      for (const base64 of block.block.data.txs) this.txs.push(await this.included(txHash(base64), this.next));
      this.next += 1;
    }
  }

  private async included(hash: string, height: number): Promise<IncludedTx> {
    const response = await this.lcd.getTx(hash);
    if (!response) throw new Error(`tx ${hash} of block ${height} is not in the chain's tx index`);
    const fee = chargedFee(response);
    if (!fee) throw new Error(`tx ${hash} of block ${height} has no fee_payer in its events`);
    return { height, payer: fee.payer, feeBase: fee.feeBase, code: response.code };
  }
}
