import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Table } from '../../src/core/table/column.ts';
import { readCsv, readDataset } from '../../src/readers/index.ts';
import { cells, col, dtypes, inputError, tempDir, writeFile } from './helpers.ts';

const dir = tempDir();
let n = 0;
/** Write a CSV file with `content` and read it. */
async function read(
  content: string | Uint8Array,
  options: Parameters<typeof readCsv>[1] = {},
): Promise<Table> {
  return readCsv(writeFile(dir, `t${n++}.csv`, content), options);
}
function csvPath(content: string | Uint8Array): string {
  return writeFile(dir, `e${n++}.csv`, content);
}

afterAll(() => {
  // temp files are left to the OS temp cleaner; nothing to close.
});

describe('RFC 4180', () => {
  it('reads quoted fields with escaped quotes, commas and newlines (LF and CRLF)', async () => {
    for (const nl of ['\n', '\r\n']) {
      const t = await read(
        ['id,text,x', '1,"a, b",1.5', '2,"say ""hi""",2', `3,"two${nl}lines",3`, '4,plain,4', ''].join(nl),
      );
      expect(t.rowCount).toBe(4);
      expect(cells(col(t, 'text'))).toEqual(['a, b', 'say "hi"', `two${nl}lines`, 'plain']);
      expect(cells(col(t, 'x'))).toEqual([1.5, 2, 3, 4]);
      expect(dtypes(t)).toEqual({ id: 'int', text: 'string', x: 'float' });
    }
  });

  it('strips a UTF-8 BOM, with or without quotes in the header', async () => {
    const a = await read('\uFEFFa,b\n1,x\n');
    const b = await read('\uFEFF"a","b"\n1,x\n');
    expect(a.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(b.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('accepts a missing final newline, CRLF, and skips empty and blank lines like pandas', async () => {
    const forms = [
      'a,b\n1,x\n2,y',
      'a,b\r\n1,x\r\n2,y\r\n',
      '\na,b\n\n1,x\n   \n2,y\n\n\n',
      'a,b\r\n\r\n1,x\r\n\t\r\n2,y',
      'a,b\n1,"x"\n\n2,y\n',
    ];
    for (const text of forms) {
      const t = await read(text);
      expect(t.rowCount, JSON.stringify(text)).toBe(2);
      expect(cells(col(t, 'a'))).toEqual([1, 2]);
      expect(cells(col(t, 'b'))).toEqual(['x', 'y']);
    }
  });

  it('keeps empty fields as missing cells and a row of empty fields as a row', async () => {
    const t = await read('a,b,c\n1,,x\n,,\n3,2.5,\n');
    expect(t.rowCount).toBe(3);
    expect(cells(col(t, 'a'))).toEqual([1, null, 3]);
    expect(cells(col(t, 'b'))).toEqual([null, null, 2.5]);
    expect(cells(col(t, 'c'))).toEqual(['x', null, null]);
    expect(dtypes(t)).toEqual({ a: 'float', b: 'float', c: 'string' });
  });

  it('reads a quoted empty string as missing, like pandas', async () => {
    const t = await read('a,b\n"",1\n"x",2\n');
    expect(cells(col(t, 'a'))).toEqual([null, 'x']);
  });

  it('names columns like pandas: Unnamed: i for empty names, .1/.2 for duplicates', async () => {
    const t = await read('a,a,a.1,,b,a\n1,2,3,4,5,6\n');
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'a.2', 'a.1', 'Unnamed: 3', 'b', 'a.3']);
  });

  it('reads non-ASCII UTF-8 text in both paths', async () => {
    const t = await read('name,v\nJosé,1\n"Zoë, ü",2\nJosé,3\n');
    expect(cells(col(t, 'name'))).toEqual(['José', 'Zoë, ü', 'José']);
    const s = col(t, 'name');
    expect('dictionary' in s && s.dictionary).toEqual(['José', 'Zoë, ü']);
  });

  it('reads a header-only file as zero rows of string columns', async () => {
    const t = await read('a,b\n');
    expect(t.rowCount).toBe(0);
    expect(dtypes(t)).toEqual({ a: 'string', b: 'string' });
  });
});

describe('dtype inference against pandas 1.5.3 read_csv (test/fixtures/readers/pandas-dtypes.json)', () => {
  interface Case {
    name: string;
    csv: string;
    pandasDtype: string;
    values: unknown[];
    roundTripValues: unknown[];
  }
  const { cases } = JSON.parse(readFileSync('test/fixtures/readers/pandas-dtypes.json', 'utf8')) as {
    cases: Case[];
  };
  const PANDAS_TO_DTYPE: Record<string, string> = {
    int64: 'int',
    float64: 'float',
    bool: 'bool',
    object: 'string',
  };
  /** Where driftwatch types a column differently from pandas, on purpose (see column.ts / the readers' docs). */
  const DEVIATIONS: Record<string, string> = {
    // pandas: object (True/NaN); the brief keeps bool with missing cells (codes -1), see the report.
    'bool with missing': 'bool',
    // pandas without parse_dates: object; driftwatch detects ISO-8601 columns as datetime.
    dates: 'datetime',
    datetimes: 'datetime',
    'dates with missing': 'datetime',
  };
  const DATETIME_MS: Record<string, (number | null)[]> = {
    dates: [Date.UTC(2018, 0, 1), Date.UTC(2018, 0, 2)],
    datetimes: [Date.UTC(2018, 0, 1), Date.UTC(2018, 0, 1, 12, 30), Date.UTC(2018, 0, 1, 11, 30)],
    'dates with missing': [Date.UTC(2018, 0, 1), null],
  };

  function fromJson(v: unknown): unknown {
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    if (v === '-0') return -0;
    return v;
  }

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const t = await read(c.csv);
    const column = col(t, 'c');
    const expected = DEVIATIONS[c.name] ?? PANDAS_TO_DTYPE[c.pandasDtype];
    expect(column.dtype).toBe(expected);
    const got = cells(column);
    if (column.dtype === 'datetime') {
      expect(got).toEqual(DATETIME_MS[c.name]);
    } else if (column.dtype === 'bool') {
      expect(got).toEqual(c.values.map((v) => (v === null ? null : String(v).toLowerCase())));
    } else {
      // Numbers must be bit-identical to pandas' round-trip parser (= Number(text)).
      const want = c.roundTripValues.map(fromJson);
      expect(got.length).toBe(want.length);
      got.forEach((v, k) => {
        const w = want[k];
        if (column.dtype === 'int' && typeof w === 'number' && Math.abs(w) > 2 ** 53) {
          expect(v).toBe(Number(BigInt(String(c.csv.split('\n')[k + 1]!.split(',')[0]))));
        } else {
          expect(Object.is(v, w), `${c.name}[${k}]: ${String(v)} vs ${String(w)}`).toBe(true);
        }
      });
    }
  });
});

