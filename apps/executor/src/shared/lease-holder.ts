/** DI token of the process's unique lease holder value (`uniqueHolderValue` of libs/locking). */
export const LEASE_HOLDER = Symbol('LEASE_HOLDER');
