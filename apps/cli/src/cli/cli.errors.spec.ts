import { ConfigError } from '@mirrorbook/config';
import { ChainUnavailableError, MainnetTradingRefusedError } from '@mirrorbook/injective';
import { CliError, describeError, exitCodeOf } from './cli.errors';

describe('exitCodeOf', () => {
  it.each([
    ['a usage error', CliError.usage('x'), 2],
    ['a refusal', CliError.refused('x'), 3],
    ['an unreachable LCD', new ChainUnavailableError('GET http://lcd/x', 'network', null), 4],
    ['a mainnet signature', new MainnetTradingRefusedError('injective-1'), 3],
    ['a configuration error', new ConfigError(['a', 'b']), 78],
    ['anything unexpected', new TypeError('oops'), 1],
  ])('maps %s to %d', (_what, error, code) => {
    expect(exitCodeOf(error)).toBe(code);
  });
});

describe('describeError', () => {
  it('prints one line without a stack', () => {
    const error = new Error('first line\nsecond line');
    expect(describeError(error)).toEqual(['mirrorbook: first line']);
  });

  it('names every configuration problem on its own line', () => {
    expect(describeError(new ConfigError(['config/bots.json: bots[0].wallet: unknown wallet "w9"', 'env: NATS_URL: Invalid url']))).toEqual([
      'mirrorbook: invalid configuration: config/bots.json: bots[0].wallet: unknown wallet "w9"',
      'mirrorbook: invalid configuration: env: NATS_URL: Invalid url',
    ]);
  });

  it('adds the stack and its cause with --verbose', () => {
    const error = CliError.network('Redis unreachable', new Error('ECONNREFUSED'));
    const lines = describeError(error, true);
    expect(lines[0]).toBe('mirrorbook: Redis unreachable');
    expect(lines.join('\n')).toContain('caused by: Error: ECONNREFUSED');
  });
});
