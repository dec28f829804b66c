import { Command } from 'commander';
import { LifecycleService, runService } from '@mirrorbook/observability';
import { MonitorModule } from './monitor.module';

const program = new Command('mirrorbook').description('mirrorbook operator tools').showHelpAfterError();

program
  .command('monitor')
  .description('run as a long-lived watcher: heartbeats, /health and /metrics like any service')
  .action(async () => {
    await runService({
      app: 'cli',
      defaultPort: 8089,
      imports: () => [MonitorModule],
      afterListen: (app) => {
        app.get(LifecycleService).transition('running');
      },
    });
  });

void program.parseAsync(process.argv);
