import { Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

// Metrics live in prom-client's default registry (served at /metrics). Each is created once per
// process and reused, so a second Nest app in the same process (tests) never registers twice.

function once<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

const counter = (name: string, help: string, labelNames: string[]) => once(name, () => new Counter({ name, help, labelNames }));
const gauge = (name: string, help: string, labelNames: string[]) => once(name, () => new Gauge({ name, help, labelNames }));

/** The price-feed's Prometheus metrics. */
export const priceFeedMetrics = {
  /** seconds since the last good update of one side of one market (-1 before the first) */
  updateAge: () =>
    gauge('mirrorbook_feed_update_age_seconds', 'Seconds since the last good update, by market and side (-1: none yet)', ['market', 'side']),
  /** messages published, by kind (price/book/status), role and market */
  published: () =>
    counter('mirrorbook_feed_published_total', 'md.* messages published by the price feed', ['kind', 'role', 'market']),
  /** time to publish one message: seq, schema check, JSON, NATS publish, Redis write dispatch */
  publishSeconds: () =>
    once(
      'mirrorbook_feed_publish_seconds',
      () =>
        new Histogram({
          name: 'mirrorbook_feed_publish_seconds',
          help: 'Time to publish one md.* message (seq, schema check, encode, NATS publish, Redis write dispatch)',
          labelNames: ['kind'],
          buckets: [0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01],
        }),
    ),
  /** messages that could not be published (NATS away, payload refused by its schema) */
  publishFailures: () => counter('mirrorbook_feed_publish_failures_total', 'md.* messages that could not be published', ['kind']),
  /** snapshots read but not republished because nothing changed */
  unchanged: () =>
    counter('mirrorbook_feed_unchanged_total', 'Snapshots not republished because they did not change', ['kind', 'role']),
  /** source replies refused by validation, by market, side and reason */
  rejections: () =>
    counter('mirrorbook_feed_rejections_total', 'Source replies rejected by validation', ['market', 'side', 'reason']),
  /** reads that failed (unreachable, rate limited, HTTP error), by host and error code */
  sourceErrors: () =>
    counter('mirrorbook_feed_source_errors_total', 'Source reads that failed, by host and error code', ['host', 'code']),
  /** HTTP requests started against each LCD host (retries included) */
  requests: () => counter('mirrorbook_feed_lcd_requests_total', 'LCD requests started, by host', ['host']),
  /** requests started in the last second, by host */
  requestRate: () => gauge('mirrorbook_feed_lcd_request_rate', 'LCD requests started in the last second, by host', ['host']),
  /** the poll interval in force per market, ms */
  pollInterval: () => gauge('mirrorbook_feed_poll_interval_ms', 'Poll interval in force per market, ms', []),
  /** interval between two reads of one market's reference book in force, ms */
  refBookInterval: () => gauge('mirrorbook_feed_ref_book_interval_ms', 'Reference book read interval in force per market, ms', []),
  /** 1 when the request budget stretched the poll interval */
  throttled: () => gauge('mirrorbook_feed_throttled', '1 when the request budget stretched the poll interval', []),
  /** polls skipped because the previous one of that side was still running or its host was backing off */
  skippedPolls: () => counter('mirrorbook_feed_skipped_polls_total', 'Polls skipped (busy or backing off)', ['side', 'why']),
  /** Redis writes of the latest snapshots that failed or were skipped while Redis was away */
  redisMisses: () => counter('mirrorbook_feed_redis_write_failures_total', 'Latest-snapshot writes to Redis that failed or were skipped', []),
};
