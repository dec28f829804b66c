import { LifecycleService, runService } from '@mirrorbook/observability';
import { ExecutorModule } from './executor.module';

void runService({
  app: 'executor',
  defaultPort: 8083,
  streams: ['EXEC', 'INTENTS'],
  imports: () => [ExecutorModule],
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
  },
});
