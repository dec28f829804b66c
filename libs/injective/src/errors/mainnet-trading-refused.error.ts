import { InjectiveError } from './injective.error';

/** Signing for Injective mainnet was asked for without `allowMainnetTrading`. */
export class MainnetTradingRefusedError extends InjectiveError {
  override readonly name = 'MainnetTradingRefusedError';
  readonly code = 'MAINNET_TRADING_REFUSED';

  constructor(readonly chainId: string) {
    super(`refusing to sign for mainnet chain ${chainId}: set ALLOW_MAINNET_TRADING=true to allow it`);
  }
}
