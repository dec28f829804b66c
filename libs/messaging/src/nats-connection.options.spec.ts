import { natsConnectionOptions, natsServerAndCredentials } from './nats-connection.options';

describe('natsServerAndCredentials', () => {
  it('moves user:password out of the URL', () => {
    expect(natsServerAndCredentials('nats://gateway:p%40ss@nats:4222')).toEqual({ servers: 'nats://nats:4222', user: 'gateway', pass: 'p@ss' });
    expect(natsServerAndCredentials('nats://127.0.0.1:4222')).toEqual({ servers: 'nats://127.0.0.1:4222' });
  });
});

describe('natsConnectionOptions', () => {
  it('asks nothing of TLS for a nats:// URL without a CA file', () => {
    expect(natsConnectionOptions('nats://strategy:pw@nats:4222')).toEqual({ servers: 'nats://nats:4222', user: 'strategy', pass: 'pw' });
  });

  it('requires TLS for a tls:// URL, verified against the system CAs or the CA file', () => {
    expect(natsConnectionOptions('tls://strategy:pw@nats-1.internal:4222')).toEqual({ servers: 'tls://nats-1.internal:4222', user: 'strategy', pass: 'pw', tls: {} });
    expect(natsConnectionOptions('tls://strategy:pw@nats-1.internal:4222', '/app/tls/ca.crt').tls).toEqual({ caFile: '/app/tls/ca.crt' });
  });

  it('requires TLS whenever a CA file is given', () => {
    expect(natsConnectionOptions('nats://nats-1.internal:4222', '/app/tls/ca.crt').tls).toEqual({ caFile: '/app/tls/ca.crt' });
  });
});
