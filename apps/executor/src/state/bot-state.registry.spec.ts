import { resolveStrategyParams, type BotState } from '@mirrorbook/contracts';
import type { AppConfig } from '@mirrorbook/config';
import type { MessagingService } from '@mirrorbook/messaging';
import type { BotStateListener } from './bot-state.listener';
import { BotStateRegistry } from './bot-state.registry';
import type { WalletStateStore } from './wallet-state.store';

const config = {
  markets: [{ key: 'inj-usdt', type: 'spot', mainnetMarketId: '0x1', testnetMarketId: '0x2', referencePrice: 'mid', strategy: { baseSize: '2' }, enabled: true }],
  bots: [{ id: 'b1', wallet: 'w1', markets: ['inj-usdt'], params: {}, enabled: true }],
  strategyDefaults: resolveStrategyParams(),
} as unknown as AppConfig;

const record = (desired: BotState['desired'], params: Record<string, unknown>): BotState => ({ v: 1, bot: 'b1', desired, params, by: 'gateway', updatedAt: 1 });

describe('BotStateRegistry', () => {
  it('takes state and parameters from the bot:<id> record only: a bot.state message is a cue to read it again', async () => {
    let stored = JSON.stringify(record('stopped', { leverage: '3' }));
    let onMessage: ((state: BotState) => void) | undefined;
    const store = { botStateRecord: async () => stored } as unknown as WalletStateStore;
    const messaging = {
      ready: async () => undefined,
      subscribe: (_subject: unknown, handler: (state: BotState) => void) => (onMessage = handler),
    } as unknown as MessagingService;
    const stopped: string[] = [];
    const listener: BotStateListener = { botStopped: (bot) => stopped.push(bot.id) };
    const registry = new BotStateRegistry(config, store, messaging, 'w1');
    await registry.load(listener);
    expect(registry.running('b1')).toBe(false);
    expect(registry.paramsOf('b1', 'inj-usdt').leverage.toFixed()).toBe('3');

    // a forged message: running with a huge baseSize and leverage; the record still says stopped
    onMessage!(record('running', { baseSize: '1000000', leverage: '20' }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(registry.running('b1')).toBe(false);
    expect(registry.paramsOf('b1', 'inj-usdt').leverage.toFixed()).toBe('3');

    // the gateway's real change: record first, then the message
    stored = JSON.stringify(record('running', { baseSize: '1000000', leverage: '4' }));
    onMessage!(record('running', {}));
    await new Promise((resolve) => setImmediate(resolve));
    expect(registry.running('b1')).toBe(true);
    const params = registry.paramsOf('b1', 'inj-usdt');
    expect([params.leverage.toFixed(), params.configuredBaseSize.toFixed()]).toEqual(['4', '2']);

    stored = JSON.stringify(record('stopped', { leverage: '4' }));
    onMessage!(record('stopped', {}));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toEqual(['b1']);
  });
});
