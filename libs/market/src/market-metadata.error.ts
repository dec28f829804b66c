import type { ZodError } from 'zod';

export type MarketMetadataErrorCode =
  /** a field is missing, of the wrong type, or out of range */
  | 'INVALID_FIELD'
  /** a network section carries another network's chain id */
  | 'NETWORK_MISMATCH'
  /** the same market id appears twice in one network */
  | 'DUPLICATE_MARKET';

export type MetadataPath = readonly (string | number)[];

/** Market metadata (catalog entry or LCD reply) that cannot be turned into a `Market`. */
export class MarketMetadataError extends Error {
  override readonly name = 'MarketMetadataError';
  /** where in the input, e.g. `testnet.spot[1].min_price_tick_size`; empty for the root */
  readonly path: string;

  constructor(
    /** stable, branch on this rather than on the message */
    readonly code: MarketMetadataErrorCode,
    path: MetadataPath,
    /** why the value was refused */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    const where = formatPath(path);
    super(`${where || '(root)'}: ${reason}`, options);
    this.path = where;
  }

  /** The first issue of a failed parse, with `prefix` put before the issue's own path. */
  static fromZodError(error: ZodError, prefix: MetadataPath = []): MarketMetadataError {
    const issue = error.issues[0];
    const path = [...prefix, ...(issue?.path ?? [])];
    return new MarketMetadataError('INVALID_FIELD', path, issue?.message ?? 'invalid', { cause: error });
  }
}

function formatPath(path: MetadataPath): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment),
    '',
  );
}
