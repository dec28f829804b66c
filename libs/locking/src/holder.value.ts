import { randomBytes } from 'node:crypto';

/**
 * The value a process holds leases and claims with: its instance id, pid and a random nonce, so
 * two processes started with one INSTANCE_ID (or one pid in two containers) never share it.
 */
export function uniqueHolderValue(instance: string): string {
  return `${instance}:${process.pid}:${randomBytes(6).toString('hex')}`;
}
