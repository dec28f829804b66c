import { LifecycleService } from '@mirrorbook/observability';
import { runService } from '@mirrorbook/runtime';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './gateway.setup';
import { gatewayConfigProblems, gatewayHttpsOptions, gatewayTlsFileProblems } from './platform/gateway-config.rules';

void runService({
  app: 'gateway',
  defaultPort: 8080,
  // reads MD and EXEC, never creates them: the price feed and the executors do
  imports: () => [GatewayModule],
  configProblems: (config) => [...gatewayConfigProblems(config), ...gatewayTlsFileProblems(config)],
  httpsOptions: gatewayHttpsOptions,
  configure: (app) => configureGateway(app),
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
  },
});
