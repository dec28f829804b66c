/** Nest injection tokens of the sim. */
export const SIM_CONFIG = Symbol('SIM_CONFIG');
/** The exchange module behind `ExchangePort`. */
export const EXCHANGE_PORT = Symbol('EXCHANGE_PORT');
/** The per-IP request limit (`PerIpLimiter`). */
export const SIM_RATE_LIMITER = Symbol('SIM_RATE_LIMITER');
