import { NotFoundException } from '@nestjs/common';

/** 404: no market pair with this key in config/markets.json. */
export class UnknownMarketError extends NotFoundException {
  readonly code = 'UNKNOWN_MARKET';
  constructor(readonly market: string) {
    super({ statusCode: 404, error: 'Not Found', code: 'UNKNOWN_MARKET', message: `unknown market "${market}"` });
  }
}
