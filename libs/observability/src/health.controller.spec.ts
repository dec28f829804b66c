import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { HealthController } from './health.controller';
import { LifecycleService } from './lifecycle.service';
import { ReadinessRegistry } from './readiness.registry';

const IDENTITY = { app: 'executor' as const, instance: 'exec-1', version: '0.1.0', heartbeatIntervalMs: 5000 };

/** `/health` as the controller answers it: status code and body. */
function health(readiness: ReadinessRegistry): { code: number; body: Record<string, unknown> } {
  const lifecycle = new LifecycleService();
  lifecycle.transition('running');
  const answer = { code: 0, body: {} as Record<string, unknown> };
  const res = {
    status(code: number) {
      answer.code = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      answer.body = body;
      return this;
    },
  };
  new HealthController(IDENTITY, lifecycle, readiness).health(res as unknown as Response);
  return answer;
}

describe('/health', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('answers 200 ok with an empty degraded map when every check passes and nothing is set aside', () => {
    const readiness = new ReadinessRegistry();
    readiness.register('nats', () => true);
    readiness.registerDegradation('unavailableMarkets', () => ({}));
    expect(health(readiness)).toEqual({ code: 200, body: expect.objectContaining({ status: 'ok', checks: { nats: true }, degraded: {} }) });
  });

  it('answers 200 degraded, naming each market set aside with its reason, while the service still works', () => {
    const readiness = new ReadinessRegistry();
    readiness.register('nats', () => true);
    const reason = 'market atom-usdt (0xabc) could not be read from the chain: market not found';
    readiness.registerDegradation('unavailableMarkets', () => ({ 'atom-usdt': reason }));
    expect(health(readiness)).toEqual({
      code: 200,
      body: expect.objectContaining({ status: 'degraded', state: 'running', checks: { nats: true }, degraded: { unavailableMarkets: { 'atom-usdt': reason } } }),
    });
  });

  it('answers 503 not ready when a check fails, with what is degraded still listed', () => {
    const readiness = new ReadinessRegistry();
    readiness.register('redis', () => false);
    readiness.registerDegradation('unavailableMarkets', () => ({ 'atom-usdt': 'gone' }));
    expect(health(readiness)).toEqual({ code: 503, body: expect.objectContaining({ status: 'not ready', degraded: { unavailableMarkets: { 'atom-usdt': 'gone' } } }) });
  });
});
