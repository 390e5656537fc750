import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/readers/index.ts';
import { cells, col, dtypes, inputError, tempDir, writeFile } from './helpers.ts';

const dir = tempDir();
writeFile(dir, 'parts/b.csv', 'k,v,x\n3,0.5,c\n');
writeFile(dir, 'parts/a.csv', 'k,v\n1,10\n2,20\n');
writeFile(dir, 'parts/_SUCCESS', '');
writeFile(dir, 'parts/.hidden.csv', 'garbage');
writeFile(dir, 'parts/notes.txt', 'not data');
writeFile(dir, 'mixed/1.csv', 'k,s\n1,x\n');
writeFile(dir, 'mixed/2.jsonl', '{"k": 2, "s": "y"}\n');
writeFile(dir, 'mixed/3.parquet', new Uint8Array(0));
writeFile(dir, 'data.txt', 'a,b\n1,2\n');
writeFile(dir, 'empty/readme.md', '# nothing');
const rel = (p: string) => p.replace(dir, '<dir>');

describe('partitions', () => {
  it('reads a directory: known extensions only, sorted by name, columns united', async () => {
    const t = await readDataset(join(dir, 'parts'));
    expect(t.files.map(rel)).toEqual(['<dir>/parts/a.csv', '<dir>/parts/b.csv']);
    expect(t.rowCount).toBe(3);
    expect(dtypes(t)).toEqual({ k: 'int', v: 'float', x: 'string' });
    expect(cells(col(t, 'v'))).toEqual([10, 20, 0.5]);
    expect(cells(col(t, 'x'))).toEqual([null, null, 'c']);
    expect(Object.isFrozen(t) && Object.isFrozen(t.columns) && Object.isFrozen(t.columns[0])).toBe(true);
  });

  it('reads a glob, and partitions of different formats', async () => {
    const g = await readDataset(join(dir, 'parts/*.csv'));
    expect(g.files.map(rel)).toEqual(['<dir>/parts/a.csv', '<dir>/parts/b.csv']);
    const m = await readDataset(join(dir, 'mixed/{1.csv,2.jsonl}'));
    expect(cells(col(m, 's'))).toEqual(['x', 'y']);
    expect(dtypes(m)).toEqual({ k: 'int', s: 'string' });
  });

  it('follows a format override for any extension', async () => {
    const t = await readDataset(join(dir, 'data.txt'), { format: 'csv' });
    expect(cells(col(t, 'b'))).toEqual([2]);
  });

  it('reports progress up to the total size', async () => {
    const seen: [number, number][] = [];
    await readDataset(join(dir, 'parts'), { onProgress: (r, t) => seen.push([r, t]) });
    const total = 'k,v\n1,10\n2,20\n'.length + 'k,v,x\n3,0.5,c\n'.length;
    expect(seen.at(-1)).toEqual([total, total]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
  });

  it('reads on a worker thread with the same result', async () => {
    const a = await readDataset(join(dir, 'parts'), { worker: false });
    const seen: number[] = [];
    const b = await readDataset(join(dir, 'parts'), { worker: true, onProgress: (r) => seen.push(r) });
    expect(dtypes(b)).toEqual(dtypes(a));
    for (const c of a.columns) expect(cells(col(b, c.name))).toEqual(cells(c));
    expect(seen.length).toBeGreaterThan(0);
    expect(Object.isFrozen(b.columns[0])).toBe(true);
    const bad = writeFile(dir, 'bad-worker.csv', 'a,b\n1\n');
    expect(rel(await inputError(readDataset(bad, { worker: true })))).toBe(
      'DW_CSV_MALFORMED: <dir>/bad-worker.csv: line 2: expected 2 fields, got 1',
    );
  }, 60_000);
});

describe('input errors', () => {
  it('names a missing file', async () => {
    expect(rel(await inputError(readDataset(join(dir, 'nope.csv'))))).toMatchInlineSnapshot(
      `"DW_INPUT_NOT_FOUND: <dir>/nope.csv: no such file or directory"`,
    );
  });

  it('names an unknown extension', async () => {
    expect(rel(await inputError(readDataset(join(dir, 'data.txt'))))).toMatchInlineSnapshot(
      `"DW_INPUT_UNKNOWN_FORMAT: <dir>/data.txt: unknown file format; use .csv, .parquet, .pq, .jsonl or .ndjson, or pass format: 'csv' | 'parquet' | 'jsonl'"`,
    );
  });

  it('names an empty glob and a directory without data files', async () => {
    expect(rel(await inputError(readDataset(join(dir, 'parts/*.parquet'))))).toMatchInlineSnapshot(
      `"DW_INPUT_EMPTY_GLOB: <dir>/parts/*.parquet: no files match"`,
    );
    expect(rel(await inputError(readDataset(join(dir, 'empty'))))).toMatchInlineSnapshot(
      `"DW_INPUT_EMPTY_GLOB: <dir>/empty: directory has no .csv, .parquet, .pq, .jsonl, .ndjson files"`,
    );
  });

  it('names projected columns that no file has', async () => {
    expect(
      rel(await inputError(readDataset(join(dir, 'parts'), { columns: ['k', 'zz'] }))),
    ).toMatchInlineSnapshot(
      `"DW_INPUT_COLUMN_NOT_FOUND: <dir>/parts: column "zz" not found (columns: k, v, x)"`,
    );
  });

  it('returns nothing when one partition is malformed', async () => {
    writeFile(dir, 'broken/a.csv', 'k\n1\n2\n');
    writeFile(dir, 'broken/b.csv', 'k\n3\n4,5\n');
    expect(rel(await inputError(readDataset(join(dir, 'broken'))))).toMatchInlineSnapshot(
      `"DW_CSV_MALFORMED: <dir>/broken/b.csv: line 3: expected 1 fields, got 2"`,
    );
  });

  it('names an unreadable entry', async () => {
    symlinkSync(join(dir, 'missing-target'), join(dir, 'dangling.csv'));
    expect(rel(await inputError(readDataset(join(dir, 'dangling.csv'))))).toMatchInlineSnapshot(
      `"DW_INPUT_NOT_FOUND: <dir>/dangling.csv: no such file or directory"`,
    );
  });
});
