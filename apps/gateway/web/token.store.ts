/// <reference lib="dom" />

const KEY = 'mirrorbook.gatewayToken';

/**
 * The control token, kept in this tab's sessionStorage only: it is gone when the tab closes, and
 * other tabs and later visits must enter it again.
 */
export const tokenStore = {
  get(): string | null {
    return sessionStorage.getItem(KEY);
  },
  set(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
};
