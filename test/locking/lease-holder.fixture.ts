import Redis from 'ioredis';
import { Lease } from '@mirrorbook/locking';

/** A lone process that takes the lease and keeps renewing it until killed (for the SIGKILL test). */
const [redisUrl, key, ttl] = process.argv.slice(2);
const lease = new Lease(new Redis(redisUrl), { key, fenceKey: `${key}:fence`, holderId: `child-${process.pid}`, ttlMs: Number(ttl) });
void lease.acquire().then((token) => console.log(`ACQUIRED ${token}`));
