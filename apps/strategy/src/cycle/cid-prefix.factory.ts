import { fnv1a } from '@mirrorbook/strategy-core';

/**
 * The client-order-id prefix of a bot on a market (at most 20 characters of [a-z0-9-], as the
 * strategy core requires): a readable stem of both ids plus a hash of the exact pair, so two
 * bot/market pairs whose stems coincide still get distinct prefixes; e.g. bot `spot-inj` on
 * `inj-usdt` → `spotininjusd-0zjqhor`.
 */
export function cidPrefixOf(botId: string, marketKey: string): string {
  const stem = (id: string) => id.replace(/[^a-z0-9]/g, '').slice(0, 6);
  const hash = fnv1a(`${botId}\u0000${marketKey}`).toString(36).padStart(7, '0');
  return `${stem(botId)}${stem(marketKey)}-${hash}`;
}

/** The id of the intent of cycle `index`: the cid prefix and the index in base 36 (also the stem of the plan's client order ids). */
export function intentIdOf(cidPrefix: string, index: number): string {
  return `${cidPrefix}-${index.toString(36)}`;
}

/** The cid prefix and cycle index an intent id was made of (`intentIdOf`), or undefined for another shape. */
export function parseIntentId(id: string): { readonly cidPrefix: string; readonly index: number } | undefined {
  const cut = id.lastIndexOf('-');
  const index = parseInt(id.slice(cut + 1), 36);
  if (cut <= 0 || !/^[0-9a-z]+$/.test(id.slice(cut + 1)) || !Number.isSafeInteger(index)) return undefined;
  return { cidPrefix: id.slice(0, cut), index };
}
