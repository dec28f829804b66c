import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { ServiceRegistry } from '../live/service.registry';
import { openApiSchema } from '../platform/openapi.schema';
import { Requires } from '../platform/requires.decorator';
import { servicesResponseSchema, type ServicesResponse } from './service.view';

/** `/api/services`: service instances from heartbeats. */
@ApiController('services', 'services')
export class ServicesController {
  constructor(private readonly registry: ServiceRegistry) {}

  @Get()
  @Requires('nats')
  @ApiOperation({ summary: 'Every service instance heard on svc.heartbeat.>, with state and age (stale after 3 intervals)' })
  @ApiOkResponse({ schema: openApiSchema(servicesResponseSchema) })
  list(): ServicesResponse {
    return { intervalMs: this.registry.intervalMs, staleAfterMs: this.registry.staleAfterMs, services: this.registry.list() };
  }
}
