/**
 * Like `Promise.all`, but settles only once every promise has: a read made of several requests
 * must not count as finished (shutdown waits on it) while one of its requests is still on the wire.
 * Rejects with the first rejection in argument order.
 */
export async function allSettledOrThrow<T extends readonly unknown[]>(promises: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
