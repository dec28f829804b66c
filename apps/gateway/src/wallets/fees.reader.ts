import { Injectable } from '@nestjs/common';
import { redisKeys, storedFeesSchema, type StoredFees } from '@mirrorbook/contracts';
import { feeReport, type FeeReading, type FeeReport } from '@mirrorbook/market';
import { StoredJsonReader, type StoredReading } from '../platform/stored-json.reader';

/** `fees:<wallet>` for several wallets in one MGET, each as the report the dashboard shows. */
@Injectable()
export class FeesReader {
  constructor(private readonly stored: StoredJsonReader) {}

  async read(walletIds: string[]): Promise<Map<string, FeeReport>> {
    const readings = await this.stored.readings(storedFeesSchema, walletIds.map((id) => redisKeys.fees(id)));
    const now = Date.now();
    return new Map(walletIds.map((id, i) => [id, feeReport(feeReading(readings[i] ?? { status: 'missing' }), now)]));
  }
}

function feeReading(reading: StoredReading<StoredFees>): FeeReading {
  return reading.status === 'ok' ? { status: 'ok', record: reading.value } : reading;
}
