/** One JSON log line of a service (pino): its message, level and time (ms since epoch). */
export interface LogLine {
  readonly msg: string;
  readonly level: string;
  readonly time: number;
}

/** The JSON log lines in a process's output (other lines are skipped). */
export function logLines(output: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const text of output.split('\n')) {
    if (!text.startsWith('{')) continue;
    try {
      const json = JSON.parse(text) as { msg?: unknown; level?: unknown; time?: unknown };
      if (typeof json.msg === 'string') lines.push({ msg: json.msg, level: String(json.level), time: Date.parse(String(json.time)) });
    } catch {
      // a line cut by the exit, or not ours
    }
  }
  return lines;
}

/** What a service's own log says about its shutdown on `signal` (runService's ordered shutdown). */
export interface ShutdownRecord {
  /** the messages from `<signal> received: stopping` on, in order */
  readonly messages: string[];
  /** `stopped` was logged: app.close() finished */
  readonly stopped: boolean;
  /** the service's own watchdog fired (`shutdown took longer than …`) */
  readonly overran: boolean;
  /** from `received` to `stopped` by the service's own clock; undefined unless both were logged */
  readonly tookMs: number | undefined;
}

export function shutdownRecord(output: string, signal: NodeJS.Signals = 'SIGTERM'): ShutdownRecord {
  const lines = logLines(output);
  const from = lines.findIndex((l) => l.msg === `${signal} received: stopping`);
  const after = from < 0 ? [] : lines.slice(from);
  const stopped = after.find((l) => l.msg === 'stopped');
  return {
    messages: after.map((l) => l.msg),
    stopped: stopped !== undefined,
    overran: after.some((l) => l.msg.startsWith('shutdown took longer than')),
    tookMs: stopped && from >= 0 ? stopped.time - lines[from].time : undefined,
  };
}