describe('real files against pandas (test/fixtures/readers/csv/pandas-expected.json)', () => {
  interface Expected {
    file: string;
    rowCount: number;
    columns: { name: string; pandasDtype: string; values: unknown[]; epochMs?: (number | null)[] }[];
  }
  const files = JSON.parse(
    readFileSync('test/fixtures/readers/csv/pandas-expected.json', 'utf8'),
  ) as Expected[];
  it.each(files.map((f) => [f.file, f] as const))('%s', async (file, expected) => {
    const t = await readDataset(`test/fixtures/readers/csv/${file}`);
    expect(t.rowCount).toBe(expected.rowCount);
    expect(t.columns.map((c) => c.name)).toEqual(expected.columns.map((c) => c.name));
    for (const e of expected.columns) {
      const c = col(t, e.name);
      if (e.epochMs) {
        expect(c.dtype, e.name).toBe('datetime');
        expect(cells(c), e.name).toEqual(e.epochMs);
        continue;
      }
      expect(c.dtype, e.name).toBe({ int64: 'int', float64: 'float', object: 'string' }[e.pandasDtype]);
      const got = cells(c);
      got.forEach((v, k) => {
        expect(Object.is(v, e.values[k]), `${e.name}[${k}]`).toBe(true);
      });
    }
  });
});

