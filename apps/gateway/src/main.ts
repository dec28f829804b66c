import { LifecycleService, runService } from '@mirrorbook/observability';
import { GatewayModule } from './gateway.module';

void runService({
  app: 'gateway',
  defaultPort: 8080,
  streams: ['MD', 'EXEC'],
  imports: () => [GatewayModule],
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
  },
});
