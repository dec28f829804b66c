/** The sim's configuration is unusable; `problems` holds one line per mistake, each naming the field. */
export class SimConfigError extends Error {
  readonly code = 'SIM_CONFIG_INVALID';

  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'SimConfigError';
  }
}
