import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';

// `Dec` (40 significant digits) holds any fee total of 18-decimal base units exactly; a bare
// decimal.js (20 digits) would round one of 100 INJ or more

/** The chain's fee denom and its decimals (1 INJ = 10¹⁸ inj). */
export const FEE_DENOM = 'inj';
const FEE_DECIMALS = 18;
const MS_PER_DAY = 86_400_000;

/** One tx included in a block, as the fee figures need it. */
export interface IncludedTx {
  height: number;
  /** bech32 address that paid the fee (the `tx` event's `fee_payer`) */
  payer: string;
  /** fee charged, `inj` base units: 0 when the ante handler charged nothing */
  feeBase: bigint;
  /** 0 = success */
  code: number;
}

/** Txs, INJ spent and INJ a day of one wallet over a window of blocks. */
export interface WalletFees {
  wallet: string;
  /** txs of the wallet included in the window, failed ones too (they pay their fee) */
  txs: number;
  /** of those, txs that failed (code ≠ 0) */
  failedTxs: number;
  /** INJ paid in fees, exact decimal string */
  feesInj: string;
  /** `feesInj` extrapolated to a day of chain time (blocks × block time), decimal string of 24 significant digits */
  injPerDay: string;
}

/** A window of blocks, both ends included. */
export interface BlockWindow {
  from: number;
  to: number;
}

/**
 * The amount of `denom` in a fee as the chain prints coins (`64000000000000inj`, comma-separated),
 * base units; 0 for an empty fee (nothing charged).
 */
export function feeInDenom(coins: string, denom: string = FEE_DENOM): bigint {
  let total = 0n;
  for (const coin of coins.split(',')) {
    const match = /^\s*(\d+)([a-zA-Z][\w/:.-]*)\s*$/.exec(coin);
    if (match && match[2] === denom) total += BigInt(match[1]!);
  }
  return total;
}

/** `inj` base units as INJ. */
export function injOf(base: bigint): Decimal {
  return new Dec(base.toString()).div(new Dec(10).pow(FEE_DECIMALS));
}

/** INJ spent over `blocks` blocks of `blockMs`, extrapolated to a day of chain time; NaN over no blocks. */
export function injPerDay(inj: Decimal.Value, blocks: number, blockMs: number): Decimal {
  const ms = new Dec(blocks).mul(blockMs);
  if (ms.lte(0)) return new Dec(Number.NaN);
  return new Dec(inj).mul(MS_PER_DAY).div(ms);
}

/** Blocks in a window (both ends included). */
export function windowBlocks(window: BlockWindow): number {
  return Math.max(0, window.to - window.from + 1);
}

/**
 * Each wallet's txs and fees among `txs` included in `window`, and its INJ a day over the window's
 * chain time; wallets in the order given, a wallet with no tx at zero.
 */
export function walletFees(txs: readonly IncludedTx[], wallets: readonly { id: string; address: string }[], window: BlockWindow, blockMs: number): WalletFees[] {
  const blocks = windowBlocks(window);
  return wallets.map(({ id, address }) => {
    const own = txs.filter((tx) => tx.payer === address && tx.height >= window.from && tx.height <= window.to);
    const inj = injOf(own.reduce((sum, tx) => sum + tx.feeBase, 0n));
    return {
      wallet: id,
      txs: own.length,
      failedTxs: own.filter((tx) => tx.code !== 0).length,
      feesInj: inj.toFixed(),
      // a projection has no last digit: 24 significant ones
      injPerDay: injPerDay(inj, blocks, blockMs).toSignificantDigits(24).toFixed(),
    };
  });
}

/** An INJ amount for display (rounded to `digits` decimals); "—" when it is no number. */
export function injText(inj: string, digits = 3): string {
  const d = new Dec(inj);
  return d.isFinite() ? d.toFixed(digits) : '—';
}
