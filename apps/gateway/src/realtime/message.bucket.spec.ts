import { fullBucket, MESSAGE_BURST, MESSAGES_PER_SECOND, takeMessageToken, type MessageBucket } from './message.bucket';

const takeAll = (bucket: MessageBucket, now: number, count: number) => {
  let allowed = 0;
  for (let i = 0; i < count; i++) {
    const next = takeMessageToken(bucket, now);
    bucket = next.bucket;
    if (next.allowed) allowed += 1;
  }
  return { bucket, allowed };
};

describe('the WebSocket message bucket', () => {
  it('allows a burst, then refuses until time refills it', () => {
    const { bucket, allowed } = takeAll(fullBucket(0), 0, MESSAGE_BURST + 5);
    expect(allowed).toBe(MESSAGE_BURST);
    expect(takeMessageToken(bucket, 0).allowed).toBe(false);
    expect(takeAll(bucket, 1000, MESSAGES_PER_SECOND + 5).allowed).toBe(MESSAGES_PER_SECOND);
  });

  it('never holds more than a burst, however long it was idle', () => {
    expect(takeAll(fullBucket(0), 3_600_000, MESSAGE_BURST * 2).allowed).toBe(MESSAGE_BURST);
  });

  it('does not refill when the clock steps back', () => {
    const { bucket } = takeAll(fullBucket(10_000), 10_000, MESSAGE_BURST);
    expect(takeMessageToken(bucket, 5_000).allowed).toBe(false);
  });
});
