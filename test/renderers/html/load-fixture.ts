/** Loads and validates the hand-written HTML-report fixture (test/fixtures/html/result.json). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ReportResult, ReportResultSchema } from '../../../src/core/report/result-schema.ts';

const path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'html', 'result.json');

/** A fresh, schema-validated copy of the fixture (safe to mutate). */
export function loadFixture(): ReportResult {
  return ReportResultSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
