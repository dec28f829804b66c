import type { ConnectionOptions } from 'nats';

/**
 * nats.js ignores `user:password@` in a server URL: split them into its `user`/`pass` options so
 * `NATS_URL=nats://mirrorbook:secret@nats:4222` works against a server that requires them.
 */
export function natsServerAndCredentials(url: string): { servers: string; user?: string; pass?: string } {
  try {
    const parsed = new URL(url);
    if (!parsed.username) return { servers: url };
    const user = decodeURIComponent(parsed.username);
    const pass = decodeURIComponent(parsed.password);
    parsed.username = '';
    parsed.password = '';
    return { servers: parsed.toString().replace(/\/$/, ''), user, pass };
  } catch {
    return { servers: url };
  }
}

/**
 * The connection options of NATS_URL (and NATS_CA_FILE): credentials split out; with a `tls://` URL
 * or a CA file, TLS is required (nats.js then refuses a server that does not offer it, rather than
 * talking in clear) and the server's certificate is verified against `caFile`, else the system CAs.
 */
export function natsConnectionOptions(url: string, caFile?: string): Pick<ConnectionOptions, 'servers' | 'user' | 'pass' | 'tls'> {
  const requiresTls = url.startsWith('tls://') || caFile !== undefined;
  return { ...natsServerAndCredentials(url), ...(requiresTls ? { tls: caFile ? { caFile } : {} } : {}) };
}
