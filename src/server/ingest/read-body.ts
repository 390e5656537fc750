/**
 * Reads an ingest request body: a JSON array (`application/json`) or NDJSON (`application/x-ndjson`,
 * `application/jsonl`, …), optionally `Content-Encoding: gzip`, at most `limitBytes` after decompression.
 *
 * The body is streamed and counted as it arrives (gzip is decompressed as a stream), so an oversized or
 * decompression-bomb body is refused with 413 after reading at most `limitBytes` of output — never buffered whole.
 * Errors: 415 unknown content type or encoding, 413 too large (or too many records), 400 malformed (NDJSON errors
 * name the line).
 * @module
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { ApiError } from '../api-error.ts';
import { INGEST_LIMITS } from './limits.ts';

export interface RecordsBody {
  /** The records as parsed JSON values (validated later). */
  readonly items: unknown[];
  /** NDJSON: 1-based line number of each record. */
  readonly lines?: number[];
  /** Decompressed size, bytes. */
  readonly bytes: number;
}

const JSON_TYPES = new Set(['application/json']);
const NDJSON_TYPES = new Set([
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
]);

/** The media types the ingest endpoints accept, for messages and the OpenAPI document. */
export const ACCEPTED_MEDIA_TYPES = ['application/json', ...NDJSON_TYPES] as const;

function tooLarge(limitBytes: number, gzip: boolean): ApiError {
  return new ApiError(
    413,
    'DW_BODY_TOO_LARGE',
    `Request body exceeds the limit of ${limitBytes} bytes${gzip ? ' after decompression' : ''}; send smaller batches`,
    { field: 'body' },
  );
}

function malformed(message: string): ApiError {
  return new ApiError(400, 'DW_MALFORMED_BODY', message, { field: 'body' });
}

/** Which parser a Content-Type selects, or a 415. */
export function bodyFormat(contentType: string | undefined): 'json' | 'ndjson' {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (JSON_TYPES.has(essence)) return 'json';
  if (NDJSON_TYPES.has(essence)) return 'ndjson';
  throw new ApiError(
    415,
    'DW_UNSUPPORTED_MEDIA_TYPE',
    `${contentType ? `Content-Type ${JSON.stringify(contentType.slice(0, 100))} is not supported` : 'Content-Type is missing'}; ` +
      'send application/json (an array of records) or application/x-ndjson (one record per line)',
    { field: 'content-type' },
  );
}

function isGzip(encoding: string | undefined): boolean {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === '' || e === 'identity') return false;
  if (e === 'gzip' || e === 'x-gzip') return true;
  throw new ApiError(
    415,
    'DW_UNSUPPORTED_ENCODING',
    `Content-Encoding ${JSON.stringify(e.slice(0, 100))} is not supported; send gzip or no encoding`,
    { field: 'content-encoding' },
  );
}

/** Reads and parses the body of `req` (see the module comment). */
export async function readRecordsBody(req: Request, limitBytes: number): Promise<RecordsBody> {
  const format = bodyFormat(req.headers.get('content-type') ?? undefined);
  const gzip = isGzip(req.headers.get('content-encoding') ?? undefined);
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limitBytes) throw tooLarge(limitBytes, gzip);
  const buf = req.body ? await readCapped(req.body, limitBytes, gzip) : Buffer.alloc(0);
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = format === 'json' ? parseJsonArray(text) : parseNdjson(text);
  return { ...parsed, bytes: buf.length };
}

async function readCapped(
  body: ReadableStream<Uint8Array>,
  limitBytes: number,
  gzip: boolean,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let overflow = false;
  const take = (chunk: Uint8Array) => {
    total += chunk.byteLength;
    if (total > limitBytes) {
      overflow = true; // the stream machinery may wrap the error; the flag survives
      throw tooLarge(limitBytes, gzip);
    }
    chunks.push(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
  };
  if (!gzip) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        take(value);
      }
    } catch (e) {
      reader.cancel().catch(() => {});
      throw e;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  }
  try {
    await pipeline(
      Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>),
      createGunzip(),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) take(chunk);
      },
    );
  } catch (e) {
    if (overflow) throw tooLarge(limitBytes, gzip);
    if (e instanceof ApiError) throw e;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_'))
      throw malformed(`The body is not valid gzip data (${(e as Error).message})`);
    throw malformed(`The body could not be read: ${(e as Error).message}`);
  }
  return Buffer.concat(chunks, total);
}

function shortMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.length > 200 ? `${m.slice(0, 200)}…` : m;
}

function parseJsonArray(text: string): { items: unknown[] } {
  if (text.trim() === '') throw malformed('The body is empty; expected a JSON array of records');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw malformed(`Malformed JSON body: ${shortMessage(e)}`);
  }
  if (Array.isArray(doc)) {
    if (doc.length > INGEST_LIMITS.recordsPerRequest) throw tooManyRecords();
    return { items: doc };
  }
  if (doc !== null && typeof doc === 'object') return { items: [doc] };
  throw malformed(
    `Expected a JSON array of records (or one record object), got ${doc === null ? 'null' : typeof doc}`,
  );
}

function tooManyRecords(): ApiError {
  return new ApiError(
    413,
    'DW_TOO_MANY_RECORDS',
    `At most ${INGEST_LIMITS.recordsPerRequest} records per request; split the batch`,
    { field: 'body' },
  );
}

function parseNdjson(text: string): { items: unknown[]; lines: number[] } {
  const items: unknown[] = [];
  const lines: number[] = [];
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let s = text.slice(start, end);
    if (s.endsWith('\r')) s = s.slice(0, -1);
    start = end + 1;
    if (s.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (e) {
      throw malformed(`Malformed NDJSON at line ${line}: ${shortMessage(e)}`);
    }
    if (items.length >= INGEST_LIMITS.recordsPerRequest) throw tooManyRecords();
    items.push(value);
    lines.push(line);
  }
  if (items.length === 0 && text.trim() === '')
    throw malformed('The body is empty; expected NDJSON with one record per line');
  return { items, lines };
}
