import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { createLogger } from './logger.factory';
import { clearLogSecrets, registerLogSecret } from './redaction';

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
const KEY_BYTES = Buffer.from(KEY, 'hex');
const TX_HASH = '9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08';
const MARKET_ID = '0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe';

/** Every printed form of KEY's bytes a leak could take. */
const LEAK_FORMS = [KEY, KEY.toUpperCase(), KEY_BYTES.toString('base64').replace(/=+$/, ''), [...KEY_BYTES].join(','), [...KEY_BYTES].join(', ')];

describe('log redaction', () => {
  afterEach(() => clearLogSecrets());

  it("never prints a request's credentials (a line logged while a request is handled carries the request)", () => {
    const { logger, output } = captureLogger();
    const token = 'w1MA1Vk8pMHAYTIYQwH-87iTD066IdTe';
    logger.info({ req: { method: 'POST', url: '/api/bots/bootstrap', headers: { host: 'h', authorization: `Bearer ${token}`, cookie: `t=${token}` } } }, 'bootstrapped');
    expect(output()).not.toContain(token);
    expect(JSON.parse(output()).req.headers).toEqual({ host: 'h', authorization: '[redacted]', cookie: '[redacted]' });
  });

  describe('when the registered key passes through the logger in any form', () => {
    it('appears nowhere in the output', () => {
      registerLogSecret(KEY_BYTES);
      const { logger, output } = captureLogger();
      logger.info(`loaded key ${KEY}`);
      logger.info(`with prefix 0x${KEY.toUpperCase()}.`);
      logger.info(`base64 ${KEY_BYTES.toString('base64')}`);
      logger.info({ key: KEY_BYTES }, 'a Buffer');
      logger.info({ nested: { deeper: [{ raw: new Uint8Array(KEY_BYTES) }] } }, 'a Uint8Array');
      logger.info({ json: JSON.stringify(KEY_BYTES) }, 'a Buffer as JSON');
      logger.info(`inspected ${inspect(KEY_BYTES)} and ${inspect(new Uint8Array(KEY_BYTES))}`);
      logger.error(Object.assign(new Error('signing failed'), { material: KEY_BYTES, hex: KEY }), 'failure');
      logger.error({ err: new Error('wrapped', { cause: Object.assign(new Error('inner'), { k: new Uint8Array(KEY_BYTES) }) }) }, 'cause');
      const text = output();
      for (const form of LEAK_FORMS) expect(text).not.toContain(form);
      expect(text.toLowerCase()).not.toContain(KEY);
      expect(text).not.toContain([...KEY_BYTES].map((b) => b.toString(16).padStart(2, '0')).join(' '));
      expect(text).toContain('signing failed');
    });
  });

  describe('when a line holds a tx hash, an order hash or a market id (64 hex digits)', () => {
    it('keeps them, so logs can be matched to the chain', () => {
      registerLogSecret(KEY_BYTES);
      const { logger, output } = captureLogger();
      logger.info({ txHash: TX_HASH, marketId: MARKET_ID }, `order 0x${TX_HASH.toLowerCase()} placed`);
      const text = output();
      expect(text).toContain(TX_HASH);
      expect(text).toContain(MARKET_ID);
      expect(text).toContain(`0x${TX_HASH.toLowerCase()}`);
    });
  });

  describe('when a line holds URL credentials or secret-named fields', () => {
    it('hides the user info and the values', () => {
      const { logger, output } = captureLogger();
      logger.info(`connecting to nats://mirrorbook:hunter2@nats:4222 and redis://:s3cret@redis:6379/0`);
      logger.info({ privateKey: 'not-hex-but-secret', walletSecret: 'x', token: 'abc' }, 'fields');
      const text = output();
      expect(text).toContain('nats://[redacted]@nats:4222');
      expect(text).toContain('redis://[redacted]@redis:6379/0');
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('s3cret');
      expect(text).not.toContain('not-hex-but-secret');
    });
  });

  it('writes one JSON object per line with app and instance', () => {
    const { logger, output } = captureLogger();
    logger.warn('hello');
    const line = JSON.parse(output().trim());
    expect(line).toMatchObject({ level: 'warn', app: 'test', instance: 'i1', msg: 'hello' });
  });
});
