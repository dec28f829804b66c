import { Redis } from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { loadConfig, type AppConfig, type MarketPair } from '@mirrorbook/config';
import { LcdClient, lcdUrlsFromEnv, networkSides, readSecretFile, type NetworkConfig, type NetworkSides, type SecretFileReader } from '@mirrorbook/injective';
import { natsConnectionOptions, redactUrl } from '@mirrorbook/messaging';
import { redisTlsOptions } from '@mirrorbook/redis';
import { resolveNetworkName, type CliNetwork } from '../network/network-name.resolver';
import { CliError } from './cli.errors';
import { OutputWriter } from './output.writer';
import { ProgressReporter } from './progress.reporter';

/** Options every command takes. */
export interface GlobalOptions {
  readonly network?: string;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly envFile?: string;
}

/** How long the CLI waits for NATS or Redis before calling them unreachable, ms. */
const CONNECT_TIMEOUT_MS = 2000;

/**
 * What a command needs, created on first use and closed by `close()`: the configuration, the
 * network's two sides and their LCD clients, Redis and NATS connections, output and progress.
 */
export class CliContext {
  readonly out: OutputWriter;
  readonly progress: ProgressReporter;
  private appConfig: AppConfig | undefined;
  private resolvedSides: NetworkSides | undefined;
  private readonly lcds = new Map<string, LcdClient>();
  private redisClient: Redis | undefined;
  private natsConnection: NatsConnection | undefined;

  constructor(
    readonly options: GlobalOptions,
    readonly env: NodeJS.ProcessEnv = process.env,
    progress?: ProgressReporter,
  ) {
    this.out = new OutputWriter(options.json === true);
    this.progress = progress ?? new ProgressReporter();
  }

  /** Reads a secret file (wallet keys), refusing one group or others can access. */
  readonly readFile: SecretFileReader = readSecretFile;

  /** `--network`, else `NETWORK`, else `sim`. */
  get networkName(): CliNetwork {
    return resolveNetworkName(this.options.network, this.env.NETWORK);
  }

  /**
   * config/ and the environment, parsed once (throws ConfigError → exit 78). `NETWORK` is the
   * CLI's own business (it also accepts `mainnet`), so it is not handed to the services' schema.
   */
  config(): AppConfig {
    if (!this.appConfig) {
      const { NETWORK: _network, ...rest } = this.env;
      this.appConfig = loadConfig(rest);
    }
    return this.appConfig;
  }

  /** Where the trading and the reference side of every pair are read. */
  sides(network: CliNetwork = this.networkName): NetworkSides {
    if (this.resolvedSides?.name === network) return this.resolvedSides;
    const env = this.config().env;
    const sides = networkSides(network, lcdUrlsFromEnv(env));
    if (network === this.networkName) this.resolvedSides = sides;
    return sides;
  }

  /** One LCD client per endpoint; public nodes' rate limits are shared per host by the adapter. */
  lcd(network: NetworkConfig): LcdClient {
    let client = this.lcds.get(network.lcdUrl);
    if (!client) {
      client = new LcdClient({ baseUrl: network.lcdUrl, timeoutMs: 5000, maxRetries: 2 });
      this.lcds.set(network.lcdUrl, client);
    }
    return client;
  }

  /** The configured pair with key `key`, or a usage error listing the known keys. */
  market(key: string): MarketPair {
    const pair = this.config().markets.find((m) => m.key === key);
    if (!pair) {
      throw CliError.usage(`unknown market "${key}"; configured: ${this.config().markets.map((m) => m.key).join(', ')}`);
    }
    return pair;
  }

  /** The configured wallet `id`, or a usage error listing the known ids. */
  wallet(id: string): string {
    const wallets = this.config().wallets.map((w) => w.id);
    if (!wallets.includes(id)) throw CliError.usage(`unknown wallet "${id}"; configured: ${wallets.join(', ')}`);
    return id;
  }

  /** A connected Redis client (REDIS_URL); a network error when it cannot be reached. */
  async redis(): Promise<Redis> {
    if (this.redisClient) return this.redisClient;
    const url = this.config().env.REDIS_URL;
    const client = new Redis(url, {
      ...redisTlsOptions(url, this.config().env.REDIS_CA_FILE),
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      commandTimeout: this.config().env.REDIS_COMMAND_TIMEOUT_MS,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    let lastError: Error | undefined;
    client.on('error', (error: Error) => (lastError = error)); // reported through connect() below
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      // connect() rejects with "Connection is closed"; the socket error says why
      const reason = lastError ?? (error as Error);
      throw CliError.network(`Redis at ${redactUrl(url)} is unreachable: ${reason.message}`, reason);
    }
    this.redisClient = client;
    return client;
  }

  /** A NATS connection (NATS_URL, `user:password@` as the services log in); a network error when it cannot be reached. */
  async nats(): Promise<NatsConnection> {
    if (this.natsConnection) return this.natsConnection;
    const url = this.config().env.NATS_URL;
    try {
      this.natsConnection = await connect({
        ...natsConnectionOptions(url, this.config().env.NATS_CA_FILE),
        timeout: CONNECT_TIMEOUT_MS,
        reconnect: false,
        name: 'mirrorbook-cli',
      });
    } catch (error) {
      throw CliError.network(`NATS at ${redactUrl(url)} is unreachable: ${(error as Error).message}`, error);
    }
    return this.natsConnection;
  }

  /** Closes whatever was opened. */
  async close(): Promise<void> {
    const redis = this.redisClient;
    const nats = this.natsConnection;
    this.redisClient = undefined;
    this.natsConnection = undefined;
    redis?.disconnect();
    await nats?.close().catch(() => undefined);
  }
}

