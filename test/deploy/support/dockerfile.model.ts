import { repoText } from './compose.model';

/** One instruction: keyword (upper case) and its arguments, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  /** the image or stage this one starts from (ARG defaults substituted) */
  from: string;
  name: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults */
  globalArgs: Record<string, string>;
  stages: Stage[];
}

/** Parses the repository's Dockerfile (no engine: the subset of the syntax it uses). */
export function loadDockerfile(path = 'Dockerfile'): Dockerfile {
  const logical: string[] = [];
  let pending = '';
  for (const raw of repoText(path).split('\n')) {
    // comment lines are dropped, also inside a continued instruction (as Docker does)
    if (/^\s*#/.test(raw)) continue;
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full !== '') logical.push(full);
  }
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) as RegExpExecArray;
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [, image, name] = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) as RegExpExecArray;
      const from = image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, arg: string) => globalArgs[arg] ?? '');
      stages.push({ from, name: name ?? String(stages.length), instructions: [] });
    } else if (stages.length === 0) {
      if (upper === 'ARG') {
        const [name, value = ''] = args.split('=');
        globalArgs[name] = value;
      }
    } else {
      stages[stages.length - 1].instructions.push({ keyword: upper, args: args.replace(/\s+/g, ' ') });
    }
  }
  return { globalArgs, stages };
}

export function stage(dockerfile: Dockerfile, name: string): Stage {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`Dockerfile has no stage ${name}`);
  return found;
}

/** The stage and the stages it is built FROM, nearest first. */
export function lineage(dockerfile: Dockerfile, name: string): Stage[] {
  const chain: Stage[] = [];
  let current: Stage | undefined = stage(dockerfile, name);
  while (current) {
    chain.push(current);
    const parent: string = current.from;
    current = dockerfile.stages.find((s) => s.name === parent);
  }
  return chain;
}

/** The last value of an instruction along a stage's lineage (CMD, ENTRYPOINT, USER, HEALTHCHECK …). */
export function effective(dockerfile: Dockerfile, name: string, keyword: string): string | undefined {
  for (const s of lineage(dockerfile, name)) {
    const found = s.instructions.filter((i) => i.keyword === keyword).pop();
    if (found) return found.args;
  }
  return undefined;
}

/** ENV along a stage's lineage (`ENV A=1 B=2` form), later stages winning. */
export function environment(dockerfile: Dockerfile, name: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const s of lineage(dockerfile, name).reverse()) {
    for (const i of s.instructions.filter((x) => x.keyword === 'ENV')) {
      for (const match of i.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env[match[1]] = match[2].replace(/^"|"$/g, '');
    }
  }
  return env;
}

/** A JSON-form (exec form) argument list, e.g. of CMD or ENTRYPOINT. */
export function execForm(args: string | undefined): string[] {
  if (args === undefined) return [];
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`not an exec-form list: ${args}`);
  return parsed as string[];
}

/** The command a container of this target runs: ENTRYPOINT + CMD (exec form). */
export function startCommand(dockerfile: Dockerfile, name: string): string[] {
  return [...execForm(effective(dockerfile, name, 'ENTRYPOINT')), ...execForm(effective(dockerfile, name, 'CMD'))];
}

/** The HEALTHCHECK's command in exec form (`CMD [...]`), or `undefined` for NONE / none. */
export function healthcheckCommand(dockerfile: Dockerfile, name: string): string[] | undefined {
  const args = effective(dockerfile, name, 'HEALTHCHECK');
  if (!args || /^NONE$/i.test(args.trim())) return undefined;
  const cmd = /\bCMD\s+(\[.*\])\s*$/.exec(args);
  if (!cmd) throw new Error(`HEALTHCHECK is not in exec form: ${args}`);
  return execForm(cmd[1]);
}
