import { applyDecorators, Controller, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

/** Metadata key marking controllers whose reads need the token when GATEWAY_PROTECT_READS=true. */
export const PROTECTED_READS = 'mirrorbook:protected-reads';

/** Marks a controller whose reads need the token when GATEWAY_PROTECT_READS=true. */
export const ProtectedReads = () => SetMetadata(PROTECTED_READS, true);

/**
 * A controller under `/api/<path>`, tagged in the OpenAPI document; its reads need the token when
 * GATEWAY_PROTECT_READS=true (health and the page stay public).
 */
export const ApiController = (path: string, tag: string) => applyDecorators(Controller(`api/${path}`), ApiTags(tag), ApiBearerAuth(), ProtectedReads());
