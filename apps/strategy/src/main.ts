import { LifecycleService, runService } from '@mirrorbook/observability';
import { StrategyModule } from './strategy.module';

void runService({
  app: 'strategy',
  defaultPort: 8082,
  streams: [],
  imports: () => [StrategyModule],
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
  },
});
