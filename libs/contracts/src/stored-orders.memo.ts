import type { StoredOrder } from './redis-state.schema';

/** Parses one entry of an `orders:<wallet>:<mk>` hash; undefined for an entry the caller refuses (and counts or logs). */
export type StoredOrderParse = (key: string, orderHash: string, json: string) => StoredOrder | undefined;

/**
 * The open orders of `orders:<wallet>:<mk>` hashes, each entry parsed once per text: a reader that
 * reads the same hashes on every book (the strategy per snapshot, the gateway's quality monitor per
 * measured book) parses only the entries written since its last read. Per hash, only the entries
 * still there are kept, so the memo is as large as the books. The orders returned are shared
 * between reads: callers do not change them.
 */
export class StoredOrdersMemo {
  private readonly byKey = new Map<string, Map<string, { readonly json: string; readonly order: StoredOrder | undefined }>>();

  constructor(private readonly parse: StoredOrderParse) {}

  /** The valid orders of `key`'s entries (orderHash → JSON, as HGETALL returns them; null or undefined for none). */
  orders(key: string, entries: Readonly<Record<string, string>> | null | undefined): StoredOrder[] {
    const before = this.byKey.get(key);
    const now = new Map<string, { readonly json: string; readonly order: StoredOrder | undefined }>();
    const orders: StoredOrder[] = [];
    for (const [hash, json] of Object.entries(entries ?? {})) {
      const kept = before?.get(hash);
      const order = kept && kept.json === json ? kept.order : this.parse(key, hash, json);
      now.set(hash, { json, order });
      if (order) orders.push(order);
    }
    this.byKey.set(key, now);
    return orders;
  }

  /** How many entries are held, over all hashes. */
  get size(): number {
    let n = 0;
    for (const entries of this.byKey.values()) n += entries.size;
    return n;
  }
}
