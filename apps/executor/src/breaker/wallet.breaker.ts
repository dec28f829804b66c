import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, ExponentialBackoff, circuitBreaker, handleAll, noJitterGenerator, type CircuitBreakerPolicy } from 'cockatiel';

/** Breaker settings: trips after `failures` in a row, pauses `cooldownMs`, doubling per trip up to `maxCooldownMs`. */
export interface WalletBreakerOptions {
  readonly failures: number;
  readonly cooldownMs: number;
  readonly maxCooldownMs: number;
  /** the wallet stopped trading (the breaker opened) */
  readonly onPause: (reason: string) => void;
  /** a probe batch succeeded: trading resumes */
  readonly onResume: () => void;
  /** a batch counted as failed */
  readonly onFailure?: () => void;
}

/**
 * The wallet's circuit breaker (docs/style.md#errors: "repeated failures trip a breaker and say so"): after N
 * consecutive failed batches it opens, so no batch is sent during a cool-down that grows on each
 * trip in a row; the first batch after it is a probe that closes it again or reopens it.
 */
export class WalletBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private tripsInRow = 0;

  constructor(options: WalletBreakerOptions) {
    this.policy = circuitBreaker(handleAll, {
      halfOpenAfter: new ExponentialBackoff({ initialDelay: options.cooldownMs, maxDelay: options.maxCooldownMs, generator: noJitterGenerator }),
      breaker: new ConsecutiveBreaker(options.failures),
    });
    this.policy.onBreak((reason) => {
      this.tripsInRow += 1;
      const why = 'error' in reason ? reason.error.message : 'isolated';
      options.onPause(why);
    });
    this.policy.onFailure(() => options.onFailure?.());
    this.policy.onReset(() => {
      this.tripsInRow = 0;
      options.onResume();
    });
  }

  /** `closed`, `open` (paused) or `half-open` (probing). */
  get state(): 'closed' | 'open' | 'half-open' {
    const state = this.policy.state;
    if (state === CircuitState.Closed) return 'closed';
    return state === CircuitState.HalfOpen ? 'half-open' : 'open';
  }

  /** Consecutive trips without a successful batch in between. */
  get trips(): number {
    return this.tripsInRow;
  }

  /** Runs `fn` unless the breaker is open; a throw counts as a failure. */
  execute<T>(fn: () => Promise<T>): Promise<T> {
    return this.policy.execute(fn);
  }

  /** True for the error `execute` throws while the breaker is open. */
  static isOpenError(error: unknown): boolean {
    return error instanceof BrokenCircuitError;
  }
}
