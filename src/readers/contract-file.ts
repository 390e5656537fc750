/**
 * Reads a data contract from a YAML or JSON file and validates it (`src/core/schema/contract.ts`).
 * Both formats go through the `yaml` parser (JSON is YAML 1.2), which gives line/column positions
 * and rejects duplicate keys, which `JSON.parse` would silently accept (last one wins).
 * @module
 */
import type { Contract } from '../core/schema/contract.ts';
import { parseContract } from '../core/schema/contract.ts';
import { type DocumentKind, parseDocument, readDocumentText } from './yaml-file.ts';

const KIND: DocumentKind = {
  label: 'contract file',
  notFound: 'DW_CONTRACT_NOT_FOUND',
  invalid: 'DW_CONTRACT_INVALID',
};

/**
 * Reads and validates the contract at `path` (YAML or JSON, by content).
 * @throws InputError `DW_CONTRACT_NOT_FOUND` if the file does not exist or cannot be read;
 *   `DW_CONTRACT_INVALID` if it is not valid YAML/JSON or not a valid contract, with a message naming
 *   the file and the bad field: `contract.yaml: columns.age.max: expected number, got string`.
 */
export async function readContractFile(path: string): Promise<Contract> {
  return parseContractText(await readDocumentText(path, KIND), path);
}

/**
 * Parses contract text (YAML or JSON) and validates it; `source` names it in error messages.
 * @throws InputError `DW_CONTRACT_INVALID`.
 */
export function parseContractText(text: string, source: string): Contract {
  return parseContract(parseDocument(text, source, KIND), { source });
}
