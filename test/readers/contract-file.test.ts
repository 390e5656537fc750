import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { parseContractText, readContractFile } from '../../src/readers/contract-file.ts';

const DIR = 'test/fixtures/contract';

/** `CODE: message` of the error reading `file` throws. */
async function errorOf(file: string): Promise<string> {
  try {
    await readContractFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    return `${err.code}: ${err.message}`;
  }
  throw new Error(`expected reading ${file} to fail`);
}

const EXAMPLE = {
  columns: {
    age: { type: 'num', required: true, maxMissingShare: 0.01, min: 0, max: 120 },
    country: { type: 'cat', required: true, allowed: ['DE', 'FR', 'US'] },
    email: { type: 'text', required: true, regex: '^[^@]+@[^@]+$' },
  },
  dataset: { minRows: 1000, maxRows: 1000000, unique: ['id'], allowExtraColumns: false },
};

describe('readContractFile', () => {
  it('reads the example contract from the issue as YAML', async () => {
    expect(await readContractFile(`${DIR}/example.yaml`)).toEqual(EXAMPLE);
  });

  it('reads the same contract as (tab-indented) JSON', async () => {
    expect(await readContractFile(`${DIR}/example.json`)).toEqual(EXAMPLE);
  });

  it('reads block-style YAML with comments; unquoted dates stay strings (YAML 1.2)', async () => {
    expect(await readContractFile(`${DIR}/block-style.yml`)).toEqual({
      columns: {
        signup: { type: 'datetime', required: true, min: '2020-01-01', max: '2030-12-31T23:59:59Z' },
        code: { type: 'cat', required: true, allowed: ['01', '02'] },
        note: { type: 'text', required: false },
      },
      dataset: { allowExtraColumns: true },
    });
  });

  it('DW_CONTRACT_NOT_FOUND for a missing file or a directory', async () => {
    expect(await errorOf(`${DIR}/nope.yaml`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_NOT_FOUND: contract file test/fixtures/contract/nope.yaml not found"`,
    );
    expect(await errorOf(`${DIR}/example.yaml/inner`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_NOT_FOUND: contract file test/fixtures/contract/example.yaml/inner not found"`,
    );
    expect(await errorOf(DIR)).toMatchInlineSnapshot(
      `"DW_CONTRACT_NOT_FOUND: contract file test/fixtures/contract is a directory, expected a YAML or JSON file"`,
    );
  });

  it('DW_CONTRACT_INVALID names the file and the bad field', async () => {
    expect(await errorOf(`${DIR}/bad-type.yaml`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: test/fixtures/contract/bad-type.yaml: columns.age.max: expected number, got string"`,
    );
    expect(await errorOf(`${DIR}/unknown-key.yaml`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: test/fixtures/contract/unknown-key.yaml: columns.age: unknown key "maxMisingShare" (did you mean "maxMissingShare"?)"`,
    );
    expect(await errorOf(`${DIR}/bad-regex.yaml`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: test/fixtures/contract/bad-regex.yaml: columns.email.regex: Invalid regular expression: /([a-z/: Unterminated character class"`,
    );
  });

  it('DW_CONTRACT_INVALID for files that are not YAML/JSON or not a mapping', async () => {
    expect(await errorOf(`${DIR}/malformed.yaml`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: test/fixtures/contract/malformed.yaml: not valid YAML/JSON at line 3, column 3: Flow map in block collection must be sufficiently indented and end with a }"`,
    );
    expect(await errorOf(`${DIR}/malformed.json`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: test/fixtures/contract/malformed.json: not valid YAML/JSON at line 4, column 1: Flow map in block collection must be sufficiently indented and end with a }"`,
    );
    expect(await errorOf(`${DIR}/duplicate-key.json`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: test/fixtures/contract/duplicate-key.json: not valid YAML/JSON at line 4, column 5: Map keys must be unique"`,
    );
    expect(await errorOf(`${DIR}/two-documents.yaml`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: test/fixtures/contract/two-documents.yaml: holds 2 YAML documents (---); expected one"`,
    );
    expect(await errorOf(`${DIR}/empty.yaml`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: test/fixtures/contract/empty.yaml: the contract is empty; expected a mapping with "columns""`,
    );
    expect(await errorOf(`${DIR}/not-a-mapping.yaml`)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: test/fixtures/contract/not-a-mapping.yaml: expected object, got array"`,
    );
  });

  it('keeps the original error as the cause', async () => {
    await expect(readContractFile(`${DIR}/nope.yaml`)).rejects.toMatchObject({ cause: { code: 'ENOENT' } });
  });
});

describe('parseContractText', () => {
  it('ignores a byte-order mark and accepts JSON text', () => {
    expect(parseContractText('\uFEFF{"columns": {"x": {"type": "id"}}}', 'x.json')).toEqual({
      columns: { x: { type: 'id', required: true } },
    });
  });

  it('limits alias expansion (billion laughs)', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'columns: {}',
    ].join('\n');
    expect(() => parseContractText(bomb, 'bomb.yaml')).toThrow(/bomb\.yaml: /);
  });

  it('reports a YAML tag that is not plain data', () => {
    expect(() =>
      parseContractText('columns: { x: { type: num, min: !!binary aGVsbG8= } }', 'c.yaml'),
    ).toThrow(
      'c.yaml: columns.x.min: expected number (or an ISO date string for datetime columns), got object',
    );
  });
});
