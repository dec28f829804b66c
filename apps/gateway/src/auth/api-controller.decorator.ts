import { applyDecorators, Controller, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

/** Metadata key marking `@ApiController` classes. */
export const DATA_API = 'mirrorbook:data-api';

/**
 * A controller under `/api/<path>`, tagged in the OpenAPI document; its reads need the token when
 * GATEWAY_PROTECT_READS=true (health, metrics, the page and the docs stay public).
 */
export const ApiController = (path: string, tag: string) =>
  applyDecorators(Controller(`api/${path}`), ApiTags(tag), ApiBearerAuth(), SetMetadata(DATA_API, true));
