/**
 * A pull-based Parquet byte stream of an export, written incrementally with hyparquet-writer's `ParquetWriter`:
 * the `PAR1` magic, then one row group at a time, then the footer (page indexes and file metadata) after the last
 * page. Pages read from the database (see src/storage/export-store.ts) are converted to column arrays and
 * buffered until the row group holds about `rowGroupCells` cells (rows × columns; at least one page), then the
 * group is encoded (Snappy-compressed, with statistics) and its bytes handed to the HTTP layer. So memory stays at
 * about one row group however many rows the range holds, large exports still get row groups of a useful size
 * (the footer keeps one metadata entry per row group and column), and a slow client slows the reads down
 * (backpressure: the next pages are read only when the consumer asks for more).
 *
 * A failure after the response started (a failing page read, or `DW_EXPORT_TYPE_CHANGED`, see
 * parquet-column-types.ts) errors the stream: the download ends without the Parquet footer, which every reader
 * rejects, instead of looking complete.
 * @module
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { VERSION } from '../../core/version.ts';
import type { ExportRow } from '../../storage/export-store.ts';
import { type ExportColumn, rowCells } from './export-columns.ts';
import {
  type ParquetColumnType,
  type ParquetValue,
  parquetSchema,
  parquetValue,
} from './parquet-column-types.ts';

/** Media type registered for Parquet (IANA, 2024). */
export const PARQUET_CONTENT_TYPE = 'application/vnd.apache.parquet';

/** Default row-group budget in cells: ~77k rows of a 13-column export, 5k rows of a 200-column one. */
export const PARQUET_ROW_GROUP_CELLS = 1_000_000;

export interface ParquetStreamInput {
  readonly columns: readonly ExportColumn[];
  /** Each column's type (parquet-column-types.ts `parquetColumnTypes`), in `columns` order. */
  readonly types: readonly ParquetColumnType[];
  /** The first page, read before the response starts. */
  readonly firstPage: readonly ExportRow[] | undefined;
  /** The remaining pages, in order. */
  readonly pages: AsyncIterator<ExportRow[], void, undefined>;
  /** Called once when writing fails after the response started (the stream then ends with an error). */
  readonly onError: (error: unknown) => void;
  /** Target cells (rows × columns) per row group; a group always takes whole pages. Default `PARQUET_ROW_GROUP_CELLS`. */
  readonly rowGroupCells?: number;
}

const epochMs = (ms: number): number => ms;

/** The export as Parquet bytes: one chunk per row group (the first with the magic), the last with the footer. */
export function parquetExportStream(input: ParquetStreamInput): ReadableStream<Uint8Array> {
  const { columns, types } = input;
  const groupRows = Math.max(
    1,
    Math.floor((input.rowGroupCells ?? PARQUET_ROW_GROUP_CELLS) / columns.length),
  );
  let writer: ByteWriter | undefined;
  let pq: ParquetWriter | undefined;
  // The buffered row group, column by column.
  let group: ParquetValue[][] = [];
  let rows = 0;

  const addPage = (page: readonly ExportRow[]) => {
    for (const row of page) {
      const cells = rowCells(columns, row, epochMs);
      for (let i = 0; i < columns.length; i++)
        group[i]!.push(parquetValue(cells[i]!, types[i]!, columns[i]!.name));
    }
    rows += page.length;
  };
  const writeGroup = (w: ParquetWriter) => {
    if (rows > 0)
      void w.write({
        columnData: columns.map((c, i) => ({ name: c.name, data: group[i]! })),
        rowGroupSize: rows,
      });
    group = columns.map(() => []);
    rows = 0;
  };
  /** The bytes written since the last call (the writer keeps counting offsets; its buffer is reused). */
  const drain = (w: ByteWriter): Uint8Array => {
    const bytes = w.getBytes().slice();
    w.index = 0;
    return bytes;
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!writer || !pq) {
            writer = new ByteWriter();
            // The constructor writes the `PAR1` magic; the footer comes from `finish`.
            pq = new ParquetWriter({
              writer,
              schema: parquetSchema(columns, types),
              createdBy: `driftwatch version ${VERSION}`,
            });
            group = columns.map(() => []);
            if (input.firstPage) addPage(input.firstPage);
          }
          while (rows < groupRows) {
            const next = await input.pages.next();
            if (next.done) {
              writeGroup(pq);
              // The writer has no flush hook, so both calls are synchronous.
              void pq.finish();
              controller.enqueue(drain(writer));
              controller.close();
              return;
            }
            addPage(next.value);
          }
          writeGroup(pq);
          controller.enqueue(drain(writer));
        } catch (e) {
          input.onError(e);
          controller.error(e);
          // Let the page source finish (its `finally`), as a cancelled download does.
          await input.pages.return?.().catch(() => {});
        }
      },
      async cancel() {
        await input.pages.return?.();
      },
    },
    // One row group encoded ahead at most.
    { highWaterMark: 1 },
  );
}