describe('fast path and papaparse path agree', () => {
  /** A random table as CSV lines (header first), cells from a pool that exercises every kind. */
  const cellArb = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.integer().map(String),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(3)),
    fc.constantFrom('', 'NA', 'nan', 'inf', '-inf', 'True', 'false', '2018-01-01', 'x', 'ü', ' 1', '1e5'),
  );
  it('gives identical tables for the same content quoted and unquoted (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((ncol) =>
          fc.array(fc.array(cellArb, { minLength: ncol, maxLength: ncol }), {
            minLength: 1,
            maxLength: 30,
          }),
        ),
        async (rows) => {
          const ncol = rows[0]!.length;
          const header = Array.from({ length: ncol }, (_, j) => `c${j}`);
          // pandas skips a line whose only field is blank: avoid generating one.
          const body = rows.map((r) => (ncol === 1 && r[0]!.trim() === '' ? ['0'] : r));
          const plain = [header.join(','), ...body.map((r) => r.join(','))].join('\n');
          const quoted = [header.map((h) => `"${h}"`).join(','), ...body.map((r) => r.join(','))].join('\n');
          const a = await read(plain);
          const b = await read(quoted);
          expect(dtypes(b)).toEqual(dtypes(a));
          for (const c of a.columns) {
            const got = cells(col(b, c.name));
            cells(c).forEach((v, k) => {
              expect(Object.is(v, got[k])).toBe(true);
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('hands over to papaparse mid-file, across chunk boundaries, keeping line numbers', async () => {
    const lines = ['id,x,s'];
    for (let i = 0; i < 60_000; i++) lines.push(`${i},${(i * 0.37).toFixed(4)},s${i % 7}`);
    lines.push('60000,1.5,"quoted, with comma"');
    for (let i = 60_001; i < 70_000; i++) lines.push(`${i},${(i * 0.37).toFixed(4)},s${i % 7}`);
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(1 << 20);
    const t = await read(text);
    expect(t.rowCount).toBe(70_000);
    expect(cells(col(t, 'id'))[69_999]).toBe(69_999);
    expect(cells(col(t, 's'))[60_000]).toBe('quoted, with comma');
    expect(cells(col(t, 'x'))[65_432]).toBe(Number((65_432 * 0.37).toFixed(4)));
    expect(dtypes(t)).toEqual({ id: 'int', x: 'float', s: 'string' });
    const bad = `${text}1,2\n`;
    expect(await inputError(readCsv(csvPath(bad)))).toMatch(/line 70002: expected 3 fields, got 2$/);
  });

  it('reads a line longer than the read buffer', async () => {
    const long = 'y'.repeat(3 << 20);
    const t = await read(`a,b\n1,${long}\n2,z\n`);
    expect(cells(col(t, 'b'))).toEqual([long, 'z']);
  });
});

describe('numbers are bit-identical to Number(text)', () => {
  it('on 200k random literals of every shape', async () => {
    const literals: string[] = [];
    fc.sample(
      fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toPrecision(17)),
        fc
          .tuple(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 1, max: 21 }))
          .map(([x, p]) => x.toPrecision(p)),
        fc
          .tuple(fc.bigInt(0n, 10n ** 19n - 1n), fc.integer({ min: -30, max: 30 }))
          .map(([m, e]) => `${m}e${e}`),
        fc.tuple(fc.bigInt(0n, 10n ** 19n - 1n), fc.integer({ min: 0, max: 19 })).map(([m, k]) => {
          const s = m.toString().padStart(k + 1, '0');
          return `-${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`;
        }),
      ),
      { numRuns: 200_000, seed: 42 },
    )
      // Integer literals beyond int64 make pandas read the column as strings (tested elsewhere).
      .filter((s) => !/^-?\d{19,}$/.test(s))
      .forEach((s) => {
        literals.push(s);
      });
    literals.length -= literals.length % 4;
    const ncol = 4;
    const rows: string[] = [Array.from({ length: ncol }, (_, j) => `c${j}`).join(',')];
    for (let i = 0; i < literals.length; i += ncol) rows.push(literals.slice(i, i + ncol).join(','));
    const t = await read(`${rows.join('\n')}\n`);
    expect(Object.values(dtypes(t))).toEqual(['float', 'float', 'float', 'float']);
    const columns = t.columns.map(cells);
    let k = 0;
    for (let r = 0; r < t.rowCount; r++) {
      for (let j = 0; j < ncol; j++, k++) {
        const v = columns[j]![r];
        if (!Object.is(v, Number(literals[k]))) {
          throw new Error(`${literals[k]}: read ${String(v)}, Number() gives ${Number(literals[k])}`);
        }
      }
    }
    expect(k).toBe(literals.length);
  });
});

