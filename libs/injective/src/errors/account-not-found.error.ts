import { InjectiveError } from './injective.error';

/** The chain has no account for this address yet (it never received funds). */
export class AccountNotFoundError extends InjectiveError {
  override readonly name = 'AccountNotFoundError';
  readonly code = 'ACCOUNT_NOT_FOUND';

  constructor(readonly address: string) {
    super(`account ${address} not found`);
  }
}
