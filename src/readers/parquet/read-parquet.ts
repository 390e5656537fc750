/**
 * Parquet reader on `hyparquet` + `hyparquet-compressors` (snappy, gzip, zstd, brotli, lz4).
 *
 * Reads one row group and one column at a time, so at most one decoded column chunk is alive
 * besides the output typed arrays. Types follow the schema the way `pyarrow` → pandas maps them:
 * - INT32/INT64 (any INTEGER logical type): `int`, or `float` if the column has a null
 *   (pyarrow's `to_pandas` turns an int column with nulls into float64);
 * - FLOAT/DOUBLE/FLOAT16/DECIMAL: `float` (NaN is missing);
 * - BOOLEAN: `bool`;
 * - TIMESTAMP (any unit), DATE, INT96: `datetime` (epoch ms);
 * - strings (UTF8/STRING/ENUM/UUID, plain BYTE_ARRAY): `string`, except that a column whose
 *   strings are all ISO-8601 dates becomes `datetime` (the same detection as CSV);
 * - JSON and nested (LIST/MAP/struct) columns: their JSON text, as `string`.
 * @module
 */

import type { FileHandle } from 'node:fs/promises';
import type { AsyncBuffer, FileMetaData, SchemaElement } from 'hyparquet';
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ColumnBuilder } from '../build/column-builder.ts';
import type { TableBuilder } from '../build/table-builder.ts';
import { inputUnreadable, oneLine, parquetUnreadable } from '../input-errors.ts';
import { openInput } from '../open-input.ts';

export interface ParquetFileOptions {
  /** Name used in error messages (default: the path). */
  readonly displayName?: string;
  /** Called with the number of new bytes read from disk. */
  readonly onBytes?: (bytes: number) => void;
}

type ValueKind = 'int' | 'float' | 'bool' | 'datetime' | 'string' | 'json';

const utf8 = new TextDecoder();

/** Parsers that keep timestamps as epoch-ms numbers instead of `Date` objects. */
const PARSERS = {
  timestampFromMilliseconds: (v: bigint | null) => (v == null ? null : Number(v)),
  timestampFromMicroseconds: (v: bigint | null) => (v == null ? null : Number(v) / 1e3),
  timestampFromNanoseconds: (v: bigint | null) => (v == null ? null : Number(v) / 1e6),
  dateFromDays: (v: number | null) => (v == null ? null : v * 86_400_000),
  jsonFromBytes: (v: Uint8Array | null) => (v == null ? null : utf8.decode(v)),
};

/** How a top-level schema field's values are stored. */
function valueKind(el: SchemaElement, nested: boolean): ValueKind {
  if (nested) return 'json';
  const lt = el.logical_type?.type;
  const ct = el.converted_type;
  if (lt === 'TIMESTAMP' || lt === 'DATE' || ct === 'TIMESTAMP_MILLIS' || ct === 'TIMESTAMP_MICROS')
    return 'datetime';
  if (ct === 'DATE' || el.type === 'INT96') return 'datetime';
  if (lt === 'JSON' || ct === 'JSON') return 'json';
  if (lt === 'DECIMAL' || ct === 'DECIMAL' || lt === 'FLOAT16') return 'float';
  switch (el.type) {
    case 'BOOLEAN':
      return 'bool';
    case 'INT32':
    case 'INT64':
      return 'int';
    case 'FLOAT':
    case 'DOUBLE':
      return 'float';
    default:
      return 'string';
  }
}

