/**
 * Reading a configuration document (a data contract, a test suite) from a YAML or JSON file. Both formats
 * go through the `yaml` parser (JSON is YAML 1.2), which gives line/column positions and rejects duplicate
 * keys, which `JSON.parse` would silently accept (last one wins).
 * @module
 */
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../core/errors.ts';

/** Error codes and the wording of the file kind, per document type. */
export interface DocumentKind {
  /** e.g. `contract file`, `suite file` */
  readonly label: string;
  /** Code when the file is missing or unreadable, e.g. `DW_CONTRACT_NOT_FOUND`. */
  readonly notFound: string;
  /** Code when the text is not valid YAML/JSON, e.g. `DW_CONTRACT_INVALID`. */
  readonly invalid: string;
}

/** The file's text, or an `InputError` with `kind.notFound` saying why it could not be read. */
export async function readDocumentText(path: string, kind: DocumentKind): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'not found'
        : code === 'EISDIR'
          ? 'is a directory, expected a YAML or JSON file'
          : `cannot be read (${(e as Error).message})`;
    throw new InputError(kind.notFound, `${kind.label} ${path} ${reason}`, { cause: e });
  }
}

/**
 * Parses one YAML/JSON document into plain data (`null` for an empty file or comments only).
 * @throws InputError `kind.invalid` naming `source` and the line/column of a syntax error.
 */
export function parseDocument(text: string, source: string, kind: DocumentKind): unknown {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { prettyErrors: true, logLevel: 'silent' });
  if (docs.length === 0) return null;
  if (docs.length > 1) {
    throw new InputError(kind.invalid, `${source}: holds ${docs.length} YAML documents (---); expected one`);
  }
  const doc = docs[0]!;
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = error.linePos?.[0];
    const where = pos === undefined ? '' : ` at line ${pos.line}, column ${pos.col}`;
    // The message repeats the position and quotes the source over several lines; keep the first clause.
    const what = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(kind.invalid, `${source}: not valid YAML/JSON${where}: ${what}`, { cause: error });
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError(kind.invalid, `${source}: ${(e as Error).message}`, { cause: e });
  }
}
