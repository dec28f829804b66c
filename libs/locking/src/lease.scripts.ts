/**
 * Takes the lease when free, or when it already holds our value (an earlier attempt reached Redis
 * after its reply timed out), and INCRs the fence in the same step. KEYS[1] lease, KEYS[2] fence,
 * ARGV[1] holder, ARGV[2] ttl ms. Returns the new fencing token, or 0.
 */
export const ACQUIRE_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) or redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return redis.call('INCR', KEYS[2])
end
return 0`;

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
 * Whether a tenure still stands, in one atomic step: the lease names our holder value AND the fence
 * counter still equals our token (no acquisition since ours). KEYS[1] lease, KEYS[2] fence,
 * ARGV[1] holder, ARGV[2] token. Returns 1 when both hold, 0 when the lease names someone else or
 * nobody, -1 when the fence counter moved past our token.
 */
export const VERIFY_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if tonumber(redis.call('GET', KEYS[2]) or '0') ~= tonumber(ARGV[2]) then
  return -1
end
return 1`;

/**
 * Writes a value guarded by a fencing token, stored as a hash {fence, value, holder}: refused when
 * a higher token wrote before, and for an equal token unless the same holder wrote it (tokens start
 * again from 1 when Redis lost its state, so an equal token alone proves nothing). A record of the
 * older format has no holder: its equal token is accepted once, and the write adds the holder.
 * KEYS[1] key, ARGV[1] token, ARGV[2] value, ARGV[3] holder. Returns 1 or 0.
 */
export const FENCED_SET_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
local token = tonumber(ARGV[1])
if token < current then
  return 0
end
if token == current then
  local holder = redis.call('HGET', KEYS[1], 'holder')
  if holder and holder ~= ARGV[3] then
    return 0
  end
end
redis.call('HSET', KEYS[1], 'fence', ARGV[1], 'value', ARGV[2], 'holder', ARGV[3])
return 1`;

/**
 * Claims a name for one process: set to our value if free or already ours, extended by ttl.
 * KEYS[1] claim, ARGV[1] value, ARGV[2] ttl ms. Returns 1, or the other holder's value.
 */
export const CLAIM_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and current ~= ARGV[1] then
  return current
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
