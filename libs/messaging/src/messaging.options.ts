import type { StreamName } from '@mirrorbook/contracts';
import type { StreamLimits } from './stream.budget';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** nats://host:port or tls://host:port (user:password@ allowed) */
  url: string;
  /** CA certificate (PEM) the server's TLS certificate is verified against: NATS_CA_FILE */
  caFile?: string;
  /** connection name shown by the server, e.g. `executor-host-123` */
  name: string;
  /** JetStream streams this service creates or updates at start, with their limits (age, bytes, per subject) */
  streams: Partial<Record<StreamName, StreamLimits>>;
  /** how often the declared streams' usage is read (gauge, warn at 70 %, /health degraded), ms; 30 s by default */
  storageCheckMs?: number;
  /** first retry delay when the server is unreachable; doubles up to `maxRetryDelayMs` */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** the clock inbound payloads' times are checked against (`payloadTimeIssue`); Date.now by default */
  now?: () => number;
}
