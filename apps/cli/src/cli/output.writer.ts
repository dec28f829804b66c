/**
 * Where results go: stdout carries the result (a human table, or with `--json` one JSON
 * document), stderr carries notes and warnings, so `mirrorbook … --json | jq` always parses.
 */
export class OutputWriter {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {}

  /** The command's result: `data` as JSON with `--json`, else the text `human()` renders. */
  result(data: unknown, human: () => string): void {
    const text = this.json ? JSON.stringify(data, null, 2) : human();
    this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** A note for the operator on stderr (`mirrorbook: …`). */
  note(text: string): void {
    this.stderr.write(`mirrorbook: ${text}\n`);
  }
}
