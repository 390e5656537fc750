/**
 * A pull-based byte stream of an export: each pull reads ONE page from the database (keyset pagination, see
 * src/storage/export-store.ts), encodes it and hands it to the HTTP layer, so memory stays at about one page
 * however many rows the range holds, and a slow client slows the reads down instead of filling a buffer
 * (backpressure: the next page is read only when the consumer asks for more).
 * @module
 */
import type { ExportRow } from '../../storage/export-store.ts';
import { type ExportColumn, rowCells } from './export-columns.ts';
import type { ExportEncoding } from './export-formats.ts';

export interface ExportStreamInput {
  readonly columns: readonly ExportColumn[];
  readonly encoding: ExportEncoding;
  /** The first page, read before the response starts (so a failing query is still a proper error reply). */
  readonly firstPage: readonly ExportRow[] | undefined;
  /** The remaining pages, in order. */
  readonly pages: AsyncIterator<ExportRow[], void, undefined>;
  /** Called once when a page read fails after the response started (the stream then ends with an error). */
  readonly onError: (error: unknown) => void;
}

function encodePage(input: ExportStreamInput, page: readonly ExportRow[]): string {
  let text = '';
  for (const row of page) text += input.encoding.row(rowCells(input.columns, row));
  return text;
}

/**
 * The export as UTF-8 chunks: header (if any) with the first page, then one chunk per page. A failure after the
 * first chunk errors the stream, so the HTTP response is aborted (a truncated chunked body the client can detect)
 * rather than ending as if complete.
 */
export function exportStream(input: ExportStreamInput): ReadableStream<Uint8Array> {
  const utf8 = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            const text =
              input.encoding.header(input.columns) +
              (input.firstPage ? encodePage(input, input.firstPage) : '');
            if (text !== '') {
              controller.enqueue(utf8.encode(text));
              return;
            }
          }
          const next = await input.pages.next();
          if (next.done) {
            controller.close();
            return;
          }
          controller.enqueue(utf8.encode(encodePage(input, next.value)));
        } catch (e) {
          input.onError(e);
          controller.error(e);
        }
      },
      async cancel() {
        await input.pages.return?.();
      },
    },
    // One page encoded ahead at most.
    { highWaterMark: 1 },
  );
}
