/**
 * Compose's variable interpolation (`${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `$$`), enough to resolve the values these tests start
 * processes with. Throws the `?` message of a required variable that is missing.
 */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (whole, name: string | undefined, op?: string, arg?: string) => {
    if (whole === '$$') return '$';
    const value = env[name as string];
    const unsetOrEmpty = value === undefined || value === '';
    switch (op) {
      case ':-':
        return unsetOrEmpty ? (arg ?? '') : (value as string);
      case '-':
        return value === undefined ? (arg ?? '') : value;
      case ':?':
        if (unsetOrEmpty) throw new Error(`${name}: ${arg}`);
        return value as string;
      case '?':
        if (value === undefined) throw new Error(`${name}: ${arg}`);
        return value;
      default:
        return value ?? '';
    }
  });
}

/** Every variable a text interpolates, with whether it is required (`:?` / `?`). */
export function interpolatedVariables(text: string): Map<string, { required: boolean }> {
  const found = new Map<string, { required: boolean }>();
  for (const match of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?])?/g)) {
    const required = match[2] === ':?' || match[2] === '?';
    found.set(match[1], { required: required || (found.get(match[1])?.required ?? false) });
  }
  return found;
}
