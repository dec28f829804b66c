/**
 * Endings of a report's `error` telling that more reports follow for the same intent (the
 * contract has no field for it yet): consumers looking for an intent's last report skip these.
 */
export const WILL_RETRY = '; will retry';

/** A partial rejection or supersession: the rest of the intent goes ahead (see `WILL_RETRY`). */
export const REST_GOES_AHEAD = '; the rest of the intent goes ahead';
