import { Injectable } from '@nestjs/common';
import { redisKeys, storedBalancesSchema, type StoredBalances } from '@mirrorbook/contracts';
import { StoredJsonReader } from '../platform/stored-json.reader';

/** `balances:<wallet>` for several wallets in one MGET. */
@Injectable()
export class BalancesReader {
  constructor(private readonly stored: StoredJsonReader) {}

  async read(walletIds: string[]): Promise<Map<string, StoredBalances | null>> {
    const values = await this.stored.many(storedBalancesSchema, walletIds.map((id) => redisKeys.balances(id)));
    return new Map(walletIds.map((id, i) => [id, values[i] ?? null]));
  }
}
