import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { recordStarted, recordStopped } from './process.registry';

const live = new Set<ManagedProcess>();
process.once('exit', () => {
  for (const p of live) p.child.kill('SIGKILL');
});

/** A child process whose output is kept and whose end can be awaited. */
export class ManagedProcess {
  readonly child: ChildProcess;
  private output = '';
  private readonly listeners = new Set<() => void>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly label: string,
    command: string,
    args: string[],
    options: SpawnOptions = {},
  ) {
    this.child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    if (this.child.pid === undefined) throw new Error(`${label}: could not start ${command}`);
    recordStarted(this.child.pid, `${label}: ${command} ${args.join(' ')}`);
    live.add(this);
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      for (const listener of this.listeners) listener();
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        live.delete(this);
        if (this.child.pid) recordStopped(this.child.pid);
        resolve({ code, signal });
      });
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string {
    return this.output;
  }

  /** Resolves when the output matches, rejects on exit or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.output.match(pattern);
        if (match) {
          done();
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.label}: ${pattern} not seen within ${timeoutMs} ms; output:\n${this.output.slice(-3000)}`));
      }, timeoutMs);
      const onExit = () => {
        done();
        reject(new Error(`${this.label} exited before ${pattern} appeared; output:\n${this.output.slice(-3000)}`));
      };
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
        this.child.off('exit', onExit);
      };
      this.listeners.add(check);
      this.child.once('exit', onExit);
      check();
    });
  }

  /** Sends `signal` without waiting (SIGSTOP / SIGCONT to freeze and thaw it). */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.running) return this.exited;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}
