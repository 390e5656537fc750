import { describe, expect, it } from 'vitest';
import type {
  ColumnType,
  Contract,
  ContractInput,
  ContractViolation,
} from '../../../src/core/schema/index.ts';
import { CONTRACT_CHECKS, parseContract, validateContract } from '../../../src/core/schema/index.ts';
import type { Column, Table } from '../../../src/core/table/column.ts';
import { bools, dates, floats, ints, strings, tableOf } from './table-builder.ts';

/** The contract from the issue, verbatim (as parsed from YAML). */
const EXAMPLE: ContractInput = {
  columns: {
    age: { type: 'num', required: true, maxMissingShare: 0.01, min: 0, max: 120 },
    country: { type: 'cat', allowed: ['DE', 'FR', 'US'] },
    email: { type: 'text', regex: '^[^@]+@[^@]+$' },
  },
  dataset: { minRows: 1000, maxRows: 1000000, unique: ['id'] },
};
const example = parseContract(EXAMPLE);

const N = 1000;
const COUNTRIES = ['DE', 'FR', 'US'];

/** A 1000-row table that satisfies the example contract; `patch` replaces or adds columns. */
function exampleTable(patch: Record<string, Column | null> = {}, rowCount = N): Table {
  const base: Record<string, Column> = {
    id: ints(
      'id',
      Array.from({ length: rowCount }, (_, i) => i),
    ),
    age: floats(
      'age',
      Array.from({ length: rowCount }, (_, i) => i % 100),
    ),
    country: strings(
      'country',
      Array.from({ length: rowCount }, (_, i) => COUNTRIES[i % 3]!),
    ),
    email: strings(
      'email',
      Array.from({ length: rowCount }, (_, i) => `user${i}@example.com`),
    ),
  };
  const columns: Column[] = [];
  for (const [name, column] of Object.entries({ ...base, ...patch })) {
    if (column !== null) columns.push({ ...column, name });
  }
  return tableOf(...columns);
}

/** `base` for rows 0..N-1 with the listed rows replaced. */
function withRows<T>(base: (i: number) => T, replace: Record<number, T>): T[] {
  return Array.from({ length: N }, (_, i) => (i in replace ? replace[i]! : base(i)));
}

function messages(violations: readonly ContractViolation[]): string[] {
  return violations.map((v) => `${v.check}: ${v.message}`);
}

function contract(input: ContractInput): Contract {
  return parseContract(input);
}

