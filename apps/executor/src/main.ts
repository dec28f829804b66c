import { runService } from '@mirrorbook/runtime';
import { ExecutorModule } from './executor.module';
import { ExecutorRunner } from './lease/executor.runner';
import { loadExecutorWalletOrExit } from './wallet/executor-wallet.exit';

void runService({
  app: 'executor',
  defaultPort: 8083,
  streams: ['EXEC', 'INTENTS', 'DLQ'],
  imports: (config) => [ExecutorModule.forRoot(loadExecutorWalletOrExit(config))],
  afterListen: (app) => {
    app.get(ExecutorRunner).start();
  },
});
