import type { Heartbeat } from '@mirrorbook/contracts';
import type { MessagingService } from '@mirrorbook/messaging';
import { HeartbeatService } from './heartbeat.service';
import { LifecycleService } from './lifecycle.service';

// an interval no test waits for: every beat seen here comes from a state change
const IDENTITY = { app: 'executor' as const, instance: 'exec-1', version: '0.1.0', heartbeatIntervalMs: 3_600_000 };

describe('HeartbeatService', () => {
  it('publishes each state change at once, however short the state lasts (a breaker pause shorter than the interval is seen)', async () => {
    const published: Heartbeat[] = [];
    const messaging = {
      ready: () => Promise.resolve(),
      isConnected: () => true,
      publish: (_subject: unknown, heartbeat: Heartbeat) => published.push(heartbeat),
    } as unknown as MessagingService;
    const lifecycle = new LifecycleService();
    const service = new HeartbeatService(IDENTITY, lifecycle, messaging);
    service.onApplicationBootstrap();
    await Promise.resolve();
    const first = published.length;
    lifecycle.transition('running');
    lifecycle.transition('paused');
    lifecycle.transition('running');
    expect(published.slice(first).map((h) => h.state)).toEqual(['running', 'paused', 'running']);
    service.beforeApplicationShutdown();
  });
});
