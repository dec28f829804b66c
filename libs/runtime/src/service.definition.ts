import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { AppName, StreamName } from '@mirrorbook/contracts';
import type { AppConfig } from '@mirrorbook/config';

export interface ServiceDefinition {
  app: AppName;
  /** HTTP port when HTTP_PORT is not set */
  defaultPort: number;
  /** the app's own modules, built from the validated configuration */
  imports: (config: AppConfig) => (Type | DynamicModule)[];
  /** HTTPS instead of HTTP when this returns the key and certificate (read after `configProblems` passed) */
  httpsOptions?: (config: AppConfig) => { key: Buffer; cert: Buffer } | undefined;
  /** the app's own rules on the validated configuration: one line per problem, `env: <VARIABLE>: <reason>` */
  configProblems?: (config: AppConfig) => string[];
  /** JetStream streams this app creates or updates at start */
  streams?: StreamName[];
  /** false for apps that never touch Redis */
  usesRedis?: boolean;
  /** largest accepted JSON body; default 1mb */
  bodyLimit?: string;
  /** runs on the created app before it initialises and listens (adapters, OpenAPI) */
  configure?: (app: INestApplication, config: AppConfig) => Promise<void> | void;
  /** runs after the HTTP server listens (e.g. switch to `running`) */
  afterListen?: (app: INestApplication, config: AppConfig) => Promise<void> | void;
}
