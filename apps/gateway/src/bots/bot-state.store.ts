import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { botsBootstrapSchema, botStateSchema, redisKeys, type BotsBootstrap, type BotState } from '@mirrorbook/contracts';
import { botsBootstrapped, resolveBotState, type BotEntry } from '@mirrorbook/config';
import { RedisService } from '@mirrorbook/redis';
import { StoredJsonReader } from '../platform/stored-json.reader';


/** A bot's state and where it came from. */
export interface StoredBotState {
  state: BotState;
  /**
   * `redis` when `bot:<id>` holds a state; `config` when it holds none and `bots:bootstrap` says the
   * config defaults apply; `none` when neither is there (stopped, fail closed)
   */
  source: 'redis' | 'config' | 'none';
}

/** SET only while the key still holds what the caller read (nil or the same JSON). */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`;

const MAX_ATTEMPTS = 5;

/** 409: other writers (gateways, the CLI) kept changing the bot while this update retried. */
export class BotStateConflictError extends ConflictException {
  readonly code = 'BOT_STATE_CONFLICT';
  constructor(readonly bot: string) {
    super({ statusCode: 409, error: 'Conflict', code: 'BOT_STATE_CONFLICT', message: `bot ${bot} kept changing while being updated; try again` });
  }
}

/** `bot:<id>` in Redis: read with the config default, updated by compare-and-set. */
@Injectable()
export class BotStateStore {
  private readonly logger = new Logger(BotStateStore.name);

  constructor(
    private readonly redis: RedisService,
    private readonly stored: StoredJsonReader,
  ) {}

  async readMany(bots: BotEntry[]): Promise<Map<string, StoredBotState>> {
    if (bots.length === 0) return new Map();
    const [marker, ...raws] = await this.redis.client.mget(redisKeys.botsBootstrap(), ...bots.map((b) => redisKeys.bot(b.id)));
    return new Map(bots.map((bot, i) => [bot.id, this.fromRaw(bot, raws[i] ?? null, botsBootstrapped(marker))]));
  }

  async read(bot: BotEntry): Promise<StoredBotState> {
    const [marker, raw] = await this.redis.client.mget(redisKeys.botsBootstrap(), redisKeys.bot(bot.id));
    return this.fromRaw(bot, raw ?? null, botsBootstrapped(marker));
  }

  /**
   * Writes `bots:bootstrap` unless it is there (SET NX): from now on a bot without `bot:<id>` has
   * its config default. Returns the marker in force and whether this call wrote it.
   */
  async bootstrap(by: string, now: number): Promise<{ marker: BotsBootstrap; written: boolean }> {
    const marker = botsBootstrapSchema.parse({ v: 1, at: now, by });
    const written = (await this.redis.client.set(redisKeys.botsBootstrap(), JSON.stringify(marker), 'NX')) === 'OK';
    if (written) {
      this.logger.log(`bots:bootstrap written: bots without a bot:<id> record now have their config default`);
      return { marker, written };
    }
    const current = this.stored.parse(botsBootstrapSchema, redisKeys.botsBootstrap(), await this.redis.client.get(redisKeys.botsBootstrap()));
    // an unreadable marker counts as none: replace it
    if (!current) {
      await this.redis.client.set(redisKeys.botsBootstrap(), JSON.stringify(marker));
      return { marker, written: true };
    }
    return { marker: current, written: false };
  }

  /** Applies `change` to the current state and stores it unless someone else changed it meanwhile (then retries). */
  async update(bot: BotEntry, change: (current: BotState) => BotState): Promise<BotState> {
    const key = redisKeys.bot(bot.id);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [marker, raw] = await this.redis.client.mget(redisKeys.botsBootstrap(), key);
      const next = botStateSchema.parse(change(this.fromRaw(bot, raw ?? null, botsBootstrapped(marker)).state));
      const written = await this.redis.client.eval(COMPARE_AND_SET, 1, key, raw ?? '', JSON.stringify(next));
      if (written === 1) return next;
      this.logger.debug(`bot:${bot.id} changed during update (attempt ${attempt}); retrying`);
    }
    throw new BotStateConflictError(bot.id);
  }

  private fromRaw(bot: BotEntry, raw: string | null, bootstrapped: boolean): StoredBotState {
    const parsed = this.stored.parse(botStateSchema, redisKeys.bot(bot.id), raw);
    return { state: resolveBotState(bot, parsed ?? raw, bootstrapped), source: raw !== null ? 'redis' : bootstrapped ? 'config' : 'none' };
  }
}