function jsonText(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

/** Write one decoded chunk of `kind` into `b` at table rows starting at `row`. */
function storeChunk(b: ColumnBuilder, kind: ValueKind, data: ArrayLike<unknown>, row: number): void {
  const n = data.length;
  switch (kind) {
    case 'int':
    case 'float': {
      const integer = kind === 'int';
      for (let k = 0; k < n; k++) {
        const v = data[k];
        if (v == null) b.setMissing(row + k);
        else b.setNumber(row + k, typeof v === 'bigint' ? Number(v) : (v as number), integer);
      }
      return;
    }
    case 'bool':
      for (let k = 0; k < n; k++) {
        const v = data[k];
        if (v == null) b.setMissing(row + k);
        else b.setBool(row + k, v === true);
      }
      return;
    case 'datetime':
      for (let k = 0; k < n; k++) {
        const v = data[k];
        if (v == null) b.setMissing(row + k);
        else b.setDatetime(row + k, v instanceof Date ? v.getTime() : Number(v));
      }
      return;
    case 'string':
      for (let k = 0; k < n; k++) {
        const v = data[k];
        if (v == null) b.setMissing(row + k);
        else b.setString(row + k, typeof v === 'string' ? v : jsonText(v));
      }
      return;
    default:
      for (let k = 0; k < n; k++) {
        const v = data[k];
        if (v == null) b.setMissing(row + k);
        else b.setString(row + k, jsonText(v));
      }
  }
}

/** An `AsyncBuffer` over an open file that reports bytes read. */
function fileBuffer(fh: FileHandle, size: number, file: string, onBytes?: (n: number) => void): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const out = new Uint8Array(Math.max(0, stop - start));
      try {
        let done = 0;
        while (done < out.length) {
          const { bytesRead } = await fh.read(out, done, out.length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
      } catch (err) {
        throw inputUnreadable(file, err);
      }
      onBytes?.(out.length);
      return out.buffer;
    },
  };
}

/** Read one Parquet file into `table` (appending rows). */
export async function readParquetInto(
  table: TableBuilder,
  path: string,
  options: ParquetFileOptions = {},
): Promise<void> {
  const file = options.displayName ?? path;
  const fh = await openInput(path);
  let reported = 0;
  const onBytes = options.onBytes;
  const count = onBytes
    ? (n: number) => {
        const add = Math.min(n, size - reported);
        if (add > 0) {
          reported += add;
          onBytes(add);
        }
      }
    : undefined;
  let size = 0;
  try {
    size = (await fh.stat()).size;
    const buffer = fileBuffer(fh, size, file, count);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(buffer);
    } catch (err) {
      if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('DW_'))
        throw err;
      throw parquetUnreadable(
        file,
        `not a readable Parquet file (${oneLine(String((err as Error)?.message ?? err))})`,
        err,
      );
    }
    const fields = parquetSchema(metadata).children;
    const columns = fields.map((f) => ({
      name: f.element.name,
      kind: valueKind(f.element, f.children.length > 0 || f.element.repetition_type === 'REPEATED'),
      builder: table.column(f.element.name),
    }));
    const firstRow = table.rowCount;
    const wanted = columns.filter((c) => table.wants(c.name));
    const totalRows = Number(metadata.num_rows);
    // Exact size for a single file; doubling across partitions.
    table.reserve(firstRow + totalRows, firstRow === 0);
    let groupStart = 0;
    for (const [g, group] of metadata.row_groups.entries()) {
      const groupRows = Number(group.num_rows);
      for (const col of wanted) {
        try {
          await parquetRead({
            file: buffer,
            metadata,
            compressors,
            parsers: PARSERS,
            columns: [col.name],
            rowStart: groupStart,
            rowEnd: groupStart + groupRows,
            onChunk(chunk) {
              // Chunks may start before rowStart (whole pages); keep only this group's rows.
              const from = Math.max(chunk.rowStart, groupStart);
              const to = Math.min(chunk.rowEnd, groupStart + groupRows);
              if (to <= from) return;
              const data = chunk.columnData as ArrayLike<unknown> & {
                slice(a: number, b: number): ArrayLike<unknown>;
              };
              const whole = from === chunk.rowStart && to === chunk.rowEnd;
              const part = whole ? data : data.slice(from - chunk.rowStart, to - chunk.rowStart);
              storeChunk(col.builder, col.kind, part, firstRow + from);
            },
          });
        } catch (err) {
          if (
            err instanceof Error &&
            'code' in err &&
            String((err as { code: unknown }).code).startsWith('DW_')
          )
            throw err;
          const message = oneLine(String((err as Error)?.message ?? err));
          throw parquetUnreadable(
            file,
            `row group ${g}, column ${JSON.stringify(col.name)}: ${message}`,
            err,
          );
        }
      }
      groupStart += groupRows;
    }
    table.completeRows(firstRow + totalRows);
  } finally {
    await fh.close();
  }
  if (count) count(size);
}
