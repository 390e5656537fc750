import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import {
  COLUMN_TYPES,
  formatIsoDateTime,
  INTEGER_CARDINALITY_LIMIT,
  inferColumnType,
  parseContract,
  parseIsoDateTime,
} from '../../../src/core/schema/index.ts';

/** `CODE: message` of the error `parseContract(input)` throws. */
function errorOf(input: unknown, source?: string): string {
  try {
    parseContract(input, source === undefined ? {} : { source });
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    return `${err.code}: ${err.message}`;
  }
  throw new Error('expected parseContract to throw');
}

describe('parseContract', () => {
  it('accepts the example from the issue and applies defaults', () => {
    const contract = parseContract({
      columns: {
        age: { type: 'num', required: true, maxMissingShare: 0.01, min: 0, max: 120 },
        country: { type: 'cat', allowed: ['DE', 'FR', 'US'] },
        email: { type: 'text', regex: '^[^@]+@[^@]+$' },
      },
      dataset: { minRows: 1000, maxRows: 1000000, unique: ['id'] },
    });
    expect(contract).toEqual({
      columns: {
        age: { type: 'num', required: true, maxMissingShare: 0.01, min: 0, max: 120 },
        country: { type: 'cat', required: true, allowed: ['DE', 'FR', 'US'] },
        email: { type: 'text', required: true, regex: '^[^@]+@[^@]+$' },
      },
      dataset: { minRows: 1000, maxRows: 1000000, unique: ['id'], allowExtraColumns: false },
    });
  });

  it('accepts every column type, required: false, an empty columns map and mixed allowed values', () => {
    for (const type of COLUMN_TYPES)
      expect(parseContract({ columns: { x: { type } } }).columns.x!.type).toBe(type);
    expect(parseContract({ columns: {} })).toEqual({ columns: {} });
    const c = parseContract({ columns: { x: { type: 'cat', required: false, allowed: ['a', 1, true] } } });
    expect(c.columns.x).toEqual({ type: 'cat', required: false, allowed: ['a', 1, true] });
  });

  it('accepts ISO strings and numbers as datetime bounds', () => {
    const c = parseContract({ columns: { d: { type: 'datetime', min: '2024-01-01', max: 1735689600000 } } });
    expect(c.columns.d).toMatchObject({ min: '2024-01-01', max: 1735689600000 });
  });

  it('reports a wrong value type with the path of the field', () => {
    expect(errorOf({ columns: { age: { type: 'num', max: '120' } } }, 'contract.yaml')).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract.yaml: columns.age.max: expected number, got string"`,
    );
    expect(errorOf({ columns: { age: { type: 'num', required: 'yes' } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.required: expected boolean, got string"`,
    );
    expect(errorOf({ columns: { age: { type: 'num', allowed: 'a' } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.allowed: expected array, got string"`,
    );
    expect(
      errorOf({ columns: { age: { type: 'cat', allowed: ['a', null, { x: 1 }] } } }),
    ).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.allowed[1]: expected string, number or boolean, got null; columns.age.allowed[2]: expected string, number or boolean, got object"`,
    );
    expect(errorOf({ columns: { age: { type: 'num', min: Infinity } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.min: expected number (or an ISO date string for datetime columns), got Infinity"`,
    );
    expect(errorOf({ columns: { age: { type: 'num', min: [1] } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.min: expected number (or an ISO date string for datetime columns), got array"`,
    );
    expect(errorOf({ columns: { age: 'num' } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age: expected object, got string"`,
    );
    expect(errorOf({ columns: [] })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns: expected object, got array"`,
    );
    expect(errorOf([1, 2])).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: expected object, got array"`,
    );
    expect(errorOf('columns')).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: expected object, got string"`,
    );
  });

  it('reports missing required keys', () => {
    expect(errorOf({ columns: { age: {} } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.type: required (one of num, cat, text, datetime, id)"`,
    );
    expect(errorOf({ dataset: { minRows: 1 } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns: required"`,
    );
    expect(errorOf(null, 'empty.yaml')).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: empty.yaml: the contract is empty; expected a mapping with "columns""`,
    );
    expect(errorOf(undefined)).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: the contract is empty; expected a mapping with "columns""`,
    );
  });

  it('reports an unknown column type', () => {
    expect(errorOf({ columns: { age: { type: 'number' } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.type: expected one of num, cat, text, datetime, id, got "number""`,
    );
  });

  it('reports unknown keys with a suggestion for typos (strict objects)', () => {
    expect(errorOf({ columns: { age: { type: 'num', maxMisingShare: 0.1 } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age: unknown key "maxMisingShare" (did you mean "maxMissingShare"?)"`,
    );
    expect(errorOf({ columns: { age: { type: 'num', Min: 0 } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age: unknown key "Min" (did you mean "min"?)"`,
    );
    expect(errorOf({ columns: { age: { type: 'num', nullable: true } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age: unknown key "nullable" (allowed keys: type, required, maxMissingShare, min, max, allowed, regex)"`,
    );
    expect(errorOf({ columns: {}, dataset: { minrows: 1, allowExtraColumn: true } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: dataset: unknown key "minrows" (did you mean "minRows"?); unknown key "allowExtraColumn" (did you mean "allowExtraColumns"?)"`,
    );
    expect(errorOf({ columns: {}, colums: {} })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: unknown key "colums" (did you mean "columns"?)"`,
    );
  });

  it('reports out-of-range numbers', () => {
    expect(errorOf({ columns: { age: { type: 'num', maxMissingShare: 1.5 } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.maxMissingShare: must be <= 1, got 1.5"`,
    );
    expect(errorOf({ columns: { age: { type: 'num', maxMissingShare: -0.1 } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.maxMissingShare: must be >= 0, got -0.1"`,
    );
    expect(errorOf({ columns: {}, dataset: { minRows: -1 } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: dataset.minRows: must be >= 0, got -1"`,
    );
    expect(errorOf({ columns: {}, dataset: { minRows: 1.5 } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: dataset.minRows: expected integer, got 1.5"`,
    );
  });

  it('reports inconsistent bounds', () => {
    expect(errorOf({ columns: { age: { type: 'num', min: 10, max: 1 } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.max: max must not be less than min"`,
    );
    expect(
      errorOf({ columns: { d: { type: 'datetime', min: '2024-02-01', max: '2024-01-01' } } }),
    ).toMatchInlineSnapshot(`"DW_CONTRACT_INVALID: contract: columns.d.max: max must not be less than min"`);
    expect(errorOf({ columns: {}, dataset: { minRows: 10, maxRows: 1 } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: dataset.maxRows: maxRows must not be less than minRows"`,
    );
  });

  it('reports ISO strings where they do not apply and bad ISO strings', () => {
    expect(errorOf({ columns: { age: { type: 'num', min: '2024-01-01' } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.age.min: expected number, got string (ISO dates are only allowed for datetime columns)"`,
    );
    expect(errorOf({ columns: { d: { type: 'datetime', min: '2024-02-30' } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.d.min: "2024-02-30" is not an ISO-8601 date or date-time"`,
    );
    expect(errorOf({ columns: { d: { type: 'datetime', max: 'yesterday' } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.d.max: "yesterday" is not an ISO-8601 date or date-time"`,
    );
    expect(errorOf({ columns: { t: { type: 'text', max: 5 } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.t.max: max does not apply to text columns"`,
    );
  });

  it('reports an invalid regex at load time', () => {
    expect(
      errorOf({ columns: { email: { type: 'text', regex: '([a-z' } } }, 'contract.yaml'),
    ).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract.yaml: columns.email.regex: Invalid regular expression: /([a-z/: Unterminated character class"`,
    );
    expect(errorOf({ columns: { email: { type: 'text', regex: 5 } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.email.regex: expected string, got number"`,
    );
  });

  it('reports dataset.unique problems', () => {
    expect(errorOf({ columns: {}, dataset: { unique: [] } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: dataset.unique: must not be empty"`,
    );
    expect(errorOf({ columns: {}, dataset: { unique: ['id', 'id'] } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: dataset.unique: lists a column more than once"`,
    );
    expect(errorOf({ columns: {}, dataset: { unique: 'id' } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: dataset.unique: expected array, got string"`,
    );
    expect(errorOf({ columns: {}, dataset: { unique: ['id', 3] } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: dataset.unique[1]: expected string, got number"`,
    );
  });

  it('quotes column names that are not identifiers in paths', () => {
    expect(errorOf({ columns: { 'my col': { type: 'num', max: 'x' } } })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns["my col"].max: expected number, got string"`,
    );
  });

  it('lists at most 5 problems, then how many more', () => {
    const columns = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`c${i}`, { type: 'bad' }]));
    expect(errorOf({ columns })).toMatchInlineSnapshot(
      `"DW_CONTRACT_INVALID: contract: columns.c0.type: expected one of num, cat, text, datetime, id, got "bad"; columns.c1.type: expected one of num, cat, text, datetime, id, got "bad"; columns.c2.type: expected one of num, cat, text, datetime, id, got "bad"; columns.c3.type: expected one of num, cat, text, datetime, id, got "bad"; columns.c4.type: expected one of num, cat, text, datetime, id, got "bad"; and 2 more"`,
    );
  });
});

describe('parseIsoDateTime / formatIsoDateTime', () => {
  it('parses dates and date-times as UTC unless an offset is given', () => {
    expect(parseIsoDateTime('2024-01-31')).toBe(Date.UTC(2024, 0, 31));
    expect(parseIsoDateTime('2024-01-31T12:30')).toBe(Date.UTC(2024, 0, 31, 12, 30));
    expect(parseIsoDateTime('2024-01-31 12:30:15')).toBe(Date.UTC(2024, 0, 31, 12, 30, 15));
    expect(parseIsoDateTime('2024-01-31T12:30:15.123456Z')).toBe(Date.UTC(2024, 0, 31, 12, 30, 15, 123));
    expect(parseIsoDateTime('2024-01-31T12:30:15.5+02:00')).toBe(Date.UTC(2024, 0, 31, 10, 30, 15, 500));
    expect(parseIsoDateTime('2024-01-31T12:30:15-0130')).toBe(Date.UTC(2024, 0, 31, 14, 0, 15));
    expect(parseIsoDateTime('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDateTime('0050-06-01')).toBe(new Date('0050-06-01T00:00:00Z').getTime());
  });

  it('rejects what is not ISO-8601', () => {
    for (const bad of [
      '2023-02-29',
      '2024-13-01',
      '2024-1-1',
      '31/01/2024',
      'Jan 31 2024',
      '2024-01-31T25:00',
      '',
      'now',
    ]) {
      expect(parseIsoDateTime(bad), bad).toBeNaN();
    }
  });

  it('formats compactly and round-trips exactly (property)', () => {
    expect(formatIsoDateTime(Date.UTC(2024, 0, 31))).toBe('2024-01-31');
    expect(formatIsoDateTime(Date.UTC(2024, 0, 31, 1, 2, 3))).toBe('2024-01-31T01:02:03Z');
    expect(formatIsoDateTime(Date.UTC(2024, 0, 31, 1, 2, 3, 4))).toBe('2024-01-31T01:02:03.004Z');
    expect(formatIsoDateTime(Number.NaN)).toBe('NaN');
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), (ms) => {
        expect(parseIsoDateTime(formatIsoDateTime(ms))).toBe(ms);
      }),
    );
  });
});

describe('column-type re-exports', () => {
  it('exposes the lead-owned inference through the schema index', () => {
    expect(COLUMN_TYPES).toEqual(['num', 'cat', 'text', 'datetime', 'id']);
    expect(INTEGER_CARDINALITY_LIMIT).toBe(10);
    expect(inferColumnType({ name: 'x', dtype: 'float', values: new Float64Array([1]) })).toBe('num');
  });
});
