import { LifecycleService } from '@mirrorbook/observability';
import { runService } from '@mirrorbook/runtime';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './gateway.setup';
import { gatewayConfigProblems, gatewayHttpsOptions, gatewayTlsFileProblems } from './platform/gateway-config.rules';

void runService({
  app: 'gateway',
  defaultPort: 8080,
  streams: ['MD', 'EXEC'],
  imports: () => [GatewayModule],
  configProblems: (config) => [...gatewayConfigProblems(config), ...gatewayTlsFileProblems(config)],
  httpsOptions: gatewayHttpsOptions,
  configure: (app) => configureGateway(app),
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
  },
});
