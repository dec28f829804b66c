/** Field names whose values are never logged. */
const SECRET_FIELD = /(private.?key|mnemonic|secret|password|passphrase|token|authorization|seed.?phrase)/i;

/** `user:password@` after a URL scheme (NATS_URL, REDIS_URL, …). */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'\\]+@/gi;

export const REDACTED = '[redacted]';

/**
 * Exact secrets of this process (the loaded wallet key in each printable form), matched in every
 * serialized log line. Process-wide: the key is loaded after the logger is built.
 */
const logSecretPatterns: RegExp[] = [];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Every way `bytes` can show up in a log line: hex (any case; also as `util.inspect` prints a
 * Buffer, byte by byte), base64 and base64url (without padding, so a truncated form is caught
 * too), and the decimal list JSON and `util.inspect` print for a Uint8Array or `buffer.toJSON()`.
 */
export function secretLogForms(bytes: Uint8Array): { anyCase: string[]; exact: string[] } {
  const buffer = Buffer.from(bytes);
  const hexBytes = [...buffer].map((b) => b.toString(16).padStart(2, '0'));
  const decimal = [...buffer].map(String);
  const base64 = buffer.toString('base64').replace(/=+$/, '');
  return {
    anyCase: [hexBytes.join(''), hexBytes.join(' ')],
    exact: [...new Set([base64, buffer.toString('base64url'), decimal.join(','), decimal.join(', ')])],
  };
}

/** Registers `bytes` (a private key) so no log line of this process ever shows it, in any form. */
export function registerLogSecret(bytes: Uint8Array): void {
  const { anyCase, exact } = secretLogForms(bytes);
  logSecretPatterns.push(...anyCase.map((f) => new RegExp(escapeRegExp(f), 'gi')), ...exact.map((f) => new RegExp(escapeRegExp(f), 'g')));
}

/** Forgets every registered secret (tests). */
export function clearLogSecrets(): void {
  logSecretPatterns.length = 0;
}

/** A serialized log line with URL credentials and every registered secret replaced. */
export function redactLogLine(line: string): string {
  return logSecretPatterns.reduce((text, pattern) => text.replace(pattern, REDACTED), line.replace(URL_USER_INFO, `$1${REDACTED}@`));
}

/**
 * A copy of a log object with secret-named fields replaced, however deep. Bytes become hex, so
 * `redactLogLine` can find a key in them (JSON prints a Buffer or Uint8Array as numbers); errors
 * are copied the same way, property by property, because pino prints an error's own properties.
 */
export function redactLogObject(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map((v) => redactLogObject(v, depth + 1));
  if (value instanceof Error) return redactError(value, depth);
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, redactField(key, v, depth)]));
}

function redactField(key: string, value: unknown, depth: number): unknown {
  return SECRET_FIELD.test(key) ? REDACTED : redactLogObject(value, depth + 1);
}

/** An error of the same class (pino prints its type from the constructor) with redacted properties. */
function redactError(error: Error, depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = redactField(key, (error as unknown as Record<string, unknown>)[key], depth);
    Object.defineProperty(copy, key, { value, enumerable: Object.prototype.propertyIsEnumerable.call(error, key), writable: true, configurable: true });
  }
  return copy;
}
