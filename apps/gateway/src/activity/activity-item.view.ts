import { z } from 'zod';
import { epochMs, executionReportSchema, orderEventSchema } from '@mirrorbook/contracts';

const common = {
  /** the EXEC stream sequence: unique, and the `before` cursor for paging */
  id: z.number().int().positive(),
  subject: z.string(),
  /** info, or warn/error for rejections and failures */
  level: z.enum(['info', 'warn', 'error']),
  ts: epochMs,
};

/** One entry of the audit trail: an execution report or an order event. */
export const activityItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('execution'), ...common, data: executionReportSchema }),
  z.object({ kind: z.literal('order'), ...common, data: orderEventSchema }),
]);

/** A page of activity, newest first. */
export const activityPageSchema = z.object({
  items: z.array(activityItemSchema),
  /** pass as `before` for the next (older) page; null when there is nothing older */
  nextBefore: z.number().int().positive().nullable(),
});

export type ActivityItem = z.infer<typeof activityItemSchema>;
export type ActivityPage = z.infer<typeof activityPageSchema>;
