import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisTlsOptions } from './redis-connection.options';

describe('redisTlsOptions', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mb-redis-ca-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds nothing without a CA file (rediss:// alone uses the system CAs)', () => {
    expect(redisTlsOptions('rediss://gateway:pw@redis-1.internal:6379')).toEqual({});
    expect(redisTlsOptions('redis://gateway:pw@redis:6379')).toEqual({});
  });

  it('verifies a rediss:// server against the CA file', () => {
    const caFile = join(dir, 'ca.crt');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\ntest\n-----END CERTIFICATE-----\n');
    expect(redisTlsOptions('rediss://gateway:pw@redis-1.internal:6379', caFile)).toEqual({ tls: { ca: Buffer.from('-----BEGIN CERTIFICATE-----\ntest\n-----END CERTIFICATE-----\n') } });
  });

  it('refuses a CA file with a plain redis:// URL', () => {
    expect(() => redisTlsOptions('redis://gateway:pw@redis:6379', join(dir, 'ca.crt'))).toThrow('REDIS_CA_FILE is set but REDIS_URL is not rediss://');
  });
});
