import type { ZodIssue } from 'zod';

/** This process tried to publish a payload its own contract rejects: a bug, never sent. */
export class OutboundPayloadError extends Error {
  readonly code = 'OUTBOUND_PAYLOAD_INVALID';
  constructor(
    readonly subject: string,
    readonly issues: ZodIssue[],
  ) {
    super(`refusing to publish an invalid payload on ${subject}: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    this.name = 'OutboundPayloadError';
  }
}

/** The NATS connection is not (yet) established. */
export class NotConnectedError extends Error {
  readonly code = 'NATS_NOT_CONNECTED';
  constructor() {
    super('not connected to NATS');
    this.name = 'NotConnectedError';
  }
}
