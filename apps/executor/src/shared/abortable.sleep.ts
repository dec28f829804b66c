/**
 * Waits `ms`, like `setTimeout` of node:timers/promises: rejects with an `AbortError` (its `cause`
 * the signal's reason) as soon as `signal` aborts. Built on the global timers, so a spec drives it
 * with fake timers (docs/style.md#tests: clocks are injected where a test needs time).
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(abortError(signal!));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(signal: AbortSignal): Error {
  const error = new Error('The operation was aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
