import type { FactoryProvider } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { nestContainerOf } from '../platform/nest-container.accessor';
import { HttpServerWsAdapter } from './http-server-ws.adapter';

/** Token of the provider below; nothing injects it. */
export const WS_ADAPTER_INSTALLER = Symbol('WS_ADAPTER_INSTALLER');

/**
 * Selects the `ws` adapter while the module's providers are created — before Nest binds
 * gateways in `init()` — since neither runService nor startAppInProcess lets the gateway call
 * `app.useWebSocketAdapter()` in between. An adapter chosen on the app object wins.
 */
export const wsAdapterInstaller: FactoryProvider = {
  provide: WS_ADAPTER_INSTALLER,
  inject: [ModuleRef, HttpAdapterHost],
  useFactory: (moduleRef: ModuleRef, host: HttpAdapterHost) => {
    const config = nestContainerOf(moduleRef).applicationConfig;
    if (config && !config.getIoAdapter()) config.setIoAdapter(new HttpServerWsAdapter(host));
    return true;
  },
};
