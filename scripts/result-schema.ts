/**
 * Writes docs/result.schema.json (JSON Schema of the report result) from the zod schema, the single
 * source of truth. `npm test` checks that the committed file is current.
 * Run: npx tsx scripts/result-schema.ts
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ReportResultSchema } from '../src/core/report/result-schema.ts';

export function resultJsonSchema(): string {
  const schema = z.toJSONSchema(ReportResultSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ title: 'driftwatch report result (schemaVersion 1)', ...schema }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../docs/result.schema.json', import.meta.url), resultJsonSchema());
  console.log('wrote docs/result.schema.json');
}
