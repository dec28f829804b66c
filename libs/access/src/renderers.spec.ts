import { serviceIdentities } from './access.table';
import { natsPasswordVariable, renderNatsAuthorization } from './nats-authorization.renderer';
import { redisPasswordVariable, renderRedisAcl } from './redis-acl.renderer';
import { renderIdentitiesMarkdown } from './identities-markdown.renderer';

const identities = serviceIdentities(['w1']);

describe('renderNatsAuthorization', () => {
  it('one user per identity, with a literal password or a variable the server resolves', () => {
    const literal = renderNatsAuthorization(identities, (name) => ({ literal: `pw-${name}` }));
    expect(literal).toContain('user: "executor-w1"\n      password: "pw-executor-w1"');
    const variables = renderNatsAuthorization(identities, (name) => ({ variable: natsPasswordVariable(name) }));
    expect(variables).toContain('user: "executor-w1"\n      password: $NATS_PASSWORD_EXECUTOR_W1');
    expect(variables.match(/user: /g)).toHaveLength(identities.length);
  });

  it('an identity that publishes nothing is denied everything rather than given an empty allow-list', () => {
    const conf = renderNatsAuthorization(identities, () => ({ literal: 'x' }));
    const cli = conf.slice(conf.indexOf('user: "cli"'));
    expect(cli.slice(0, cli.indexOf('}\n    }'))).toContain('publish: { deny: [">"] }');
  });

  it('refuses a password it cannot quote', () => {
    expect(() => renderNatsAuthorization(identities, () => ({ literal: 'a"b' }))).toThrow('cannot quote');
  });
});

describe('renderRedisAcl', () => {
  it('turns the default user off and keeps only password hashes', () => {
    const acl = renderRedisAcl(identities, (name) => `hash-of-${name}`);
    const lines = acl.trim().split('\n');
    expect(lines[0]).toBe('user default off resetkeys resetchannels -@all');
    expect(lines.find((l) => l.startsWith('user executor-w1 '))).toContain('on #hash-of-executor-w1 resetkeys %R~bot:* %R~bots:bootstrap %R~md:* %RW~lease:executor:w1');
    // the simulator keeps no Redis state: no user
    expect(lines.some((l) => l.startsWith('user injective-sim '))).toBe(false);
  });

  it('the cli reads everything and writes only executor leases and fences', () => {
    const cli = renderRedisAcl(identities, () => 'h').split('\n').find((l) => l.startsWith('user cli '))!;
    expect(cli).toContain('%R~*');
    expect(cli.match(/%RW~\S+/g)).toEqual(['%RW~lease:executor:*', '%RW~fence:executor:*']);
  });
});

describe('redisPasswordVariable', () => {
  it('names the variable like the NATS one, with its own prefix', () => {
    expect(redisPasswordVariable('executor-w1')).toBe('REDIS_PASSWORD_EXECUTOR_W1');
    expect(redisPasswordVariable('price-feed')).toBe('REDIS_PASSWORD_PRICE_FEED');
  });
});

describe('renderIdentitiesMarkdown', () => {
  it('one row per identity with its grants', () => {
    const rows = renderIdentitiesMarkdown(identities).trim().split('\n');
    expect(rows).toHaveLength(2 + identities.length);
    expect(rows.find((r) => r.startsWith('| `cli` |'))).toBe('| `cli` | — | `svc.heartbeat.>` `_INBOX.>` | `*` | `lease:executor:*` `fence:executor:*` |');
  });
});
