type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * JSON Merge Patch (RFC 7396) of live parameter overrides: objects merge, arrays and scalars
 * replace, `null` removes an override (so the bot falls back to its config value).
 */
export function applyMergePatch(target: Json, patch: Json): Json {
  const result: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (isObject(value)) {
      const merged = applyMergePatch(isObject(result[key]) ? result[key] : {}, value);
      if (Object.keys(merged).length > 0) result[key] = merged;
      else delete result[key];
    } else result[key] = value;
  }
  return result;
}
