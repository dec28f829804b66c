/**
 * Polls `check` every `everyMs` until it returns something other than undefined or false, and
 * resolves with that value; an error `check` throws counts as "not yet" and is quoted if time runs
 * out. Fails after `timeoutMs`, naming `what`. The deadline runs on the monotonic clock, so a test
 * that holds `Date.now` still has one. For effects with no event to await: where there is an
 * event, await it instead.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what: string,
  everyMs = 50,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
