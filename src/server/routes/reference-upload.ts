/**
 * Receiving a version's reference (`PUT …/versions/{version}/reference`): the request body is streamed to a
 * temporary file while it is hashed (sha256 of the file bytes = the fingerprint) and measured against the upload
 * limit, so a large dataset never sits in memory twice; then it becomes a reference by its Content-Type:
 * a dataset (CSV, Parquet, JSON Lines) is read with the CLI's readers and profiled, a `.dwprofile` document is
 * validated, and `{ from, to }` names a time range of the model's own production data.
 * @module
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { z } from '@hono/zod-openapi';
import { isDriftwatchError } from '../../core/errors.ts';
import { PROFILE_FORMAT } from '../../core/profile/index.ts';
import type { Table } from '../../core/table/column.ts';
import { type ModelSample, modelSampleOf } from '../../monitor/reference-model-sample.ts';
import { readDataset } from '../../readers/read-dataset.ts';
import type { ReferenceSource } from '../../storage/registry-store.ts';
import { ApiError } from '../api-error.ts';
import { InstantSchema } from '../schemas/registry.ts';
import { parseReferenceProfile, profileReferenceTable } from './reference-profile.ts';
import { rangeFrom } from './registry-common.ts';

/** Reference uploads may be larger than ingest batches: at least this many bytes (after gunzip). */
export const REFERENCE_UPLOAD_MIN_LIMIT_BYTES = 256 * 1024 * 1024;

/** What the body is, from its Content-Type (and, for octet-stream, the Parquet magic bytes). */
export type UploadKind = 'csv' | 'parquet' | 'jsonl' | 'json' | 'octet-stream';

const TYPES: Readonly<Record<string, UploadKind>> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/vnd.apache.parquet': 'parquet',
  'application/x-parquet': 'parquet',
  'application/parquet': 'parquet',
  'application/x-ndjson': 'jsonl',
  'application/ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'application/jsonlines': 'jsonl',
  'application/json': 'json',
  'application/octet-stream': 'octet-stream',
};

export const ACCEPTED_CONTENT_TYPES = Object.keys(TYPES);

export function uploadKind(contentType: string | undefined): UploadKind {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const kind = TYPES[essence];
  if (!kind) {
    throw new ApiError(
      415,
      'DW_UNSUPPORTED_MEDIA_TYPE',
      `${contentType ? `Content-Type ${JSON.stringify(contentType)} is not accepted` : 'Content-Type is missing'}: send text/csv, application/vnd.apache.parquet, application/x-ndjson, or application/json (a .dwprofile or { from, to })`,
    );
  }
  return kind;
}

export interface ReceivedBody {
  readonly path: string;
  readonly bytes: number;
  /** `sha256:<hex>` of the bytes (after gunzip). */
  readonly sha256: string;
}

/** A temporary directory for one upload; `dispose()` removes it. */
export async function uploadDir(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-ref-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Streams the request body (gunzipped when `Content-Encoding: gzip`) to `path`, hashing and limiting it. */
export async function receiveBody(req: Request, path: string, limitBytes: number): Promise<ReceivedBody> {
  const encoding = (req.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new ApiError(
      415,
      'DW_UNSUPPORTED_ENCODING',
      `Content-Encoding ${JSON.stringify(encoding)} is not supported (gzip is)`,
    );
  }
  if (!req.body) throw new ApiError(400, 'DW_EMPTY_BODY', 'The request body is empty');
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > limitBytes) {
        cb(new ApiError(413, 'DW_BODY_TOO_LARGE', `Reference upload larger than ${limitBytes} bytes`));
        return;
      }
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const source = Readable.fromWeb(req.body as import('node:stream/web').ReadableStream<Uint8Array>);
  try {
    if (encoding === 'identity') await pipeline(source, meter, createWriteStream(path));
    else await pipeline(source, createGunzip(), meter, createWriteStream(path));
  } catch (e) {
    if (e instanceof ApiError) throw e;
    if ((e as { code?: string }).code?.startsWith('Z_')) {
      throw new ApiError(400, 'DW_MALFORMED_BODY', 'Malformed request body: not valid gzip');
    }
    throw e;
  }
  if (bytes === 0) throw new ApiError(400, 'DW_EMPTY_BODY', 'The request body is empty');
  return { path, bytes, sha256: `sha256:${hash.digest('hex')}` };
}

/** True when the file starts and ends with Parquet's magic `PAR1`. */
export async function hasParquetMagic(path: string, bytes: number): Promise<boolean> {
  if (bytes < 12) return false;
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    await fh.read(tail, 0, 4, bytes - 4);
    return head.toString('latin1') === 'PAR1' && tail.toString('latin1') === 'PAR1';
  } finally {
    await fh.close();
  }
}

