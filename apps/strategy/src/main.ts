import { LifecycleService } from '@mirrorbook/observability';
import { runService } from '@mirrorbook/runtime';
import { StrategyModule } from './strategy.module';

void runService({
  app: 'strategy',
  defaultPort: 8082,
  // intents are published into the INTENTS work-queue stream, so it must exist before the first one
  streams: ['INTENTS'],
  imports: () => [StrategyModule],
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
  },
});
