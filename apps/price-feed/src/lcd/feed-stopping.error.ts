/** A read was refused or dropped because the feed is shutting down; never a source problem. */
export class FeedStoppingError extends Error {
  override readonly name = 'FeedStoppingError';
  readonly code = 'FEED_STOPPING';

  constructor() {
    super('the price feed is stopping');
  }
}
