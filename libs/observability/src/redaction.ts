/** Field names whose values are never logged. */
const SECRET_FIELD = /(private.?key|mnemonic|secret|password|passphrase|token|authorization|seed.?phrase)/i;

/** 64 hex digits (with or without 0x) anywhere: the shape of a private key. */
const HEX_64 = /(0x)?(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;

export const REDACTED = '[redacted]';

/** Replaces every 64-hex-digit run in a serialized log line. */
export function redactHexSecrets(line: string): string {
  return line.replace(HEX_64, REDACTED);
}

/** A copy of `value` with secret-named fields replaced, however deep. */
export function redactSecretFields(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecretFields(v, depth + 1));
  if (value instanceof Error) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, SECRET_FIELD.test(key) ? REDACTED : redactSecretFields(v, depth + 1)]),
  );
}
