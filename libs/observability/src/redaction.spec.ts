import { Writable } from 'node:stream';
import { createLogger } from './logger.factory';

function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger('test', 'i1', 'trace', destination), output: () => lines.join('') };
}

const KEY = 'c87509a1c067bbde78beb793e6fa76530b6382a4c0241e5e4a9ec0a0f44dc0d3';

describe('log redaction', () => {
  describe('when a 64-hex private key passes through the logger', () => {
    it('appears nowhere in the output, whatever the shape', () => {
      const { logger, output } = captureLogger();
      logger.info(`loaded key ${KEY}`);
      logger.info(`with prefix 0x${KEY.toUpperCase()}.`);
      logger.info({ nested: { deeper: [{ note: `k=${KEY}` }] } }, 'object');
      logger.error(new Error(`bad key ${KEY}`), 'failure');
      logger.info({ privateKey: 'not-hex-but-secret', walletSecret: 'x', token: 'abc' }, 'fields');
      const text = output();
      expect(text).not.toContain(KEY);
      expect(text.toLowerCase()).not.toContain(KEY);
      expect(text).not.toContain('not-hex-but-secret');
      expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(7);
    });
  });

  describe('when a line holds shorter hex values', () => {
    it('keeps them (addresses and short ids stay readable)', () => {
      const { logger, output } = captureLogger();
      logger.info('eth 0x1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b');
      expect(output()).toContain('0x1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b');
    });
  });

  it('writes one JSON object per line with app and instance', () => {
    const { logger, output } = captureLogger();
    logger.warn('hello');
    const line = JSON.parse(output().trim());
    expect(line).toMatchObject({ level: 'warn', app: 'test', instance: 'i1', msg: 'hello' });
  });
});