/** Reads the uploaded file with the CLI's readers; reader errors become 400s naming the upload, not the temp path. */
export async function readUploadedDataset(
  path: string,
  format: 'csv' | 'parquet' | 'jsonl',
  dir: string,
): Promise<Table> {
  try {
    return await readDataset(path, { format, worker: false });
  } catch (e) {
    if (isDriftwatchError(e)) {
      const message = e.message.split(path).join('upload').split(dir).join('');
      throw new ApiError(400, e.code, `Invalid reference dataset: ${message}`);
    }
    throw e;
  }
}

export async function readUploadedText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

const RangeBody = z.strictObject({
  from: InstantSchema,
  to: InstantSchema,
  description: z.string().max(4096).optional(),
});

/** What `setReference` stores for one request. */
export interface ReceivedReference {
  /** JSON text of the `DatasetProfile`; null for a time range (the window evaluator builds it from records). */
  readonly profileJson: string | null;
  readonly source: ReferenceSource;
  /** `sha256:<hex>` of an uploaded file (becomes the training-data fingerprint when the version has none). */
  readonly fingerprint?: string;
  /** The instant the reference was set. */
  readonly now: number;
  /** Row-aligned target/score/prediction of an uploaded dataset, for CBPE (null otherwise). */
  readonly modelSample?: ModelSample | null;
}

/** Reads the request body as a reference (see the module comment); 400/413/415 `ApiError`s name the problem. */
export async function receiveReference(
  req: Request,
  options: { limitBytes: number; now: number; actor: string | null; description?: string },
): Promise<ReceivedReference> {
  const { now, actor } = options;
  const kind = uploadKind(req.headers.get('content-type') ?? undefined);
  const tmp = await uploadDir();
  try {
    const file = join(tmp.dir, kind === 'octet-stream' ? 'reference.bin' : `reference.${kind}`);
    const received = await receiveBody(req, file, options.limitBytes);
    const described = options.description !== undefined ? { description: options.description } : {};
    const uploaded = { bytes: received.bytes, sha256: received.sha256, setAt: now, setBy: actor };
    if (kind === 'json') {
      const text = await readUploadedText(file);
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        throw new ApiError(400, 'DW_MALFORMED_BODY', 'Malformed request body: expected valid JSON');
      }
      if (
        doc !== null &&
        typeof doc === 'object' &&
        (doc as { format?: unknown }).format === PROFILE_FORMAT
      ) {
        const parsed = parseReferenceProfile(text);
        return {
          profileJson: parsed.json,
          source: { kind: 'profile', ...uploaded, rows: parsed.rows, columns: parsed.columns, ...described },
          fingerprint: received.sha256,
          now,
        };
      }
      const r = RangeBody.safeParse(doc);
      if (!r.success) {
        const issue = r.error.issues[0];
        const field = issue?.path.length ? issue.path.map(String).join('.') : undefined;
        throw new ApiError(
          400,
          'DW_VALIDATION',
          `Invalid body${field ? ` at \`${field}\`` : ''}: ${issue?.message ?? 'invalid'} (expected a driftwatch profile or { from, to })`,
          field ? { field } : {},
        );
      }
      const description = r.data.description ?? options.description;
      return {
        profileJson: null,
        source: {
          kind: 'range',
          ...rangeFrom(r.data.from, r.data.to, ''),
          setAt: now,
          setBy: actor,
          ...(description !== undefined ? { description } : {}),
        },
        now,
      };
    }
    let format: 'csv' | 'parquet' | 'jsonl';
    if (kind === 'octet-stream' || kind === 'parquet') {
      if (!(await hasParquetMagic(file, received.bytes))) {
        throw kind === 'parquet'
          ? new ApiError(
              400,
              'DW_PARQUET_UNREADABLE',
              'Invalid reference dataset: not a Parquet file (no PAR1 magic)',
            )
          : new ApiError(
              415,
              'DW_UNSUPPORTED_MEDIA_TYPE',
              'application/octet-stream is accepted for Parquet files only; send CSV as text/csv and JSON Lines as application/x-ndjson',
            );
      }
      format = 'parquet';
    } else format = kind;
    const table = await readUploadedDataset(file, format, tmp.dir);
    if (table.rowCount === 0) {
      throw new ApiError(400, 'DW_REFERENCE_EMPTY', 'Invalid reference dataset: it has no rows');
    }
    return {
      profileJson: profileReferenceTable(table, { source: `reference upload (${format})`, createdAtMs: now }),
      modelSample: modelSampleOf(table),
      source: {
        kind: 'upload',
        format,
        ...uploaded,
        rows: table.rowCount,
        columns: table.columns.length,
        ...described,
      },
      fingerprint: received.sha256,
      now,
    };
  } finally {
    await tmp.dispose();
  }
}
