import { Injectable } from '@nestjs/common';
import { redisKeys, storedOrderSchema, type StoredOrder } from '@mirrorbook/contracts';
import type { BotEntry } from '@mirrorbook/config';
import { RedisService } from '@mirrorbook/redis';
import { Dec } from '@mirrorbook/market';
import { StoredJsonReader } from '../platform/stored-json.reader';
import type { BotOrders } from './bot.view';

/** A bot's open orders as its executor keeps them in `orders:<wallet>:<mk>` (hash orderHash → JSON). */
@Injectable()
export class BotOrdersReader {
  constructor(
    private readonly redis: RedisService,
    private readonly stored: StoredJsonReader,
  ) {}

  async read(bot: BotEntry): Promise<BotOrders> {
    const markets = await Promise.all(
      bot.markets.map(async (market) => {
        const key = redisKeys.orders(bot.wallet, market);
        const entries = Object.values(await this.redis.client.hgetall(key));
        const orders = entries.map((raw) => this.stored.parse(storedOrderSchema, key, raw)).filter((o): o is StoredOrder => o !== undefined);
        orders.sort((a, b) => new Dec(b.price).comparedTo(a.price));
        return { market, orders, invalid: entries.length - orders.length };
      }),
    );
    return { bot: bot.id, wallet: bot.wallet, markets };
  }
}
