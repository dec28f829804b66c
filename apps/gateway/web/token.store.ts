/// <reference lib="dom" />

const KEY = 'mirrorbook.gatewayToken';

/** The control token, kept in this browser's localStorage only. */
export const tokenStore = {
  get(): string | null {
    return localStorage.getItem(KEY);
  },
  set(token: string): void {
    localStorage.setItem(KEY, token);
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};
