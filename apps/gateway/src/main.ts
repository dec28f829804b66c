import { LifecycleService } from '@mirrorbook/observability';
import { runService } from '@mirrorbook/runtime';
import { GatewayModule } from './gateway.module';
import { configureGateway } from './gateway.setup';

void runService({
  app: 'gateway',
  defaultPort: 8080,
  streams: ['MD', 'EXEC'],
  imports: () => [GatewayModule],
  configure: (app) => configureGateway(app),
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
  },
});
