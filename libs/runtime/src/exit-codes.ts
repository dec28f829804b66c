/** Exit code for a configuration the service cannot run with; the starter does not restart on it. */
export const EXIT_CONFIG = 78;
