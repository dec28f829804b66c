import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subjectCatalog } from '@mirrorbook/contracts';
import { payloadJsonSchemas } from '@mirrorbook/contracts/json-schemas';

/** Writes docs/contracts/<family>.schema.json for every payload; run by `npm run contracts:schemas`. */
const outDir = join(__dirname, '..', 'docs', 'contracts');
mkdirSync(outDir, { recursive: true });
for (const [family, schema] of Object.entries(payloadJsonSchemas())) {
  const file = join(outDir, `${family}.schema.json`);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  const spec = subjectCatalog[family as keyof typeof subjectCatalog];
  console.log(`${spec.prefix}.* -> ${file}`);
}
