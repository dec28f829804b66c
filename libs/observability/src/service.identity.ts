import type { AppName } from '@mirrorbook/contracts';

export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');

export interface ServiceIdentity {
  app: AppName;
  /** unique per process */
  instance: string;
  version: string;
  heartbeatIntervalMs: number;
}
