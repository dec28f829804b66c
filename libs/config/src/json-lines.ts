type Path = (string | number)[];

/**
 * The 1-based line of every value of a JSON text, by path (`JSON.stringify` of the path array),
 * so a problem found in the parsed value can name its line in the file. Expects text that
 * `JSON.parse` accepted; stops quietly at anything else.
 */
export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skipSpace = () => {
    for (; i < text.length && /\s/.test(text[i]!); i++) if (text[i] === '\n') line++;
  };
  const readString = (): string => {
    const start = i;
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: Path): void => {
    skipSpace();
    lines.set(JSON.stringify(path), line);
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      for (let index = 0; ; index++) {
        skipSpace();
        if (i >= text.length || text[i] === close) break;
        if (c === '{') {
          const key = readString();
          skipSpace();
          i++; // ':'
          value([...path, key]);
        } else {
          value([...path, index]);
        }
        skipSpace();
        if (text[i] === ',') i++;
      }
      i++;
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    }
  };
  value([]);
  return lines;
}

/** The line of the value at `path`, or of its nearest ancestor in the text (a missing key: its object). */
export function lineOf(lines: ReadonlyMap<string, number>, path: Path): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = lines.get(JSON.stringify(path.slice(0, n)));
    if (found !== undefined) return found;
  }
  return undefined;
}
