/** The last message published for one (kind, net, role, market). */
export interface LastPublished {
  readonly fingerprint: string;
  /** ms since epoch */
  readonly at: number;
}

/**
 * Publish when the content changed, or when the same content was last published at least
 * `republishIntervalMs` ago (a keep-alive for late subscribers and staleness checks); pure.
 */
export function shouldPublish(last: LastPublished | undefined, fingerprint: string, now: number, republishIntervalMs: number): boolean {
  return last === undefined || last.fingerprint !== fingerprint || now - last.at >= republishIntervalMs;
}

/** The content of a draft payload, without what changes on every read (time and height). */
export function contentFingerprint<T extends { ts: number; height?: number }>(draft: T): string {
  const { ts: _ts, height: _height, ...content } = draft;
  return JSON.stringify(content);
}
