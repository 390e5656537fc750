/**
 * Reads a data contract from a YAML or JSON file and validates it (`src/core/schema/contract.ts`).
 * Both formats go through the `yaml` parser (JSON is YAML 1.2), which gives line/column positions
 * and rejects duplicate keys, which `JSON.parse` would silently accept (last one wins).
 * @module
 */
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { InputError } from '../core/errors.ts';
import type { Contract } from '../core/schema/contract.ts';
import { parseContract } from '../core/schema/contract.ts';

/**
 * Reads and validates the contract at `path` (YAML or JSON, by content).
 * @throws InputError `DW_CONTRACT_NOT_FOUND` if the file does not exist or cannot be read;
 *   `DW_CONTRACT_INVALID` if it is not valid YAML/JSON or not a valid contract, with a message naming
 *   the file and the bad field: `contract.yaml: columns.age.max: expected number, got string`.
 */
export async function readContractFile(path: string): Promise<Contract> {
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
    throw new InputError('DW_CONTRACT_NOT_FOUND', `contract file ${path} ${reason}`, { cause: e });
  }
  return parseContractText(text, path);
}

/**
 * Parses contract text (YAML or JSON) and validates it; `source` names it in error messages.
 * @throws InputError `DW_CONTRACT_INVALID`.
 */
export function parseContractText(text: string, source: string): Contract {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { prettyErrors: true, logLevel: 'silent' });
  if (docs.length === 0) return parseContract(null, { source }); // empty, or comments only
  if (docs.length > 1) {
    throw new InputError(
      'DW_CONTRACT_INVALID',
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
    throw new InputError('DW_CONTRACT_INVALID', `${source}: not valid YAML/JSON${where}: ${what}`, {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError('DW_CONTRACT_INVALID', `${source}: ${(e as Error).message}`, { cause: e });
  }
  return parseContract(data, { source });
}
