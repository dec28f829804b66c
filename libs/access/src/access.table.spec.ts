import { identityNameOf, serviceIdentities, type ServiceIdentity } from './access.table';

/** NATS subject matching: `*` one token, `>` one or more trailing tokens. */
function matches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

const identities = serviceIdentities(['w1', 'w2']);
const mayPublish = (subject: string) => identities.filter((i) => i.nats.publish.some((p) => matches(p, subject))).map((i) => i.name);
const mayWrite = (key: string) => identities.filter((i) => i.redis.write.some((p) => globMatches(p, key))).map((i) => i.name);

function globMatches(pattern: string, key: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(key);
}

describe('serviceIdentities', () => {
  it('one identity per service, an executor per wallet', () => {
    expect(identities.map((i) => i.name)).toEqual(['price-feed', 'strategy', 'gateway', 'injective-sim', 'cli', 'executor-w1', 'executor-w2']);
  });

  it.each([
    ['intent.w1', ['strategy']],
    ['md.price.mainnet.inj-usdt', ['price-feed']],
    ['md.book.testnet.inj-usdt', ['price-feed']],
    ['bot.state.spot-inj', ['gateway']],
    ['md.quality.inj-usdt', ['price-feed', 'gateway']],
    ['exec.report.w1', ['executor-w1']],
    ['orders.w2.inj-usdt', ['executor-w2']],
    ['svc.heartbeat.executor.vm-1', ['executor-w1', 'executor-w2']],
    ['$JS.API.STREAM.CREATE.MD', ['price-feed']],
    ['$JS.API.STREAM.UPDATE.INTENTS', ['strategy', 'executor-w1', 'executor-w2']],
    ['$JS.API.CONSUMER.MSG.NEXT.INTENTS.executor-w1', ['executor-w1']],
    ['$JS.ACK.INTENTS.executor-w2.1.2.3.4.5', ['executor-w2']],
    ['dlq.intent.w1', ['executor-w1']],
    ['$JS.API.STREAM.CREATE.DLQ', ['executor-w1', 'executor-w2']],
  ])('%s: only %j may publish to it', (subject, who) => {
    expect(mayPublish(subject)).toEqual(who);
  });

  it('an executor hears only its own consumer\'s MAX_DELIVERIES advisories', () => {
    const advisory = '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.INTENTS.executor-w2';
    expect(identities.filter((i) => i.nats.subscribe.some((p) => matches(p, advisory))).map((i) => i.name)).toEqual(['executor-w2']);
  });

  it('nobody may delete or purge a stream, delete a durable consumer or publish anywhere at will', () => {
    for (const subject of ['$JS.API.STREAM.DELETE.MD', '$JS.API.STREAM.PURGE.INTENTS', '$JS.API.CONSUMER.DELETE.INTENTS.executor-w1', 'anything.at.all']) {
      expect({ subject, who: mayPublish(subject) }).toEqual({ subject, who: [] });
    }
    const unbounded = (i: ServiceIdentity) => [...i.nats.publish, ...i.nats.subscribe].filter((p) => p === '>' || p === '$JS.API.>');
    expect(identities.flatMap(unbounded)).toEqual([]);
  });

  it.each([
    ['bot:spot-inj', ['gateway']],
    ['bots:bootstrap', ['gateway']],
    ['lease:executor:w1', ['cli', 'executor-w1']],
    ['fence:executor:w2', ['cli', 'executor-w2']],
    ['instance:executor:w1:executor-w1-a', ['executor-w1']],
    ['address:executor:inj1abc', ['executor-w1', 'executor-w2']],
    ['seq:w1', ['executor-w1']],
    ['orders:w2:inj-usdt', ['executor-w2']],
    ['md:price:reference:inj-usdt', ['price-feed']],
    ['quality:inj-usdt', ['gateway']],
    ['strategy:cycle:spot-inj:inj-usdt', ['strategy']],
  ])('Redis %s: only %j may write it', (key, who) => {
    expect(mayWrite(key)).toEqual(who);
  });

  it('the cli publishes nothing and writes only executor leases and fences (it holds a wallet\'s lease for its own writes)', () => {
    const cli = identities.find((i) => i.name === 'cli')!;
    expect(cli.nats.publish).toEqual([]);
    expect(cli.redis.write).toEqual(['lease:executor:*', 'fence:executor:*']);
  });

  describe('an executor group (several wallets in one process)', () => {
    const single = serviceIdentities(['w1', 'w2', 'w3']);
    const grouped = serviceIdentities(['w1', 'w2', 'w3'], [['w1', 'w2']]);
    const named = (list: ServiceIdentity[], name: string) => list.find((i) => i.name === name)!;
    const group = named(grouped, 'executor-w1-w2');
    const sorted = (items: readonly string[]) => [...items].sort();

    it('replaces its wallets\' identities by one; the other wallets keep theirs', () => {
      expect(grouped.map((i) => i.name)).toEqual(['price-feed', 'strategy', 'gateway', 'injective-sim', 'cli', 'executor-w1-w2', 'executor-w3']);
      expect(named(grouped, 'executor-w3')).toEqual(named(single, 'executor-w3'));
      expect(identityNameOf('executor', 'w1,w2')).toBe('executor-w1-w2');
      expect(identityNameOf('executor', 'w3')).toBe('executor-w3');
    });

    it('gets exactly the union of its wallets\' rights, each once', () => {
      const [w1, w2] = [named(single, 'executor-w1'), named(single, 'executor-w2')];
      const union = (a: readonly string[], b: readonly string[]) => sorted([...new Set([...a, ...b])]);
      expect(sorted(group.nats.publish)).toEqual(union(w1.nats.publish, w2.nats.publish));
      expect(sorted(group.nats.subscribe)).toEqual(union(w1.nats.subscribe, w2.nats.subscribe));
      expect(sorted(group.redis.read)).toEqual(union(w1.redis.read, w2.redis.read));
      expect(sorted(group.redis.write)).toEqual(union(w1.redis.write, w2.redis.write));
      for (const list of [group.nats.publish, group.nats.subscribe, group.redis.read, group.redis.write]) expect(new Set(list).size).toBe(list.length);
    });

    it.each([
      ['exec.report.w1', true],
      ['orders.w2.inj-usdt', true],
      ['$JS.API.CONSUMER.MSG.NEXT.INTENTS.executor-w2', true],
      ['exec.report.w3', false],
      ['orders.w3.inj-usdt', false],
      ['dlq.intent.w3', false],
      ['$JS.API.CONSUMER.MSG.NEXT.INTENTS.executor-w3', false],
    ])('may publish to %s: %s (nothing of a wallet outside the group)', (subject, allowed) => {
      expect(group.nats.publish.some((p) => matches(p, subject))).toBe(allowed);
    });

    it.each([
      ['seq:w1', true],
      ['lease:executor:w2', true],
      ['seq:w3', false],
      ['orders:w3:inj-usdt', false],
      ['lease:executor:w3', false],
    ])('may write Redis %s: %s', (key, allowed) => {
      expect(group.redis.write.some((p) => globMatches(p, key))).toBe(allowed);
    });

    it.each([
      [[['w1']], 'a group has at least two wallets'],
      [[['w1', 'w9']], 'wallet w9 is not a wallet of config/bots.json'],
      [[['w1', 'w2'], ['w2', 'w3']], 'wallet w2 is in two groups'],
      [[['w1', 'w1']], 'wallet w1 is in two groups (or twice in one)'],
    ])('refuses the groups %j', (groups, message) => {
      expect(() => serviceIdentities(['w1', 'w2', 'w3'], groups)).toThrow(message);
    });

    it('refuses a group whose password variables another identity already has', () => {
      expect(() => serviceIdentities(['w1', 'w2', 'w1_w2'], [['w1', 'w2']])).toThrow('identities executor-w1-w2 and executor-w1_w2 would share the password variables of EXECUTOR_W1_W2');
    });
  });
});
