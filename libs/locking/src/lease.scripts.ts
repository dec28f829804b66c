/** Extends the lease only if we still hold it. KEYS[1] lease, ARGV[1] holder, ARGV[2] ttl ms. */
export const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/** Deletes the lease only if we still hold it. KEYS[1] lease, ARGV[1] holder. */
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * Writes a value guarded by a fencing token: refused when a higher token wrote before.
 * KEYS[1] key, ARGV[1] token, ARGV[2] value. Stored as a hash {fence, value}. Returns 1 or 0.
 */
export const FENCED_SET_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
if tonumber(ARGV[1]) < current then
  return 0
end
redis.call('HSET', KEYS[1], 'fence', ARGV[1], 'value', ARGV[2])
return 1`;
