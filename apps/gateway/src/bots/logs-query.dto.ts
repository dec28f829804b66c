import { activityQuerySchema } from '../activity/activity-query.dto';
import { zodDto } from '../platform/zod.dto';

/** `GET /api/bots/:id/logs?limit=&before=`: same paging as the activity feed. */
export class LogsQuery extends zodDto(activityQuerySchema) {}
