import type { IncomingMessage } from 'node:http';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import { HttpException, UseFilters, UsePipes } from '@nestjs/common';
import type { WebSocket } from 'ws';
import { BotsService } from '../bots/bots.service';
import { ApiExceptionFilter } from '../platform/api-exception.filter';
import { DependencyMonitor } from '../platform/dependency.monitor';
import { ZodValidationPipe } from '../platform/zod-validation.pipe';
import { RealtimeSessions } from './realtime.sessions';
import { TopicHub } from './topic.hub';
import { ControlRequest, SubscribeRequest, UnsubscribeRequest } from './ws-message.schema';

const DESIRED = { start: 'running', pause: 'paused', stop: 'stopped' } as const;

/**
 * `/ws`: topics prices, books, bots, executions, activity, services; bot control with the token.
 * Nest applies global pipes and filters to HTTP only, so the gateway names its own.
 */
@WebSocketGateway({ path: '/ws' })
@UsePipes(ZodValidationPipe)
@UseFilters(ApiExceptionFilter)
export class RealtimeGateway implements OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly sessions: RealtimeSessions,
    private readonly hub: TopicHub,
    private readonly bots: BotsService,
    private readonly dependencies: DependencyMonitor,
  ) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    this.sessions.open(socket, request);
  }

  handleDisconnect(socket: WebSocket): void {
    this.sessions.close(socket);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() body: SubscribeRequest): Promise<void> {
    await this.sessions.subscribe(socket, body);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() body: UnsubscribeRequest): { type: 'unsubscribed'; topics: string[] } {
    this.sessions.unsubscribe(socket, body.topics);
    return { type: 'unsubscribed', topics: body.topics };
  }

  @SubscribeMessage('control')
  async control(@ConnectedSocket() socket: WebSocket, @MessageBody() body: ControlRequest): Promise<object> {
    const check = this.sessions.authorize(socket, body.token);
    if (!check.ok) throw new HttpException({ statusCode: check.status, code: check.code, message: check.reason }, check.status);
    this.dependencies.require(['redis', 'nats']);
    const bot = await this.bots.control(body.bot, DESIRED[body.action]);
    return { type: 'control', ok: true, action: body.action, bot };
  }

  @SubscribeMessage('ping')
  ping(): { type: 'pong'; epoch: string; seq: number } {
    return { type: 'pong', epoch: this.hub.epoch, seq: this.hub.lastSeq };
  }

  @SubscribeMessage('invalid')
  invalid(@MessageBody() body: { reason: string }): { type: 'error'; code: 'INVALID_MESSAGE'; message: string } {
    return { type: 'error', code: 'INVALID_MESSAGE', message: body.reason };
  }
}
