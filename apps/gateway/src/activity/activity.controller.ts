import { Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { openApiSchema } from '../platform/openapi.schema';
import { Requires } from '../platform/requires.decorator';
import { ActivityQuery } from './activity-query.dto';
import { activityPageSchema, type ActivityPage } from './activity-item.view';
import { ACTIVITY_FILTERS } from './activity.subjects';
import { ExecStreamReader } from './exec-stream.reader';

/** `/api/activity`: the EXEC audit trail, newest first. */
@ApiController('activity', 'activity')
export class ActivityController {
  constructor(private readonly reader: ExecStreamReader) {}

  @Get()
  @Requires('nats')
  @ApiOperation({ summary: 'Execution reports and order events from the EXEC stream, newest first' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiQuery({ name: 'before', required: false, description: 'stream sequence cursor: `nextBefore` of the previous page', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ schema: openApiSchema(activityPageSchema) })
  @ApiBadRequestResponse({ description: 'invalid limit or before' })
  @ApiServiceUnavailableResponse({ description: 'NATS unavailable' })
  list(@Query() query: ActivityQuery): Promise<ActivityPage> {
    return this.reader.page({ filters: ACTIVITY_FILTERS, limit: query.limit, before: query.before });
  }
}
