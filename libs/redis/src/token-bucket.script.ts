/**
 * The token bucket's one atomic step, run inside Redis. KEYS[1]: the bucket (a hash with `tokens`
 * and `at`, the clock reading of the last refill, ms). ARGV: tokens per ms, burst, the caller's
 * clock in ms ('' = Redis's own `TIME`). Answers `{1, at}` when a token was taken (at = the
 * bucket's clock at the grant) or `{0, wait}`: ms until the next token. Numbers go back as strings
 * (Lua numbers would be truncated to integers).
 */
export const TOKEN_BUCKET_LUA = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if not tokens or not at then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate)
  at = now
end
local granted = 0
if tokens >= 1 then
  tokens = tokens - 1
  granted = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 60000)
if granted == 1 then
  return {1, tostring(at)}
end
return {0, tostring(math.ceil((1 - tokens) / rate))}
`;

/** The name the script is defined under on an ioredis client (`defineCommand`). */
export const TOKEN_BUCKET_COMMAND = 'mirrorbookTakeToken';
