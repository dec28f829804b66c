/** gRPC status codes the LCD (grpc-gateway) puts into error bodies. */
export const GRPC_CODE = {
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/**
 * An LCD error reply: HTTP `status` with the grpc-gateway body `{"code","message","details":[]}`
 * (e.g. 404 `{"code":5,"message":"tx not found: …"}`).
 */
export class LcdError extends Error {
  constructor(
    readonly status: number,
    /** gRPC status code of the body */
    readonly grpcCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'LcdError';
  }

  /** 400, InvalidArgument */
  static invalidArgument(message: string): LcdError {
    return new LcdError(400, GRPC_CODE.INVALID_ARGUMENT, message);
  }

  /** 404, NotFound */
  static notFound(message: string): LcdError {
    return new LcdError(404, GRPC_CODE.NOT_FOUND, message);
  }

  /** The JSON body. */
  body(): { code: number; message: string; details: never[] } {
    return { code: this.grpcCode, message: this.message, details: [] };
  }
}
