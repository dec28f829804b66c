import { z } from 'zod';
import { zodDto } from '../platform/zod.dto';

/** `?from=&to=&points=`: ms since epoch (default: the last hour) and the most points per series. */
export const historyQuerySchema = z
  .object({
    from: z.coerce.number().int().nonnegative().optional(),
    to: z.coerce.number().int().nonnegative().optional(),
    points: z.coerce.number().int().min(10).max(2000).default(500),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: 'from must be before to', path: ['from'] });

/** Validated `?from=&to=&points=`. */
export class HistoryQuery extends zodDto(historyQuerySchema) {}
