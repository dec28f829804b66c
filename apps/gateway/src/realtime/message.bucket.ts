/** A token bucket: `tokens` left at `at` (ms). */
export interface MessageBucket {
  tokens: number;
  at: number;
}

/** Messages a WebSocket client may send in a burst, and how many per second after it. */
export const MESSAGE_BURST = 40;
export const MESSAGES_PER_SECOND = 20;

export function fullBucket(now: number): MessageBucket {
  return { tokens: MESSAGE_BURST, at: now };
}

/** Refills the bucket for the time since it was last used and takes one token, if there is one. */
export function takeMessageToken(bucket: MessageBucket, now: number): { bucket: MessageBucket; allowed: boolean } {
  const refilled = Math.min(MESSAGE_BURST, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * MESSAGES_PER_SECOND);
  if (refilled < 1) return { bucket: { tokens: refilled, at: now }, allowed: false };
  return { bucket: { tokens: refilled - 1, at: now }, allowed: true };
}
