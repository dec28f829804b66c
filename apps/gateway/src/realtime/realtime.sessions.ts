import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { WebSocket } from 'ws';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import { TokenVerifier, type TokenCheck } from '../auth/token.verifier';
import { ClientAddressResolver } from '../platform/client-address';
import { fullBucket, takeMessageToken, type MessageBucket } from './message.bucket';
import { SnapshotProvider } from './snapshot.provider';
import { TopicHub, type Delta, type Topic } from './topic.hub';

interface Session {
  socket: WebSocket;
  /** pending: snapshot being built (its deltas are replayed from the hub after it); live: deltas flow */
  topics: Map<Topic, 'pending' | 'live'>;
  /** the upgrade request carried a valid Authorization header */
  headerAuth: TokenCheck;
  alive: boolean;
  /** client IP (GATEWAY_TRUST_PROXY applied), for the per-IP connection cap */
  client: string;
  messages: MessageBucket;
  /** tokens refused on this connection (401) */
  authFailures: number;
}

/** A client this far behind is dropped (close 1013); it reconnects and resumes or re-snapshots. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;
/** Wrong or missing tokens a connection may send; the next one closes it (1008), so guessing costs a reconnect. */
export const MAX_AUTH_FAILURES = 5;

/** Connected WebSocket clients: their topics, auth, snapshots, resume and delta fan-out. */
@Injectable()
export class RealtimeSessions implements OnModuleDestroy {
  private readonly logger = new Logger(RealtimeSessions.name);
  private readonly sessions = new Map<WebSocket, Session>();
  private readonly protectReads: boolean;
  private readonly pinger: NodeJS.Timeout;
  private readonly onDelta = (delta: Delta) => this.fanOut(delta);

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly hub: TopicHub,
    private readonly snapshots: SnapshotProvider,
    private readonly verifier: TokenVerifier,
    private readonly addresses: ClientAddressResolver,
  ) {
    this.protectReads = config.env.GATEWAY_PROTECT_READS;
    this.hub.on('delta', this.onDelta);
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pinger.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Open connections from one client IP. */
  countFrom(client: string): number {
    let count = 0;
    for (const session of this.sessions.values()) if (session.client === client) count += 1;
    return count;
  }

  open(socket: WebSocket, request: IncomingMessage): void {
    const session: Session = {
      socket,
      topics: new Map(),
      headerAuth: this.verifier.checkHeader(request.headers.authorization),
      alive: true,
      client: this.addresses.of(request),
      messages: fullBucket(Date.now()),
      authFailures: 0,
    };
    socket.on('pong', () => (session.alive = true));
    this.sessions.set(socket, session);
  }

  close(socket: WebSocket): void {
    this.sessions.delete(socket);
  }

  /**
   * Whether a message from this client may be handled: one token of its bucket. A client that
   * outruns the bucket is closed (1008) rather than answered, so a flood costs it a reconnect.
   */
  admitMessage(socket: WebSocket): boolean {
    const session = this.sessions.get(socket);
    if (!session) return false;
    const { bucket, allowed } = takeMessageToken(session.messages, Date.now());
    session.messages = bucket;
    if (!allowed) this.drop(session, 1008, 'too many messages');
    return allowed;
  }

  /**
   * The client's credentials for a control message or a protected read: header, else the message's
   * token. The refusal after MAX_AUTH_FAILURES closes the connection (1008).
   */
  authorize(socket: WebSocket, token: string | undefined): TokenCheck {
    const session = this.sessions.get(socket);
    // messages of a burst still run after their connection was dropped: none of them may get through
    if (!session) return { ok: false, status: 401, code: 'UNAUTHORIZED', reason: 'connection closed' };
    if (session.headerAuth.ok) return session.headerAuth;
    const check = this.verifier.checkToken(token);
    if (!check.ok && check.status === 401 && ++session.authFailures > MAX_AUTH_FAILURES) {
      this.drop(session, 1008, 'too many authentication failures');
    }
    return check;
  }

  /** Subscribes; replays missed deltas when `since` is still covered, else sends a snapshot per topic. */
  async subscribe(socket: WebSocket, request: { topics: Topic[]; since?: number; epoch?: string; token?: string }): Promise<void> {
    const session = this.sessions.get(socket);
    if (!session) return;
    if (this.protectReads) {
      const check = this.authorize(socket, request.token);
      if (!check.ok) {
        this.send(session, { type: 'error', status: check.status, code: check.code, message: check.reason });
        return;
      }
    }
    const topics = new Set(request.topics);
    const sameProcess = request.epoch === undefined || request.epoch === this.hub.epoch;
    const missed = request.since !== undefined && sameProcess ? this.hub.since(request.since, topics) : undefined;
    this.send(session, { type: 'subscribed', topics: [...topics], epoch: this.hub.epoch, seq: this.hub.lastSeq, resumed: missed !== undefined });
    if (missed) {
      for (const topic of topics) session.topics.set(topic, 'live');
      for (const delta of missed) this.send(session, { type: 'delta', ...delta });
      return;
    }
    await Promise.all([...topics].map((topic) => this.snapshot(session, topic)));
  }

  unsubscribe(socket: WebSocket, topics: Topic[]): void {
    const session = this.sessions.get(socket);
    for (const topic of topics) session?.topics.delete(topic);
  }

  private async snapshot(session: Session, topic: Topic): Promise<void> {
    session.topics.set(topic, 'pending');
    const seq = this.hub.lastSeq;
    try {
      this.send(session, { type: 'snapshot', topic, seq, data: await this.snapshots.build(topic) });
    } catch (error) {
      this.send(session, { type: 'error', topic, code: 'SNAPSHOT_FAILED', message: `no ${topic} snapshot: ${(error as Error).message}` });
    }
    if (session.topics.get(topic) !== 'pending') return;
    // deltas that arrived while the snapshot was read; nothing can slip in between these lines
    for (const delta of this.hub.since(seq, new Set([topic])) ?? []) this.send(session, { type: 'delta', ...delta });
    session.topics.set(topic, 'live');
  }

  private fanOut(delta: Delta): void {
    const message = JSON.stringify({ type: 'delta', ...delta });
    for (const session of this.sessions.values()) {
      if (session.topics.get(delta.topic) === 'live') this.sendRaw(session, message);
    }
  }

  private send(session: Session, message: object): void {
    this.sendRaw(session, JSON.stringify(message));
  }

  private sendRaw(session: Session, message: string): void {
    const { socket } = session;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.drop(session, 1013, 'too slow: reconnect and resume');
      return;
    }
    socket.send(message);
  }

  private drop(session: Session, code: 1008 | 1013, reason: string): void {
    this.logger.warn(`closing the WebSocket of ${session.client} (${code}): ${reason}`);
    session.socket.close(code, reason);
    this.sessions.delete(session.socket);
  }

  private ping(): void {
    for (const session of this.sessions.values()) {
      if (!session.alive) {
        session.socket.terminate();
        this.sessions.delete(session.socket);
        continue;
      }
      session.alive = false;
      session.socket.ping();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.pinger);
    this.hub.off('delta', this.onDelta);
  }
}
