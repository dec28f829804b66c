import { serviceIdentities, type ServiceIdentity } from './access.table';

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
    ['strategy:cycle:spot-inj:inj-usdt', ['strategy']],
  ])('Redis %s: only %j may write it', (key, who) => {
    expect(mayWrite(key)).toEqual(who);
  });

  it('the cli publishes nothing and writes only executor leases and fences (it holds a wallet\'s lease for its own writes)', () => {
    const cli = identities.find((i) => i.name === 'cli')!;
    expect(cli.nats.publish).toEqual([]);
    expect(cli.redis.write).toEqual(['lease:executor:*', 'fence:executor:*']);
  });
});
