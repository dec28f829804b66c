import { Inject, Injectable } from '@nestjs/common';
import type { Heartbeat, ServiceState } from '@mirrorbook/contracts';
import { APP_CONFIG, type AppConfig } from '@mirrorbook/config';
import type { ExecutorSummary, ServiceView } from '../services/service.view';

interface Entry {
  beat: Heartbeat;
  receivedAt: number;
}

/** Instances silent this long are forgotten (they were stale for most of it). */
const FORGET_AFTER_MS = 60 * 60_000;

/** An executor that is active beats one in standby, which beats one that is going away. */
const PREFERENCE: ServiceState[] = ['running', 'paused', 'standby', 'starting', 'stopping', 'stopped'];

/** Every service instance heard on `svc.heartbeat.>`, with its age; stale after 3 intervals. */
@Injectable()
export class ServiceRegistry {
  private readonly entries = new Map<string, Entry>();
  readonly intervalMs: number;
  readonly staleAfterMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.intervalMs = config.env.HEARTBEAT_INTERVAL_MS;
    this.staleAfterMs = 3 * this.intervalMs;
  }

  /** Records a heartbeat; `changed` when the instance is new or its state or unavailable markets differ from the last one. */
  record(beat: Heartbeat, now = Date.now()): { view: ServiceView; changed: boolean } {
    const key = `${beat.app}.${beat.instance}`;
    const previous = this.entries.get(key)?.beat;
    const entry = { beat, receivedAt: now };
    this.entries.set(key, entry);
    const changed = previous?.state !== beat.state || !sameReasons(previous.unavailableMarkets, beat.unavailableMarkets);
    return { view: this.view(entry, now), changed };
  }

  /** All known instances, by app then instance. */
  list(now = Date.now()): ServiceView[] {
    for (const [key, entry] of this.entries) if (now - entry.receivedAt > FORGET_AFTER_MS) this.entries.delete(key);
    return [...this.entries.values()]
      .map((entry) => this.view(entry, now))
      .sort((a, b) => a.app.localeCompare(b.app) || a.instance.localeCompare(b.instance));
  }

  /** The executors that announced this wallet, the one in charge first. */
  executorsOf(walletId: string, now = Date.now()): ServiceView[] {
    return this.list(now)
      .filter((s) => s.app === 'executor' && s.wallet?.id === walletId)
      .sort((a, b) => Number(a.stale) - Number(b.stale) || PREFERENCE.indexOf(a.state) - PREFERENCE.indexOf(b.state) || a.ageMs - b.ageMs);
  }

  /** The executor in charge of the wallet, if any was heard. */
  executorOf(walletId: string, now = Date.now()): ExecutorSummary | null {
    const best = this.executorsOf(walletId, now)[0];
    return best ? { instance: best.instance, state: best.state, stale: best.stale, ageMs: best.ageMs, uptimeS: best.uptimeS } : null;
  }

  private view({ beat, receivedAt }: Entry, now: number): ServiceView {
    const ageMs = Math.max(0, now - receivedAt);
    return {
      app: beat.app,
      instance: beat.instance,
      version: beat.version,
      state: beat.state,
      ageMs,
      stale: ageMs > this.staleAfterMs,
      uptimeS: beat.uptimeS,
      rssBytes: beat.rssBytes,
      wallet: beat.wallet,
      unavailableMarkets: beat.unavailableMarkets,
      details: beat.details,
      lastSeen: receivedAt,
    };
  }
}

/** Whether two market key → reason maps list the same markets for the same reasons. */
function sameReasons(a: Record<string, string> = {}, b: Record<string, string> = {}): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
