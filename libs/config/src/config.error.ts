/** The configuration is unusable; `problems` holds one line per mistake, each naming file (`<file>:<line>` where known), path and reason. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}
