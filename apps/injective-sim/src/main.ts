import { Logger } from '@nestjs/common';
import { LifecycleService } from '@mirrorbook/observability';
import { EXIT_CONFIG, runService } from '@mirrorbook/runtime';
import { SimConfigError } from './config/sim-config.error';
import { loadSimConfig } from './config/sim-config.loader';
import { CandleParseError } from './price/candle-parse.error';
import { loadReplayCandles, type ReplayCandles } from './sim-exchange.factory';
import { SimModule } from './sim.module';
import type { SimConfig } from './sim.config';

/** Exit code for a replay candle file the sim cannot use (as `npm run fidelity` exits on bad input). */
const EXIT_BAD_CANDLE_FILE = 2;

function loadSimConfigOrExit(): SimConfig {
  try {
    return loadSimConfig();
  } catch (e) {
    if (!(e instanceof SimConfigError)) throw e;
    for (const problem of e.problems) process.stderr.write(`injective-sim: invalid configuration: ${problem}\n`);
    process.exit(EXIT_CONFIG);
  }
}

/** Reads the replay candle files before anything starts; a bad one ends the process with its one-line reason. */
function loadReplayCandlesOrExit(config: SimConfig): ReplayCandles {
  try {
    return loadReplayCandles(config);
  } catch (e) {
    if (!(e instanceof CandleParseError)) throw e;
    process.stderr.write(`injective-sim: ${e.message}\n`);
    process.exit(EXIT_BAD_CANDLE_FILE);
  }
}

const simConfig = loadSimConfigOrExit();
const candles = loadReplayCandlesOrExit(simConfig);

void runService({
  app: 'injective-sim',
  defaultPort: simConfig.port,
  usesRedis: false,
  bodyLimit: '5mb',
  imports: () => [SimModule.forRoot(simConfig, { candles })],
  afterListen: (app) => {
    app.get(LifecycleService).transition('running');
    const blocks = simConfig.blockMs > 0 ? `every ${simConfig.blockMs} ms` : 'on demand: POST /sim/admin/blocks';
    new Logger('injective-sim').log(`chain ${simConfig.chainId}, blocks ${blocks}, ${simConfig.genesis.accounts.length} genesis accounts`);
  },
});
