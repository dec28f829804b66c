import type { ServiceIdentity } from './access.table';

/**
 * A password as the NATS config reads it: a literal (quoted) or, for compose, a `$VARIABLE` the
 * server resolves from its environment.
 */
export type NatsSecret = { readonly literal: string } | { readonly variable: string };

/**
 * The `authorization { users: [...] }` block of nats-server's config: one user per identity with
 * allow-lists for publish and subscribe (anything not listed is refused by the server). An
 * identity that publishes nothing gets `deny: [">"]`: an empty allow-list would mean no limit.
 */
export function renderNatsAuthorization(identities: readonly ServiceIdentity[], secretOf: (name: string) => NatsSecret): string {
  const users = identities.map((identity) => {
    const secret = secretOf(identity.name);
    const password = 'literal' in secret ? quote(secret.literal) : `$${secret.variable}`;
    const publish = identity.nats.publish.length > 0 ? `allow: ${list(identity.nats.publish)}` : `deny: ${list(['>'])}`;
    const subscribe = identity.nats.subscribe.length > 0 ? `allow: ${list(identity.nats.subscribe)}` : `deny: ${list(['>'])}`;
    return `    {\n      user: ${quote(identity.name)}\n      password: ${password}\n      permissions: {\n        publish: { ${publish} }\n        subscribe: { ${subscribe} }\n      }\n    }`;
  });
  return `authorization {\n  users: [\n${users.join('\n')}\n  ]\n}\n`;
}

/** The variable compose passes an identity's NATS password in: `NATS_PASSWORD_EXECUTOR_W1`. */
export function natsPasswordVariable(name: string): string {
  return `NATS_PASSWORD_${envToken(name)}`;
}

/** An identity name as an environment-variable token: `executor-w1` → `EXECUTOR_W1`. */
export function envToken(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function list(items: readonly string[]): string {
  return `[${items.map(quote).join(', ')}]`;
}

function quote(text: string): string {
  if (/["\\\n]/.test(text)) throw new Error(`cannot quote ${JSON.stringify(text)} in a NATS config`);
  return `"${text}"`;
}
