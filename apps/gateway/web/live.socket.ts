/// <reference lib="dom" />
import type { Banner } from './banner.view';
import { tokenStore } from './token.store';

/** Receives what the gateway pushes on `/ws`. */
export interface LiveHandler {
  snapshot(topic: string, data: unknown): void;
  delta(topic: string, event: string, data: unknown): void;
}

interface ServerMessage {
  type: string;
  topic?: string;
  event?: string;
  seq?: number;
  epoch?: string;
  resumed?: boolean;
  data?: unknown;
  code?: string;
  message?: string;
}

/**
 * The WebSocket link: subscribes, reconnects with backoff and resumes from the last `seq` seen
 * (the gateway replays what was missed, or sends fresh snapshots when it cannot).
 */
export class LiveSocket {
  private socket: WebSocket | undefined;
  private lastSeq: number | undefined;
  private epoch: string | undefined;
  private retryMs = 1000;

  constructor(
    private readonly topics: string[],
    private readonly handler: LiveHandler,
    private readonly banner: Banner,
    private readonly status: HTMLElement,
  ) {}

  connect(): void {
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 1000;
      this.setStatus('live');
      this.banner.clear('offline');
      this.subscribe();
    };
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as ServerMessage);
    socket.onclose = () => {
      this.setStatus('reconnecting');
      this.banner.show('offline', 'Live updates disconnected. Reconnecting…');
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }

  /** Subscribes again (e.g. after a new token when reads are protected). */
  subscribe(): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    const token = tokenStore.get() ?? undefined;
    this.socket.send(JSON.stringify({ op: 'subscribe', topics: this.topics, since: this.lastSeq, epoch: this.epoch, token }));
  }

  private receive(message: ServerMessage): void {
    if (message.seq !== undefined && (message.type === 'delta' || message.type === 'snapshot')) this.lastSeq = Math.max(this.lastSeq ?? 0, message.seq);
    switch (message.type) {
      case 'subscribed':
        if (message.epoch !== this.epoch) this.lastSeq = undefined;
        this.epoch = message.epoch;
        break;
      case 'snapshot':
        this.handler.snapshot(message.topic!, message.data);
        break;
      case 'delta':
        this.handler.delta(message.topic!, message.event!, message.data);
        break;
      case 'error':
        if (message.code === 'UNAUTHORIZED') this.banner.show('auth', `Live updates refused: ${message.message}. Enter the token at the top.`);
        else this.banner.show('error', `Live updates: ${message.message}`);
        break;
    }
  }

  private setStatus(state: 'live' | 'reconnecting'): void {
    this.status.textContent = state === 'live' ? '● live' : '○ reconnecting';
    this.status.dataset.state = state;
  }
}
