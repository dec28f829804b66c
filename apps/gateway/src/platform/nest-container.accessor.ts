import type { ModuleRef, NestContainer } from '@nestjs/core';

/**
 * Nest's container behind a ModuleRef. runService (libs/observability) creates the app and listens
 * with no hook in between, and tests build the module with startAppInProcess, so the gateway sets
 * from inside its module what main.ts would otherwise set on the app object (the WebSocket adapter,
 * the OpenAPI scan). Both need the container, which ModuleRef keeps in a protected field.
 */
export function nestContainerOf(moduleRef: ModuleRef): NestContainer {
  return (moduleRef as unknown as { container: NestContainer }).container;
}
