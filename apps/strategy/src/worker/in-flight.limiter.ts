/**
 * Runs at most `limit` tasks at once. `admit` waits for a free slot before starting a task (so
 * the subscription loop that awaits it applies backpressure) and returns without waiting for the
 * task; `close` stops admitting and resolves once the running tasks have finished. A task that
 * rejects is handed to `onError` (tasks are expected to handle their own failures).
 */
export class InFlightLimiter {
  private running = 0;
  private closed = false;
  private readonly slotWaiters: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get active(): number {
    return this.running;
  }

  /** Starts `task` once a slot is free; false (task not run) when closed meanwhile. */
  async admit(task: () => Promise<void>): Promise<boolean> {
    while (this.running >= this.limit && !this.closed) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    if (this.closed) return false;
    this.running++;
    void task()
      .catch(this.onError)
      .finally(() => this.release());
    return true;
  }

  /** Stops admitting; resolves when no task is running. */
  close(): Promise<void> {
    this.closed = true;
    for (const wake of this.slotWaiters.splice(0)) wake();
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private release(): void {
    this.running--;
    this.slotWaiters.shift()?.();
    if (this.running === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
