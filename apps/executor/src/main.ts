import { runService } from '@mirrorbook/runtime';
import { ExecutorModule } from './executor.module';
import { ExecutorTenures } from './lease/executor.tenures';
import { loadExecutorWalletsOrExit } from './wallet/executor-wallet.exit';

void runService({
  app: 'executor',
  defaultPort: 8083,
  streams: ['EXEC', 'INTENTS', 'DLQ'],
  imports: (config) => [ExecutorModule.forRoot(loadExecutorWalletsOrExit(config))],
  afterListen: (app) => {
    app.get(ExecutorTenures).start();
  },
});
