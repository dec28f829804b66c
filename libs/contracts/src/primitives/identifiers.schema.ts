import { z } from 'zod';

/** Market key as configured, e.g. `inj-usdt` or `inj-usdt-perp`. */
export const marketKey = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase key such as "inj-usdt"');

/** Wallet id as configured, e.g. `w1` or `alpha`; also a NATS subject token. */
export const walletId = z.string().regex(/^[a-z0-9][a-z0-9_]*$/, 'must be lowercase letters, digits or _');

/** Bot id as configured; also a NATS subject token. */
export const botId = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, - or _');

/** Network a payload describes: `sim` serves stand-ins for both mainnet and testnet. */
export const network = z.enum(['mainnet', 'testnet', 'sim']);

/** Which side of the mirror a sim market plays. */
export const marketRole = z.enum(['reference', 'trading']);

/** 0x-prefixed 32-byte hex (market ids, order hashes). */
export const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits');

export const side = z.enum(['buy', 'sell']);

export type Network = z.infer<typeof network>;
export type Side = z.infer<typeof side>;
