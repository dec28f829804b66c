import type { ServiceIdentity } from './access.table';
import { envToken } from './nats-authorization.renderer';

/**
 * Commands a service may run: reads, writes, Lua scripts (the lease, fenced writes and token
 * buckets), MULTI/EXEC and connection housekeeping, and INFO (the client's ready check); nothing
 * dangerous (FLUSHALL, KEYS, CONFIG, DEBUG …, see `ACL CAT dangerous`); TIME for the token buckets' clock.
 */
const WRITER_COMMANDS = '-@all +@read +@write +@scripting +@transaction +@connection -@dangerous +info +time';
const READER_COMMANDS = '-@all +@read +@connection -@dangerous +info';

/**
 * A Redis ACL file (`aclfile`): the default user off, one user per identity limited to its key
 * patterns (`%R~` read, `%RW~` read and write) and commands; an identity with no key has no user.
 * The file keeps only the SHA-256 of each password.
 */
export function renderRedisAcl(identities: readonly ServiceIdentity[], passwordSha256Of: (name: string) => string): string {
  const lines = ['user default off resetkeys resetchannels -@all'];
  for (const identity of identities.filter((i) => i.redis.read.length + i.redis.write.length > 0)) {
    const keys = [...identity.redis.read.map((p) => `%R~${p}`), ...identity.redis.write.map((p) => `%RW~${p}`)];
    const commands = identity.redis.write.length > 0 ? WRITER_COMMANDS : READER_COMMANDS;
    lines.push(`user ${identity.name} on #${passwordSha256Of(identity.name)} resetkeys ${keys.join(' ')} resetchannels ${commands}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The variable compose keeps an identity's Redis password in: `REDIS_PASSWORD_EXECUTOR_W1`. */
export function redisPasswordVariable(name: string): string {
  return `REDIS_PASSWORD_${envToken(name)}`;
}