describe('typing across the file', () => {
  it('recovers the exact text when a numeric column turns out to be a string column', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 5000; i++) lines.push(`${i}.50,1e${i % 5}`);
    lines.push('later,x');
    const t = await read(`${lines.join('\n')}\n`);
    expect(dtypes(t)).toEqual({ a: 'string', b: 'string' });
    expect(cells(col(t, 'a')).slice(0, 2)).toEqual(['0.50', '1.50']);
    expect(cells(col(t, 'b')).slice(0, 3)).toEqual(['1e0', '1e1', '1e2']);
    expect(cells(col(t, 'a'))[5000]).toBe('later');
  });

  it('keeps exact bool literals when a bool column turns into a string column', async () => {
    const t = await read('a\nTrue\nFALSE\nmaybe\n');
    expect(col(t, 'a').dtype).toBe('string');
    expect(cells(col(t, 'a'))).toEqual(['True', 'FALSE', 'maybe']);
  });

  it('normalises a bool column to false/true in first-seen order', async () => {
    const t = await read('a\nTRUE\nFalse\ntrue\n');
    const a = col(t, 'a');
    expect(a.dtype).toBe('bool');
    expect('dictionary' in a && a.dictionary).toEqual(['true', 'false']);
    expect(cells(a)).toEqual(['true', 'false', 'true']);
  });

  it('reads only the projected columns, in file order', async () => {
    const t = await read('a,b,c\n1,x,2.5\n2,y,3\n', { columns: ['c', 'a'] });
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'c']);
    expect(cells(col(t, 'c'))).toEqual([2.5, 3]);
  });
});

describe('malformed CSV', () => {
  it('names the file, line and field counts (fast path)', async () => {
    const path = csvPath('a,b,c\n1,2,3\n\n4,5\n');
    expect((await inputError(readCsv(path))).replace(path, 'ref.csv')).toMatchInlineSnapshot(
      `"DW_CSV_MALFORMED: ref.csv: line 4: expected 3 fields, got 2"`,
    );
    const more = csvPath('a,b\n1,2\n3,4,5,6\n');
    expect((await inputError(readCsv(more))).replace(more, 'ref.csv')).toMatchInlineSnapshot(
      `"DW_CSV_MALFORMED: ref.csv: line 3: expected 2 fields, got 4"`,
    );
  });

  it('names the file and line (papaparse path), counting embedded newlines', async () => {
    const path = csvPath('a,b\n"x\ny",2\n3\n');
    expect((await inputError(readCsv(path))).replace(path, 'ref.csv')).toMatchInlineSnapshot(
      `"DW_CSV_MALFORMED: ref.csv: line 4: expected 2 fields, got 1"`,
    );
  });

  it('reports an unterminated quote at the line where the field starts', async () => {
    const path = csvPath('a,b\n1,2\n3,"open\n4,5\n');
    expect((await inputError(readCsv(path))).replace(path, 'ref.csv')).toMatchInlineSnapshot(
      `"DW_CSV_MALFORMED: ref.csv: line 3: unterminated quoted field"`,
    );
  });

  it('rejects an empty file', async () => {
    for (const text of ['', '\n\n', '\uFEFF']) {
      const path = csvPath(text);
      expect((await inputError(readCsv(path))).replace(path, 'ref.csv')).toMatch(
        /^DW_CSV_MALFORMED: ref\.csv: line \d: empty file: expected a header line$/,
      );
    }
  });
});
