import ora from 'ora';

/** How long an operation runs before the spinner shows, ms: quick ones never flicker. */
export const PROGRESS_DELAY_MS = 300;

/**
 * A spinner on stderr for slow steps (network reads, listening for heartbeats, broadcasts).
 * Only when stderr is a terminal: pipes, logs and `--json` consumers never see it, and stdout is
 * never touched. Nested steps share the outer spinner.
 */
export class ProgressReporter {
  private spinner: ora.Ora | undefined;
  private active = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    readonly enabled: boolean = Boolean(process.stderr.isTTY),
  ) {}

  /** Runs `work`, showing `text` with a spinner if it takes longer than PROGRESS_DELAY_MS. */
  async step<T>(text: string, work: () => Promise<T>): Promise<T> {
    if (!this.enabled || this.active) {
      this.update(text);
      return work();
    }
    this.active = true;
    const timer = setTimeout(() => {
      // the TTY check is ours (constructor); ora's own would also switch off under CI=
      this.spinner = ora({ text, stream: this.stream, discardStdin: false, isEnabled: true }).start();
    }, PROGRESS_DELAY_MS);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
      this.spinner?.stop();
      this.spinner = undefined;
      this.active = false;
    }
  }

  /** Changes the text of the spinner on screen (e.g. `batch 2/5`), if any. */
  update(text: string): void {
    if (this.spinner) this.spinner.text = text;
  }
}
