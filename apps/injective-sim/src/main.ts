import { Logger } from '@nestjs/common';
import { LifecycleService } from '@mirrorbook/observability';
import { EXIT_CONFIG, runService } from '@mirrorbook/runtime';
import { SimConfigError } from './config/sim-config.error';
import { loadSimConfig } from './config/sim-config.loader';
import { SimModule } from './sim.module';
import type { SimConfig } from './sim.config';

function loadSimConfigOrExit(): SimConfig {
  try {
    return loadSimConfig();
  } catch (e) {
    if (!(e instanceof SimConfigError)) throw e;
    for (const problem of e.problems) process.stderr.write(`injective-sim: invalid configuration: ${problem}\n`);
    process.exit(EXIT_CONFIG);
  }
}

const simConfig = loadSimConfigOrExit();

void runService({
  app: 'injective-sim',
  defaultPort: simConfig.port,
  usesRedis: false,
  bodyLimit: '5mb',
  imports: () => [SimModule.forRoot(simConfig)],
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
    const blocks = simConfig.blockMs > 0 ? `every ${simConfig.blockMs} ms` : 'on demand: POST /sim/admin/blocks';
    new Logger('injective-sim').log(`chain ${simConfig.chainId}, blocks ${blocks}, ${simConfig.genesis.accounts.length} genesis accounts`);
  },
});
