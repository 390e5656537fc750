import { readFileSync } from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { describe, expect, it } from 'vitest';
import { readDataset, readParquet } from '../../src/readers/index.ts';
import { cells, col, dtypes, inputError, tempDir, writeFile } from './helpers.ts';

const DIR = 'test/fixtures/readers/parquet';

interface Expected {
  rowCount: number;
  columns: { name: string; dtype: string; values: (number | string | boolean | null)[] }[];
}
const expected = JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')) as Expected;

describe('Parquet types and codecs (files from scripts/fixtures/readers.py)', () => {
  it.each(['uncompressed', 'snappy', 'gzip', 'zstd'])('%s', async (codec) => {
    const t = await readDataset(`${DIR}/types-${codec}.parquet`);
    expect(t.rowCount).toBe(expected.rowCount);
    expect(t.columns.map((c) => c.name)).toEqual(expected.columns.map((c) => c.name));
    for (const e of expected.columns) {
      const c = col(t, e.name);
      expect(c.dtype, e.name).toBe(e.dtype);
      const want = e.values.map((v) => (typeof v === 'boolean' ? String(v) : v));
      expect(cells(c), e.name).toEqual(want);
    }
  });

  it('keeps NA spellings and empty strings as strings (no CSV NA rules)', async () => {
    const t = await readParquet(`${DIR}/types-snappy.parquet`);
    expect(cells(col(t, 'name')).slice(8)).toEqual(['', 'NA']);
  });
});

describe('a pyarrow-written file (NannyML reference_hotel_booking.parquet, snappy)', () => {
  const file = `${DIR}/nannyml/reference_hotel_booking.parquet`;

  it('types columns as the pandas metadata stored in the file says (timestamp strings: datetime)', async () => {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    const pandas = JSON.parse(metadata.key_value_metadata!.find((k) => k.key === 'pandas')!.value!) as {
      columns: { name: string; numpy_type: string }[];
    };
    const t = await readDataset(file);
    expect(t.rowCount).toBe(16_913);
    const want = Object.fromEntries(
      pandas.columns
        .filter((c) => !c.name.startsWith('__index'))
        .map((c) => [c.name, { int64: 'int', float64: 'float', object: 'string' }[c.numpy_type]]),
    );
    want.timestamp = 'datetime';
    expect(dtypes(t)).toEqual(want);
  });

  it('holds the same cells as hyparquet row objects', async () => {
    const t = await readDataset(file);
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file), compressors });
    for (const c of t.columns) {
      const got = cells(c);
      for (let r = 0; r < rows.length; r += 97) {
        let v: unknown = rows[r]![c.name];
        if (typeof v === 'bigint') v = Number(v);
        if (c.dtype === 'datetime') v = Date.parse(`${String(v)}T00:00:00Z`);
        expect(got[r], `${c.name}[${r}]`).toEqual(v ?? null);
      }
    }
  });

  it('reads a projection', async () => {
    const t = await readDataset(file, { columns: ['adr', 'hotel'] });
    expect(t.columns.map((c) => c.name)).toEqual(['hotel', 'adr']);
    expect(t.rowCount).toBe(16_913);
  });
});

describe('Parquet partitions', () => {
  it('unites columns and widens dtypes across a directory and a glob', async () => {
    for (const input of [`${DIR}/parts`, `${DIR}/parts/*.parquet`]) {
      const t = await readDataset(input);
      expect(t.files).toEqual([`${DIR}/parts/part-0.parquet`, `${DIR}/parts/part-1.parquet`]);
      expect(dtypes(t)).toEqual({ k: 'int', v: 'float', x: 'float', w: 'string' });
      expect(cells(col(t, 'k'))).toEqual([1, 2, 3]);
      expect(cells(col(t, 'v'))).toEqual([10, 20, null]);
      expect(cells(col(t, 'x'))).toEqual([5, 6, 7.5]);
      expect(cells(col(t, 'w'))).toEqual([null, null, 'z']);
    }
  });
});

describe('unreadable Parquet', () => {
  const dir = tempDir();
  it('reports a file that is not Parquet', async () => {
    const path = writeFile(dir, 'bad.parquet', 'a,b\n1,2\n');
    expect((await inputError(readDataset(path))).replace(path, 'ref.parquet')).toMatchInlineSnapshot(
      `"DW_PARQUET_UNREADABLE: ref.parquet: not a readable Parquet file (parquet file invalid (footer != PAR1))"`,
    );
  });

  it('reports a corrupt column chunk with its row group and column', async () => {
    const bytes = new Uint8Array(readFileSync(`${DIR}/types-zstd.parquet`));
    // Overwrite the start of the first page's compressed data (after its header) with garbage.
    for (let i = 20; i < 40; i++) bytes[i] = 0xff;
    const path = writeFile(dir, 'corrupt.parquet', bytes);
    const message = (await inputError(readDataset(path))).replace(path, 'ref.parquet');
    expect(message).toMatch(/^DW_PARQUET_UNREADABLE: ref\.parquet: row group 0, column "id": /);
  });
});
