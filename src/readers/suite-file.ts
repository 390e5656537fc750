/**
 * Reads a test suite from a YAML or JSON file and validates it (`src/core/suite/suite-schema.ts`).
 * Both formats go through the `yaml` parser (JSON is YAML 1.2), which gives line/column positions and
 * rejects duplicate keys, which `JSON.parse` would silently accept (last one wins). Same behaviour and
 * message style as `contract-file.ts`.
 * @module
 */
import { parseSuite } from '../core/suite/suite-schema.ts';
import type { Suite } from '../core/suite/suite-types.ts';
import { type DocumentKind, parseDocument, readDocumentText } from './yaml-file.ts';

const KIND: DocumentKind = {
  label: 'suite file',
  notFound: 'DW_SUITE_NOT_FOUND',
  invalid: 'DW_SUITE_INVALID',
};

/**
 * Reads and validates the suite at `path` (YAML or JSON, by content).
 * @throws InputError `DW_SUITE_NOT_FOUND` if the file does not exist or cannot be read;
 *   `DW_SUITE_INVALID` if it is not valid YAML/JSON or not a valid suite, with a message naming the file
 *   and the bad field: `suite.yaml: tests[1].condition: expected one of eq, …, got "lessthan"`.
 */
export async function readSuiteFile(path: string): Promise<Suite> {
  return parseSuiteText(await readDocumentText(path, KIND), path);
}

/**
 * Parses suite text (YAML or JSON) and validates it; `source` names it in error messages.
 * @throws InputError `DW_SUITE_INVALID`.
 */
export function parseSuiteText(text: string, source: string): Suite {
  return parseSuite(parseDocument(text, source, KIND), { source });
}
