import { LifecycleService } from '@mirrorbook/observability';
import { runService } from '@mirrorbook/runtime';
import { PriceFeedModule } from './price-feed.module';

void runService({
  app: 'price-feed',
  defaultPort: 8081,
  streams: ['MD'],
  imports: () => [PriceFeedModule],
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
  },
});
