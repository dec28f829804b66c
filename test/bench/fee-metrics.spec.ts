import { feeInDenom, injOf, injPerDay, injText, walletFees, windowBlocks, type IncludedTx } from '../../bench/lib/fee.metrics';

const W1 = 'inj1w1';
const W2 = 'inj1w2';
/** 0.0008 INJ: 800 000 000 000 000 inj */
const FEE = 800_000_000_000_000n;

const tx = (height: number, payer: string, feeBase: bigint = FEE, code = 0): IncludedTx => ({ height, payer, feeBase, code });

describe('feeInDenom', () => {
  it('reads the amount of the denom from coins as the chain prints them', () => {
    expect(feeInDenom('64000000000000inj')).toBe(64_000_000_000_000n);
  });

  it('adds up every coin of the denom and ignores the others', () => {
    expect(feeInDenom('5inj,7peggy0xdAC17F958D2ee523a2206206994597C13D831ec7,3inj')).toBe(8n);
  });

  it('is zero for an empty fee (the ante handler charged nothing)', () => {
    expect(feeInDenom('')).toBe(0n);
  });
});

describe('injOf', () => {
  it('turns base units into INJ without losing a digit', () => {
    expect(injOf(1n).toFixed()).toBe('0.000000000000000001');
    expect(injOf(123_456_789_012_345_678_901n).toFixed()).toBe('123.456789012345678901');
  });
});

describe('injPerDay', () => {
  describe('when the window is an hour of 700 ms blocks', () => {
    it('multiplies the INJ spent by 24', () => {
      // 3600 s ÷ 0.7 s is not whole: 5143 blocks are 3600.1 s, so use 36 000 blocks of 100 ms
      expect(injPerDay('0.5', 36_000, 100).toFixed()).toBe('12');
    });
  });

  describe('when the window is 20 one-minute candles at real time scale', () => {
    it('extrapolates over blocks × block time', () => {
      // 20 × 86 blocks × 0.7 s = 1204 s; 1 INJ over 1204 s = 86400 ÷ 1204 INJ a day
      expect(injPerDay('1', 20 * 86, 700).toFixed(12)).toBe('71.760797342193');
    });
  });

  describe('when the window has no blocks', () => {
    it('is not a number rather than infinite', () => {
      expect(injPerDay('1', 0, 700).isNaN()).toBe(true);
    });
  });
});

describe('walletFees', () => {
  const txs = [tx(9, W1), tx(10, W1), tx(10, W2), tx(11, W1, FEE, 5), tx(12, W1, 0n, 5), tx(21, W1)];
  const wallets = [{ id: 'w1', address: W1 }, { id: 'w2', address: W2 }, { id: 'w3', address: 'inj1w3' }];

  it("counts each wallet's txs in the window, failed ones too, and sums their fees exactly", () => {
    const [w1, w2] = walletFees(txs, wallets, { from: 10, to: 20 }, 700);
    expect(w1).toMatchObject({ wallet: 'w1', txs: 3, failedTxs: 2, feesInj: '0.0016' });
    expect(w2).toMatchObject({ wallet: 'w2', txs: 1, failedTxs: 0, feesInj: '0.0008' });
  });

  it('extrapolates INJ a day over the chain time of the whole window, not of the blocks with txs', () => {
    // 11 blocks × 0.7 s = 7.7 s; 0.0016 INJ × 86400 ÷ 7.7
    const [w1] = walletFees(txs, wallets, { from: 10, to: 20 }, 700);
    expect(w1!.injPerDay.slice(0, 16)).toBe('17.9532467532467');
  });

  it('lists a wallet with no tx at zero', () => {
    const [, , w3] = walletFees(txs, wallets, { from: 10, to: 20 }, 700);
    expect(w3).toEqual({ wallet: 'w3', txs: 0, failedTxs: 0, feesInj: '0', injPerDay: '0' });
  });
});

describe('windowBlocks', () => {
  it('counts both ends, and an empty window as none', () => {
    expect(windowBlocks({ from: 61, to: 90 })).toBe(30);
    expect(windowBlocks({ from: 61, to: 60 })).toBe(0);
  });
});

describe('injText', () => {
  it('rounds only for display and shows a dash for no number', () => {
    expect(injText('93.512209655172413793', 2)).toBe('93.51');
    expect(injText('NaN')).toBe('—');
  });
});
