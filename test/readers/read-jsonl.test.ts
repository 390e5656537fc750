import { describe, expect, it } from 'vitest';
import { readDataset, readJsonl } from '../../src/readers/index.ts';
import { cells, col, dtypes, inputError, tempDir, writeFile } from './helpers.ts';

const dir = tempDir();
let n = 0;
const path = (text: string) => writeFile(dir, `t${n++}.jsonl`, text);

describe('JSON Lines', () => {
  it('types numbers, booleans, strings, nulls, absent keys and nested values', async () => {
    const t = await readDataset(
      path(
        [
          '{"i": 1, "f": 1.5, "b": true, "s": "x", "d": "2018-01-01", "n": {"k": [1, 2]}}',
          '',
          '{"i": 2, "f": 2, "b": false, "s": "NA", "d": "2018-01-02T10:00:00Z", "late": 7}',
          '   ',
          '{"i": 3.0, "f": null, "b": true, "s": "", "d": null, "n": [true, null]}',
        ].join('\n'),
      ),
    );
    expect(t.rowCount).toBe(3);
    expect(dtypes(t)).toEqual({
      i: 'int',
      f: 'float',
      b: 'bool',
      s: 'string',
      d: 'datetime',
      n: 'string',
      late: 'float',
    });
    expect(cells(col(t, 'i'))).toEqual([1, 2, 3]);
    expect(cells(col(t, 'f'))).toEqual([1.5, 2, null]);
    expect(cells(col(t, 'b'))).toEqual(['true', 'false', 'true']);
    expect(cells(col(t, 's'))).toEqual(['x', 'NA', '']);
    expect(cells(col(t, 'd'))).toEqual([Date.UTC(2018, 0, 1), Date.UTC(2018, 0, 2, 10), null]);
    expect(cells(col(t, 'n'))).toEqual(['{"k":[1,2]}', null, '[true,null]']);
    expect(cells(col(t, 'late'))).toEqual([null, 7, null]);
  });

  it('makes mixed kinds strings, with CRLF line ends, a BOM and no final newline', async () => {
    const t = await readJsonl(path('\uFEFF{"a": 1}\r\n{"a": "x"}\r\n{"a": true}'));
    expect(dtypes(t)).toEqual({ a: 'string' });
    expect(cells(col(t, 'a'))).toEqual(['1', 'x', 'true']);
  });

  it('recovers exact text of date strings once a column turns out to be plain strings', async () => {
    const t = await readJsonl(path('{"a": "2018-01-01"}\n{"a": "soon"}\n'));
    expect(cells(col(t, 'a'))).toEqual(['2018-01-01', 'soon']);
  });

  it('reports malformed lines with file and line number', async () => {
    const bad = path('{"a": 1}\n\n{"a": 2,}\n');
    expect((await inputError(readJsonl(bad))).replace(bad, 'ref.jsonl')).toMatch(
      /^DW_JSONL_MALFORMED: ref\.jsonl: line 3: invalid JSON \(.+\)$/,
    );
    const notObject = path('{"a": 1}\n[1, 2]\n');
    expect((await inputError(readJsonl(notObject))).replace(notObject, 'ref.jsonl')).toMatchInlineSnapshot(
      `"DW_JSONL_MALFORMED: ref.jsonl: line 2: expected a JSON object, got [1, 2]"`,
    );
  });
});
