/**
 * Reads a test suite from a YAML or JSON file and validates it (`src/core/suite/suite-schema.ts`).
 * Both formats go through the `yaml` parser (JSON is YAML 1.2), which gives line/column positions and
 * rejects duplicate keys, which `JSON.parse` would silently accept (last one wins). Same behaviour and
 * message style as `contract-file.ts`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../core/errors.ts';
import { parseSuite } from '../core/suite/suite-schema.ts';
import type { Suite } from '../core/suite/suite-types.ts';

/**
 * Reads and validates the suite at `path` (YAML or JSON, by content).
 * @throws InputError `DW_SUITE_NOT_FOUND` if the file does not exist or cannot be read;
 *   `DW_SUITE_INVALID` if it is not valid YAML/JSON or not a valid suite, with a message naming the file
 *   and the bad field: `suite.yaml: tests[1].condition: expected one of eq, …, got "lessthan"`.
 */
export async function readSuiteFile(path: string): Promise<Suite> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'not found'
        : code === 'EISDIR'
          ? 'is a directory, expected a YAML or JSON file'
          : `cannot be read (${(e as Error).message})`;
    throw new InputError('DW_SUITE_NOT_FOUND', `suite file ${path} ${reason}`, { cause: e });
  }
  return parseSuiteText(text, path);
}

/**
 * Parses suite text (YAML or JSON) and validates it; `source` names it in error messages.
 * @throws InputError `DW_SUITE_INVALID`.
 */
export function parseSuiteText(text: string, source: string): Suite {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { prettyErrors: true, logLevel: 'silent' });
  if (docs.length === 0) return parseSuite(null, { source }); // empty, or comments only
  if (docs.length > 1) {
    throw new InputError(
      'DW_SUITE_INVALID',
      `${source}: holds ${docs.length} YAML documents (---); expected one`,
    );
  }
  const doc = docs[0]!;
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = error.linePos?.[0];
    const where = pos === undefined ? '' : ` at line ${pos.line}, column ${pos.col}`;
    // The message repeats the position and quotes the source over several lines; keep the first clause.
    const what = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError('DW_SUITE_INVALID', `${source}: not valid YAML/JSON${where}: ${what}`, {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError('DW_SUITE_INVALID', `${source}: ${(e as Error).message}`, { cause: e });
  }
  return parseSuite(data, { source });
}
