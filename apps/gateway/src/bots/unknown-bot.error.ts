import { NotFoundException } from '@nestjs/common';

/** 404: no bot with this id in config/bots.json. */
export class UnknownBotError extends NotFoundException {
  readonly code = 'UNKNOWN_BOT';
  constructor(readonly bot: string) {
    super({ statusCode: 404, error: 'Not Found', code: 'UNKNOWN_BOT', message: `unknown bot "${bot}"` });
  }
}
