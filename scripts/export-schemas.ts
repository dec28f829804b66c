import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { payloadJsonSchemas, subjectCatalog } from '@mirrorbook/contracts';

/** Writes docs/contracts/<family>.schema.json for every payload; run by `npm run contracts:schemas`. */
const outDir = join(__dirname, '..', 'docs', 'contracts');
mkdirSync(outDir, { recursive: true });
for (const [family, schema] of Object.entries(payloadJsonSchemas())) {
  const file = join(outDir, `${family}.schema.json`);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  const spec = subjectCatalog[family as keyof typeof subjectCatalog];
  console.log(`${spec.prefix}.* -> ${file}`);
}
