import Redis from 'ioredis';
import { connect, type NatsConnection } from 'nats';

/** Raw NATS and Redis clients a test seeds with (as the other services would). */
export async function rawClients(env: { NATS_URL: string; REDIS_URL: string }): Promise<{ nc: NatsConnection; redis: Redis; close(): Promise<void> }> {
  const nc = await connect({ servers: env.NATS_URL });
  const redis = new Redis(env.REDIS_URL);
  return {
    nc,
    redis,
    close: async () => {
      await nc.close();
      redis.disconnect();
    },
  };
}
