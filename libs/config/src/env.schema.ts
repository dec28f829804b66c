import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((u) => protocols.includes(new URL(u).protocol), `must use ${protocols.join(' or ')}`);

/** The environment every service reads (see .env.example). Secrets are not part of it. */
export const envSchema = z.object({
  /** where the bots trade: `sim` (offline, default) or `testnet` (references from mainnet) */
  NETWORK: z.enum(['sim', 'testnet']).default('sim'),
  NATS_URL: url(['nats:', 'tls:']).default('nats://127.0.0.1:4222'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /** the simulator's LCD, used when NETWORK=sim */
  SIM_LCD_URL: url(['http:', 'https:']).default('http://127.0.0.1:7700'),
  /** overrides of the @injectivelabs/networks endpoints */
  TESTNET_LCD_URL: url(['http:', 'https:']).optional(),
  MAINNET_LCD_URL: url(['http:', 'https:']).optional(),
  /** HTTP port of this service (health, metrics; the gateway's API); each app has its own default */
  HTTP_PORT: port.optional(),
  HTTP_HOST: z.string().default('127.0.0.1'),
  /** bearer token for the gateway's mutating routes */
  GATEWAY_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** signing for chain id injective-1 is refused unless this is true */
  ALLOW_MAINNET_TRADING: booleanFlag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** directory with markets.json, bots.json, strategy.json */
  CONFIG_DIR: z.string().default('config'),
  /** unique per process; defaults to <hostname>-<pid> */
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .optional(),
  HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /** JetStream limits */
  MD_MAX_AGE_S: z.coerce.number().int().positive().default(86_400),
  EXEC_MAX_AGE_S: z.coerce.number().int().positive().default(7 * 86_400),
  INTENTS_MAX_AGE_S: z.coerce.number().int().positive().default(60),
  /** executor: which wallet of bots.json this process signs for */
  WALLET_ID: z.string().optional(),
  /** graceful shutdown budget */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type Env = z.infer<typeof envSchema>;
