import { z } from 'zod';
import { zodDto } from '../platform/zod.dto';

/** `?limit=&before=`: page size (1–200, default 50) and the stream-sequence cursor. */
export const activityQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** stream sequence: only older entries; use `nextBefore` of the previous page */
    before: z.coerce.number().int().positive().optional(),
  })
  .strict();

/** Validated `?limit=&before=`. */
export class ActivityQuery extends zodDto(activityQuerySchema) {}
