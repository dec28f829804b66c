import { z } from 'zod';

/** The error body the Cosmos gRPC gateway sends: `{"code": 5, "message": "…", "details": []}`. */
export interface GrpcStatus {
  /** gRPC status code, null when the body has none */
  readonly code: number | null;
  readonly message: string;
}

const statusSchema = z.object({ code: z.number().int().optional(), message: z.string().optional() }).passthrough();

// InvalidArgument, NotFound, AlreadyExists, PermissionDenied, FailedPrecondition, OutOfRange,
// Unimplemented, Unauthenticated, and Unknown — which is how Cosmos queries report their own
// errors ("market not found"); asking again gets the same answer.
const DETERMINISTIC_CODES = new Set([2, 3, 5, 6, 7, 9, 11, 12, 16]);

/** The gRPC status in an error body; `{ code: null, message: '' }` for anything else. */
export function grpcStatusOf(body: string): GrpcStatus {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // a proxy's HTML error page, say: no status to report
    return { code: null, message: '' };
  }
  const parsed = statusSchema.safeParse(json);
  if (!parsed.success) return { code: null, message: '' };
  return { code: parsed.data.code ?? null, message: parsed.data.message ?? '' };
}

/** True when a 5xx body carries a gRPC status that retrying will not change. */
export function isDeterministicStatus(status: GrpcStatus): boolean {
  return status.code !== null && DETERMINISTIC_CODES.has(status.code);
}