describe('validateContract: the example contract', () => {
  it('passes a table that meets every check', () => {
    expect(validateContract(example, exampleTable())).toEqual([]);
  });

  it('row_count_check: too few rows and too many rows', () => {
    const few = validateContract(example, exampleTable({}, 999));
    expect(few).toEqual([
      {
        column: null,
        check: 'row_count_check',
        message: 'dataset has 999 rows, fewer than minRows 1000',
        observed: 999,
        expected: 1000,
      },
    ]);
    const small = contract({ ...EXAMPLE, dataset: { maxRows: 500, unique: ['id'] } });
    expect(messages(validateContract(small, exampleTable()))).toMatchInlineSnapshot(`
      [
        "row_count_check: dataset has 1000 rows, more than maxRows 500",
      ]
    `);
  });

  it('missing_column_check: a required column and a unique-key column are absent', () => {
    const v = validateContract(example, exampleTable({ age: null, id: null }));
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "missing_column_check: column "age" is missing from the data; the contract requires it (type num)",
        "missing_column_check: column "id" is missing from the data; dataset.unique needs it",
      ]
    `);
    expect(v[0]).toMatchObject({ column: 'age', expected: 'num' });
  });

  it('missing_column_check: not for a column declared required: false', () => {
    const optional = contract({
      ...EXAMPLE,
      columns: { ...EXAMPLE.columns, age: { type: 'num', required: false, min: 0 } },
    });
    expect(validateContract(optional, exampleTable({ age: null }))).toEqual([]);
  });

  it('extra_column_check: undeclared columns, unless allowExtraColumns', () => {
    const table = exampleTable({
      score: floats(
        'score',
        withRows(() => 0.5, {}),
      ),
      zip: strings('zip', withRows(String, {})),
    });
    expect(messages(validateContract(example, table))).toMatchInlineSnapshot(`
      [
        "extra_column_check: column "score" is not declared in the contract; declare it or set dataset.allowExtraColumns: true",
        "extra_column_check: column "zip" is not declared in the contract; declare it or set dataset.allowExtraColumns: true",
      ]
    `);
    expect(validateContract(example, table)[0]).toMatchObject({ column: 'score', observed: 'float' });
    const lax = contract({ ...EXAMPLE, dataset: { ...EXAMPLE.dataset, allowExtraColumns: true } });
    expect(validateContract(lax, table)).toEqual([]);
  });

  it('data_type_check: numbers read as strings, counting the non-numbers', () => {
    const age = strings(
      'age',
      withRows((i) => String(i % 100), { 3: 'n/a', 5: 'n/a', 8: '?', 13: 'unknown' }),
    );
    const v = validateContract(example, exampleTable({ age }));
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "data_type_check: column "age" is declared num but was read as string (inferred cat); 4 of 1000 non-missing values (0.4%) are not numbers, e.g. "n/a" (2 rows), "?" (1 row), "unknown" (1 row)",
      ]
    `);
    expect(v[0]).toMatchObject({ column: 'age', observed: 'cat', expected: 'num', count: 4 });
  });

  it('data_type_check: a text column that holds numbers and a cat column that holds dates', () => {
    const v = validateContract(
      example,
      exampleTable({
        email: ints(
          'email',
          withRows((i) => i, {}),
        ),
        country: dates(
          'country',
          withRows(() => '2024-01-01', {}),
        ),
      }),
    );
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "data_type_check: column "country" is declared cat but was read as datetime (inferred datetime)",
        "categorical_values_check: column "country" has 1000 of 1000 non-missing values (100%) not in allowed (3 values), e.g. 2024-01-01 (1000 rows)",
        "data_type_check: column "email" is declared text but was read as int (inferred num)",
        "regex_check: column "email" has 1000 of 1000 non-missing values (100%) not matching /^[^@]+@[^@]+$/, e.g. 0 (1 row), 1 (1 row), 2 (1 row), 3 (1 row), 4 (1 row)",
      ]
    `);
  });

  it('completeness_check: more missing values than maxMissingShare', () => {
    const missing = Object.fromEntries(Array.from({ length: 25 }, (_, k) => [k * 40, null]));
    const v = validateContract(
      example,
      exampleTable({
        age: floats(
          'age',
          withRows((i) => i % 100, missing),
        ),
      }),
    );
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "completeness_check: column "age" has 25 of 1000 values missing (2.5%), more than maxMissingShare 0.01 (1%)",
      ]
    `);
    expect(v[0]).toMatchObject({ observed: 0.025, expected: 0.01, count: 25 });
    // Exactly at the limit passes: 10 of 1000 is 0.01.
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [k, null]));
    expect(
      validateContract(
        example,
        exampleTable({
          age: floats(
            'age',
            withRows((i) => i % 100, ten),
          ),
        }),
      ),
    ).toEqual([]);
  });

  it('categorical_values_check: values outside allowed, most frequent first, missing ignored', () => {
    const replace: Record<number, string | null> = {};
    for (let k = 0; k < 8; k++) replace[k] = 'UK';
    for (let k = 8; k < 12; k++) replace[k] = 'ES';
    replace[12] = 'de';
    replace[13] = null;
    const v = validateContract(
      example,
      exampleTable({
        country: strings(
          'country',
          withRows((i) => COUNTRIES[i % 3]!, replace),
        ),
      }),
    );
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "categorical_values_check: column "country" has 13 of 999 non-missing values (1.3%) not in allowed (3 values), e.g. "UK" (8 rows), "ES" (4 rows), "de" (1 row)",
      ]
    `);
    expect(v[0]).toMatchObject({ count: 13, examples: ['"UK" (8 rows)', '"ES" (4 rows)', '"de" (1 row)'] });
  });

  it('range_check: values below min and above max, with the observed extremes', () => {
    const v = validateContract(
      example,
      exampleTable({
        age: floats(
          'age',
          withRows((i) => i % 100, { 0: -3, 1: 150, 2: 121, 3: Infinity, 4: null }),
        ),
      }),
    );
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "range_check: column "age" has 4 of 999 non-missing values (0.4%) outside [0, 120]; observed min -3, max Infinity",
      ]
    `);
    expect(v[0]).toMatchObject({ column: 'age', count: 4, expected: '[0, 120]' });
  });

  it('regex_check: values that do not match, with examples', () => {
    const v = validateContract(
      example,
      exampleTable({
        email: strings(
          'email',
          withRows((i) => `user${i}@example.com`, { 0: 'nobody', 1: 'a@b@c', 2: '', 3: null, 4: 'nobody' }),
        ),
      }),
    );
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "regex_check: column "email" has 4 of 999 non-missing values (0.4%) not matching /^[^@]+@[^@]+$/, e.g. "nobody" (2 rows), "a@b@c" (1 row), "" (1 row)",
      ]
    `);
  });

  it('unique_check: duplicated keys, counted like pandas duplicated(keep="first")', () => {
    const v = validateContract(
      example,
      exampleTable({
        id: ints(
          'id',
          withRows((i) => i, { 1: 0, 2: 0, 10: 9 }),
        ),
      }),
    );
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "unique_check: dataset has 3 rows repeating the key (id) of an earlier row, e.g. 0 (3 rows), 9 (2 rows)",
      ]
    `);
    expect(v[0]).toMatchObject({ column: null, count: 3, expected: 'id' });
  });

  it('reports every check at once, in the documented order', () => {
    const table = tableOf(
      strings('country', ['DE', 'XX']),
      floats('age', [200, null]),
      ints('id', [1, 1]),
      strings('email', ['x', 'y@z']),
      bools('extra', [true, false]),
    );
    const v = validateContract(example, table);
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "row_count_check: dataset has 2 rows, fewer than minRows 1000",
        "completeness_check: column "age" has 1 of 2 values missing (50%), more than maxMissingShare 0.01 (1%)",
        "range_check: column "age" has 1 of 1 non-missing value (100%) outside [0, 120]; observed min 200, max 200",
        "categorical_values_check: column "country" has 1 of 2 non-missing values (50%) not in allowed (3 values), e.g. "XX" (1 row)",
        "regex_check: column "email" has 1 of 2 non-missing values (50%) not matching /^[^@]+@[^@]+$/, e.g. "x" (1 row)",
        "extra_column_check: column "extra" is not declared in the contract; declare it or set dataset.allowExtraColumns: true",
        "unique_check: dataset has 1 row repeating the key (id) of an earlier row, e.g. 1 (2 rows)",
      ]
    `);
    for (const violation of v) expect(Object.isFrozen(violation)).toBe(true);
  });
});

describe('validateContract: data_type_check compatibility', () => {
  const columns: Record<string, Column> = {
    int: ints('int', [1, 2, 3, 1]),
    float: floats('float', [1.5, 2, null, 3]),
    wholeFloat: floats('wholeFloat', [1, 2, null, 3]),
    string: strings('string', ['a', 'b', 'a', 'b']),
    bool: bools('bool', [true, false, true, null]),
    datetime: dates('datetime', ['2024-01-01', null, '2024-02-01', '2024-03-01']),
  };
  // Declared type → dtypes that fit it.
  const fits: Record<ColumnType, string[]> = {
    num: ['int', 'float', 'wholeFloat'],
    cat: ['int', 'wholeFloat', 'string', 'bool'],
    text: ['string'],
    datetime: ['datetime'],
    id: ['int', 'float', 'wholeFloat', 'string', 'bool', 'datetime'],
  };
  for (const [declared, accepted] of Object.entries(fits) as [ColumnType, string[]][]) {
    for (const [name, column] of Object.entries(columns)) {
      const ok = accepted.includes(name);
      it(`${declared} ${ok ? 'accepts' : 'rejects'} ${name}`, () => {
        const c = contract({ columns: { [name]: { type: declared } } });
        const v = validateContract(c, tableOf(column));
        expect(v.map((x) => x.check)).toEqual(ok ? [] : ['data_type_check']);
      });
    }
  }

  it('accepts an all-missing column whatever the declared type', () => {
    const c = contract({ columns: { a: { type: 'datetime' }, b: { type: 'num' } } });
    expect(validateContract(c, tableOf(strings('a', [null, null]), strings('b', [null, null])))).toEqual([]);
  });

  it('trusts the caller-given semantic type (user override) when it equals the declared one', () => {
    const table = tableOf(strings('when', ['2024-01-01', 'soon']));
    const c = contract({ columns: { when: { type: 'datetime' } } });
    expect(messages(validateContract(c, table))).toMatchInlineSnapshot(`
      [
        "data_type_check: column "when" is declared datetime but was read as string (inferred text); 1 of 2 non-missing values (50%) are not ISO dates, e.g. "soon" (1 row)",
      ]
    `);
    expect(validateContract(c, table, { columnTypes: new Map([['when', 'datetime']]) })).toEqual([]);
  });

  it('declared num on a bool column: no count of bad values, range check skipped', () => {
    const c = contract({ columns: { flag: { type: 'num', min: 0 } } });
    expect(messages(validateContract(c, tableOf(bools('flag', [true, false]))))).toMatchInlineSnapshot(`
      [
        "data_type_check: column "flag" is declared num but was read as bool (inferred cat)",
      ]
    `);
  });
});

describe('validateContract: value checks by dtype', () => {
  it('allowed on an int column compares numerically (numeric strings too)', () => {
    const c = contract({ columns: { rating: { type: 'cat', allowed: [1, 2, '3', 4.0, 'x', true] } } });
    const v = validateContract(c, tableOf(ints('rating', [1, 2, 3, 4, 5, 5, 0])));
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "categorical_values_check: column "rating" has 3 of 7 non-missing values (42.86%) not in allowed (6 values), e.g. 5 (2 rows), 0 (1 row)",
      ]
    `);
  });

  it('allowed on a string column compares string forms (numbers become "1", "2.5")', () => {
    const c = contract({ columns: { code: { type: 'cat', allowed: [1, 2.5, 'a', true] } } });
    const v = validateContract(c, tableOf(strings('code', ['1', '2.5', 'a', 'true', '01', 'A'])));
    expect(v[0]).toMatchObject({ count: 2, examples: ['"01" (1 row)', '"A" (1 row)'] });
  });

  it('allowed on a bool column compares true/false (also "true" and 1/0)', () => {
    const table = tableOf(bools('flag', [true, false, null, true]));
    expect(
      validateContract(contract({ columns: { flag: { type: 'cat', allowed: [true, false] } } }), table),
    ).toEqual([]);
    expect(
      validateContract(contract({ columns: { flag: { type: 'cat', allowed: ['TRUE', 0] } } }), table),
    ).toEqual([]);
    const onlyTrue = validateContract(
      contract({ columns: { flag: { type: 'cat', allowed: [true] } } }),
      table,
    );
    expect(messages(onlyTrue)).toMatchInlineSnapshot(`
      [
        "categorical_values_check: column "flag" has 1 of 3 non-missing values (33.33%) not in allowed (1 value), e.g. false (1 row)",
      ]
    `);
  });

  it('datetime bounds and allowed accept ISO strings and epoch ms; messages show ISO', () => {
    const table = tableOf(
      dates('day', ['2024-01-01', '2024-01-15T12:00:00Z', null, '2023-12-31T23:59:59.5Z']),
    );
    const c = contract({
      columns: { day: { type: 'datetime', min: '2024-01-01', max: Date.UTC(2024, 0, 10) } },
    });
    expect(messages(validateContract(c, table))).toMatchInlineSnapshot(`
      [
        "range_check: column "day" has 2 of 3 non-missing values (66.67%) outside [2024-01-01, 2024-01-10]; observed min 2023-12-31T23:59:59.500Z, max 2024-01-15T12:00:00Z",
      ]
    `);
    const offset = contract({ columns: { day: { type: 'datetime', min: '2024-01-01T01:00:00+01:00' } } });
    expect(validateContract(offset, table).map((v) => v.count)).toEqual([1]);
    const allowed = contract({
      columns: { day: { type: 'datetime', allowed: ['2024-01-01', Date.UTC(2024, 0, 15, 12)] } },
    });
    expect(messages(validateContract(allowed, table))).toMatchInlineSnapshot(`
      [
        "categorical_values_check: column "day" has 1 of 3 non-missing values (33.33%) not in allowed (2 values), e.g. 2023-12-31T23:59:59.500Z (1 row)",
      ]
    `);
  });

  it('regex on numbers tests String(v); on datetimes the full toISOString form', () => {
    const n = contract({ columns: { x: { type: 'num', regex: '^\\d+$' } } });
    expect(
      messages(validateContract(n, tableOf(floats('x', [1, 2.5, 10, null, -3, 2.5])))),
    ).toMatchInlineSnapshot(`
      [
        "regex_check: column "x" has 3 of 5 non-missing values (60%) not matching /^\\d+$/, e.g. 2.5 (2 rows), -3 (1 row)",
      ]
    `);
    const d = contract({ columns: { d: { type: 'datetime', regex: 'T00:00:00\\.000Z$' } } });
    expect(
      messages(validateContract(d, tableOf(dates('d', ['2024-01-01', '2024-01-01T06:00:00Z'])))),
    ).toMatchInlineSnapshot(`
      [
        "regex_check: column "d" has 1 of 2 non-missing values (50%) not matching /T00:00:00\\.000Z$/, e.g. 2024-01-01T06:00:00Z (1 row)",
      ]
    `);
  });

  it('regex is a search (unanchored) and also applies to bool columns', () => {
    const c = contract({ columns: { s: { type: 'cat', regex: 'b' }, f: { type: 'cat', regex: '^t' } } });
    const v = validateContract(
      c,
      tableOf(strings('s', ['abc', 'b', 'xyz']), bools('f', [true, false, true])),
    );
    expect(v.map((x) => [x.column, x.count])).toEqual([
      ['s', 1],
      ['f', 1],
    ]);
  });

  it('range on a string column declared cat cannot be checked and says so', () => {
    const c = contract({ columns: { grade: { type: 'cat', min: 1, max: 5 } } });
    expect(messages(validateContract(c, tableOf(strings('grade', ['1', '2']))))).toMatchInlineSnapshot(`
      [
        "range_check: column "grade" has string values, so min/max cannot be checked; remove them or fix the column type",
      ]
    `);
  });

  it('range on a cat int column works; float with only whole numbers fits cat', () => {
    const c = contract({ columns: { r: { type: 'cat', min: 1, max: 5, allowed: [1, 2, 3, 4, 5] } } });
    expect(validateContract(c, tableOf(floats('r', [1, null, 5, 3])))).toEqual([]);
    expect(validateContract(c, tableOf(ints('r', [1, 6, 5, 0]))).map((v) => v.check)).toEqual([
      'categorical_values_check',
      'range_check',
    ]);
  });

  it('only min or only max', () => {
    const lo = contract({ columns: { x: { type: 'num', min: 0 } } });
    const hi = contract({ columns: { x: { type: 'num', max: 0 } } });
    const table = tableOf(floats('x', [-1, 0, 1, 2]));
    expect(messages([...validateContract(lo, table), ...validateContract(hi, table)])).toMatchInlineSnapshot(`
      [
        "range_check: column "x" has 1 of 4 non-missing values (25%) below min 0; observed min -1, max 2",
        "range_check: column "x" has 2 of 4 non-missing values (50%) above max 0; observed min -1, max 2",
      ]
    `);
  });

  it('cuts long example strings and shows at most 5 examples', () => {
    const long = 'x'.repeat(100);
    const c = contract({ columns: { s: { type: 'text', allowed: ['ok'] } } });
    const values = [long, 'a', 'b', 'c', 'd', 'e', 'f', 'ok', 'a'];
    const v = validateContract(c, tableOf(strings('s', values)));
    expect(v[0]!.examples).toHaveLength(5);
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "categorical_values_check: column "s" has 8 of 9 non-missing values (88.89%) not in allowed (1 value), e.g. "a" (2 rows), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." (1 row), "b" (1 row), "c" (1 row), "d" (1 row)",
      ]
    `);
  });

  it('counts strings, not dictionary entries: unused dictionary entries are ignored', () => {
    const column = {
      name: 's',
      dtype: 'string' as const,
      codes: Int32Array.from([0, 0, -1]),
      dictionary: ['a', 'zzz'],
    };
    const c = contract({ columns: { s: { type: 'cat', allowed: ['a'], regex: '^a$' } } });
    expect(validateContract(c, tableOf(column))).toEqual([]);
  });
});

describe('validateContract: unique_check', () => {
  it('a unique-key column named like an Object.prototype member is still reported missing', () => {
    const c = contract({ columns: {}, dataset: { unique: ['constructor'], allowExtraColumns: true } });
    expect(validateContract(c, tableOf(floats('k', [1]))).map((v) => [v.check, v.column])).toEqual([
      ['missing_column_check', 'constructor'],
    ]);
  });

  it('missing values count as a value', () => {
    const c = contract({ columns: {}, dataset: { unique: ['k'], allowExtraColumns: true } });
    const v = validateContract(c, tableOf(floats('k', [1, null, null, 2, null])));
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "unique_check: dataset has 2 rows repeating the key (k) of an earlier row, e.g. missing (3 rows)",
      ]
    `);
  });

  it('combines several columns; -0 equals 0; string keys are quoted', () => {
    const c = contract({ columns: {}, dataset: { unique: ['a', 'b', 'c'], allowExtraColumns: true } });
    const table = tableOf(
      floats('a', [0, -0, 0, 1, 1, 0]),
      strings('b', ['x', 'x', 'y', 'x', 'x', 'x']),
      bools('c', [true, true, true, null, null, false]),
    );
    const v = validateContract(c, table);
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "unique_check: dataset has 2 rows repeating the key (a, b, c) of an earlier row, e.g. (0, "x", true) (2 rows), (1, "x", missing) (2 rows)",
      ]
    `);
    expect(v[0]!.count).toBe(2);
  });

  it('matches a Set-based oracle on random multi-column data (property)', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.constantFrom('p', 'q', null), fc.boolean()), {
          maxLength: 60,
        }),
        (rowsData) => {
          const table = tableOf(
            floats(
              'a',
              rowsData.map(([a, , z]) => (z ? null : a)),
            ),
            strings(
              'b',
              rowsData.map(([, b]) => b),
            ),
          );
          const keys = new Set(rowsData.map(([a, b, z]) => JSON.stringify([z ? null : a, b])));
          const c = contract({ columns: {}, dataset: { unique: ['a', 'b'], allowExtraColumns: true } });
          const v = validateContract(c, table);
          const expected = rowsData.length - keys.size;
          expect(v.length === 0 ? 0 : v[0]!.count).toBe(expected);
        },
      ),
    );
  });
});

describe('validateContract: edge cases', () => {
  it('an empty table passes value checks (no rows, no shares to compare)', () => {
    const c = contract({
      columns: { x: { type: 'num', maxMissingShare: 0, min: 0, allowed: [1], regex: 'x' } },
    });
    expect(validateContract(c, tableOf(floats('x', [])))).toEqual([]);
  });

  it('lists every check name once in CONTRACT_CHECKS', () => {
    expect(CONTRACT_CHECKS).toEqual([
      'data_type_check',
      'completeness_check',
      'missing_column_check',
      'extra_column_check',
      'categorical_values_check',
      'range_check',
      'regex_check',
      'row_count_check',
      'unique_check',
    ]);
  });
});

describe('validateContract: performance', () => {
  it('validates 1M rows (timing printed, not asserted)', () => {
    const n = 1_000_000;
    const age = new Float64Array(n);
    const id = new Float64Array(n);
    const countryCodes = new Int32Array(n);
    const emailCodes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      age[i] = i % 97 === 0 ? NaN : (i * 7) % 121;
      id[i] = i;
      countryCodes[i] = i % 3;
      emailCodes[i] = i % 5000;
    }
    const table: Table = {
      rowCount: n,
      columns: [
        { name: 'id', dtype: 'int', values: id },
        { name: 'age', dtype: 'float', values: age },
        { name: 'country', dtype: 'string', codes: countryCodes, dictionary: COUNTRIES },
        {
          name: 'email',
          dtype: 'string',
          codes: emailCodes,
          dictionary: Array.from({ length: 5000 }, (_, i) => (i === 7 ? 'broken' : `u${i}@x.org`)),
        },
      ],
    };
    const heavy = contract({
      columns: {
        ...EXAMPLE.columns,
        age: {
          type: 'num',
          maxMissingShare: 0.02,
          min: 0,
          max: 120,
          allowed: Array.from({ length: 121 }, (_, i) => i),
          regex: '^\\d+$',
        },
      },
      dataset: { minRows: 1000, maxRows: 1_000_000, unique: ['id', 'country'] },
    });
    const columnTypes = new Map<string, ColumnType>([
      ['id', 'num'],
      ['age', 'num'],
      ['country', 'cat'],
      ['email', 'text'],
    ]);
    validateContract(heavy, table, { columnTypes }); // warm-up
    const v = validateContract(heavy, table, { columnTypes });
    expect(messages(v)).toMatchInlineSnapshot(`
      [
        "regex_check: column "email" has 200 of 1000000 non-missing values (0.02%) not matching /^[^@]+@[^@]+$/, e.g. "broken" (200 rows)",
      ]
    `);
  });
});
