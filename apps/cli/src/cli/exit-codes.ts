/** Exit codes of every `mirrorbook` command; scripts branch on these (see `--help`). */
export const EXIT = {
  /** the command did what was asked */
  OK: 0,
  /** a check failed: `compare` found a gap above `--max-gap`, `health` found something down (warnings alone, e.g. a paused fee budget, are 0), `preflight` a check (also: an unexpected error) */
  CHECK_FAILED: 1,
  /** the command line is wrong: unknown option, missing argument, contradicting flags */
  USAGE: 2,
  /** refused on purpose: the wallet's executor holds the lease, or a write on mainnet */
  REFUSED: 3,
  /** a chain LCD, NATS or Redis could not be reached or answered with an error */
  NETWORK: 4,
  /** the configuration (config/ files, environment, wallet keys) is unusable */
  CONFIG: 78,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The block `--help` prints after the commands. */
export const EXIT_CODES_HELP = `
Exit codes:
  0   ok
  1   check failed (compare: a gap above --max-gap; health: something is down, warnings alone such as
      a paused fee budget exit 0; preflight: a check) or an unexpected error
  2   usage error (unknown option, missing or contradicting arguments)
  3   refused (the wallet's executor holds the lease; writes on mainnet)
  4   network error (chain LCD, NATS or Redis unreachable or answering with an error)
  78  configuration error (config/ files, environment, wallet keys)

Environment: NETWORK (sim|testnet|mainnet), SIM_LCD_URL, TESTNET_LCD_URL, MAINNET_LCD_URL, NATS_URL,
REDIS_URL, CONFIG_DIR, WALLET_<ID>_PRIVATE_KEY_FILE (a key file, chmod 600; cancel, close-positions),
WALLET_<ID>_ADDRESS (read-only commands, when no key is at hand). A .env file in the working directory is read.
`;
