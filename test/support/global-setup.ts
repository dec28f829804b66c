import { randomUUID } from 'node:crypto';

/** Gives this jest run its own process registry (workers inherit the variable). */
export default async function globalSetup(): Promise<void> {
  process.env.MIRRORBOOK_HARNESS_RUN = `run-${process.pid}-${randomUUID().slice(0, 8)}`;
}
