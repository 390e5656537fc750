import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileMetaData, parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNumberColumn, isStringColumn, type Table } from '../../src/core/table/index.ts';
import { VERSION } from '../../src/core/version.ts';
import { readCsv, readParquet } from '../../src/readers/index.ts';
import { attachmentDisposition } from '../../src/server/export/content-disposition.ts';
import { exportColumns } from '../../src/server/export/export-columns.ts';
import { csvField } from '../../src/server/export/export-formats.ts';
import {
  newValueKinds,
  observeKinds,
  parquetColumnTypes,
  parquetValue,
} from '../../src/server/export/parquet-column-types.ts';
import { parquetExportStream } from '../../src/server/export/parquet-stream.ts';
import { ingestQueue } from '../../src/server/ingest/ingest-service.ts';
import { type ExportRow, exportPages, readExportPage } from '../../src/storage/export-store.ts';
import type { StorageHandle } from '../../src/storage/open-database.ts';
import { backends } from '../storage/backends.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const NOW = Date.UTC(2026, 2, 10, 15, 20, 0);
const T0 = Date.UTC(2026, 2, 10, 12, 0, 0); // 2026-03-10T12:00:00.000Z
const MODEL = 'churn/📈';
const BASE = `/v1/projects/acme/models/${encodeURIComponent(MODEL)}`;

const HEADER =
  'id,timestamp,version,age,plan,note,prediction,score,segment_region,latency_ms,error,target,label_timestamp';

const PREDICTIONS = [
  {
    id: 'r1',
    timestamp: T0,
    features: { age: 30, plan: 'free', note: 'a,b' },
    prediction: 1,
    score: 0.75,
    segments: { region: 'eu' },
    latencyMs: 12.5,
    error: null,
  },
  {
    id: 'r0',
    timestamp: '2026-03-10T13:00:00+01:00', // = T0: ties on time are ordered by id
    features: { age: 41.5, plan: 'say "hi"', note: 'line1\nline2' },
    prediction: 0,
    score: 0.1,
    segments: { region: 'us' },
    latencyMs: 3,
    error: 'E_TIMEOUT',
  },
  {
    id: 'r2',
    timestamp: T0 + 1000,
    features: { age: null, plan: '', note: '=SUM(A1)' },
    prediction: 1,
    score: 0.5,
  },
  {
    id: 'r3',
    timestamp: T0 + 3_600_000,
    features: { age: 7, plan: 'pro', note: 'ünïcødé 🙂' },
    prediction: 0,
    score: 1e-7,
    segments: { region: 'eu' },
  },
];

const LABELS = [
  { id: 'r1', target: 1, timestamp: '2026-03-10T14:00:00Z' },
  { id: 'r0', target: 0, timestamp: T0 + 7_200_000 + 5 },
  { id: 'r3', target: 1, timestamp: '2026-03-10T15:00:00.250Z' },
  { id: 'no-such-record', target: 1 }, // waits for its prediction: never exported
];

const LINES = {
  r0: 'r0,2026-03-10T12:00:00.000Z,v1,41.5,"say ""hi""","line1\nline2",0,0.1,us,3,E_TIMEOUT,0,2026-03-10T14:00:00.005Z',
  r1: 'r1,2026-03-10T12:00:00.000Z,v1,30,free,"a,b",1,0.75,eu,12.5,,1,2026-03-10T14:00:00.000Z',
  r2: 'r2,2026-03-10T12:00:01.000Z,v1,,"",=SUM(A1),1,0.5,,,,,',
  r3: 'r3,2026-03-10T13:00:00.000Z,v1,7,pro,ünïcødé 🙂,0,1e-7,eu,,,1,2026-03-10T15:00:00.250Z',
};

const csv = (...lines: string[]) => `${[HEADER, ...lines].join('\r\n')}\r\n`;

function columnValues(t: Table, name: string): (string | number | null)[] {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  if (isNumberColumn(c)) return [...c.values].map((v) => (Number.isNaN(v) ? null : v));
  if (isStringColumn(c)) return [...c.codes].map((k) => (k < 0 ? null : c.dictionary[k]!));
  throw new Error('unknown column kind');
}

/** Each top-level column's type: hyparquet-writer's BasicType name, `!` when REQUIRED. */
function leafTypes(meta: FileMetaData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of meta.schema.slice(1)) {
    let t: string = el.type ?? 'GROUP';
    if (el.type === 'BYTE_ARRAY' && el.converted_type === 'UTF8' && el.logical_type?.type === 'STRING')
      t = 'STRING';
    const lt = el.logical_type;
    if (
      el.type === 'INT64' &&
      el.converted_type === 'TIMESTAMP_MILLIS' &&
      lt?.type === 'TIMESTAMP' &&
      lt.isAdjustedToUTC &&
      lt.unit === 'MILLIS'
    )
      t = 'TIMESTAMP';
    out[el.name] = el.repetition_type === 'REQUIRED' ? `${t}!` : t;
  }
  return out;
}

/** The bytes read back through the project's own Parquet reader (a file on disk, as the CLI reads it). */
async function readParquetBytes(bytes: ArrayBuffer): Promise<Table> {
  const dir = await mkdtemp(join(tmpdir(), 'dw-export-pq-'));
  try {
    const file = join(dir, 'export.parquet');
    await writeFile(file, new Uint8Array(bytes));
    return await readParquet(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

for (const backend of backends('export API')) {
  describe(`export API (${backend.name})`, () => {
    let h: Harness;
    let storage: StorageHandle;
    let cleanup: () => Promise<void>;
    let keys: { ingest: string; read: string; admin: string; other: string };

    const get = (query: string, key: string | null = keys.read, path = BASE) =>
      h.call('GET', `${path}/export${query}`, { key });

    beforeEach(async () => {
      ({ handle: storage, cleanup } = await backend.open());
      h = await makeHarness({}, storage, () => NOW);
      expect((await h.call('POST', '/v1/projects', { body: { name: 'acme' } })).status).toBe(201);
      expect((await h.call('POST', '/v1/projects', { body: { name: 'other' } })).status).toBe(201);
      const key = async (project: string, scopes: string[]) =>
        (await h.call('POST', `/v1/projects/${project}/keys`, { body: { scopes } })).body.key as string;
      keys = {
        ingest: await key('acme', ['ingest']),
        read: await key('acme', ['read']),
        admin: await key('acme', ['admin']),
        other: await key('other', ['read']),
      };
      const p = await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: PREDICTIONS });
      expect(p.body).toMatchObject({ accepted: 4, rejected: 0 });
      const l = await h.call('POST', `${BASE}/labels`, { key: keys.ingest, body: LABELS });
      expect(l.body).toMatchObject({ accepted: 4, rejected: 0 });
    });
    afterEach(async () => {
      await ingestQueue(h.deps).close();
      await h.close();
      await cleanup();
    });

    it('exports every record with its label as RFC 4180 CSV, exactly', async () => {
      const r = await get('');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.body).toBe(csv(LINES.r0, LINES.r1, LINES.r2, LINES.r3));
      // format=csv is the default; an admin key includes `read`
      const explicit = await get('?format=csv', keys.admin);
      expect(explicit.status).toBe(200);
      expect(explicit.body).toBe(r.body);
    });

    it('Content-Disposition: ASCII fallback and the UTF-8 name, slash replaced', async () => {
      const r = await get('');
      expect(r.headers.get('content-disposition')).toBe(
        `attachment; filename="churn__-export.csv"; filename*=UTF-8''churn_%F0%9F%93%88-export.csv`,
      );
      const j = await get('?format=jsonl');
      expect(j.headers.get('content-disposition')).toBe(
        `attachment; filename="churn__-export.jsonl"; filename*=UTF-8''churn_%F0%9F%93%88-export.jsonl`,
      );
    });

    it('exports JSON Lines with the same columns and JSON types', async () => {
      const r = await get('?format=jsonl');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
      const text = r.body as string;
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.slice(0, -1).split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toBe(
        '{"id":"r0","timestamp":"2026-03-10T12:00:00.000Z","version":"v1","age":41.5,"plan":"say \\"hi\\"",' +
          '"note":"line1\\nline2","prediction":0,"score":0.1,"segment_region":"us","latency_ms":3,' +
          '"error":"E_TIMEOUT","target":0,"label_timestamp":"2026-03-10T14:00:00.005Z"}',
      );
      const rows = lines.map((l) => JSON.parse(l));
      expect(Object.keys(rows[0])).toEqual(HEADER.split(','));
      expect(rows[2]).toEqual({
        id: 'r2',
        timestamp: '2026-03-10T12:00:01.000Z',
        version: 'v1',
        age: null,
        plan: '',
        note: '=SUM(A1)',
        prediction: 1,
        score: 0.5,
        segment_region: null,
        latency_ms: null,
        error: null,
        target: null,
        label_timestamp: null,
      });
      expect(rows.map((x) => x.id)).toEqual(['r0', 'r1', 'r2', 'r3']);
      expect(rows[3].note).toBe('ünïcødé 🙂');
      expect(rows[3].score).toBe(1e-7);
    });

    it('labeled=true keeps only records with a label; labeled=false keeps all', async () => {
      expect((await get('?labeled=true')).body).toBe(csv(LINES.r0, LINES.r1, LINES.r3));
      expect((await get('?labeled=false')).body).toBe(csv(LINES.r0, LINES.r1, LINES.r2, LINES.r3));
      const j = await get('?labeled=true&format=jsonl');
      expect(
        (j.body as string)
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).id),
      ).toEqual(['r0', 'r1', 'r3']);
    });

    it('from is inclusive, to exclusive; RFC 3339 (any zone) or epoch ms', async () => {
      expect((await get(`?from=${T0 + 1000}`)).body).toBe(csv(LINES.r2, LINES.r3));
      expect((await get(`?to=${T0 + 1000}`)).body).toBe(csv(LINES.r0, LINES.r1));
      expect((await get(`?from=${T0 + 1}&to=${T0 + 1001}`)).body).toBe(csv(LINES.r2));
      const q = `?from=${encodeURIComponent('2026-03-10T13:00:00+01:00')}&to=2026-03-10T13:00:00Z`;
      expect((await get(q)).body).toBe(csv(LINES.r0, LINES.r1, LINES.r2));
      expect((await get(`?from=2026-03-10T13:00:00Z&labeled=true`)).body).toBe(csv(LINES.r3));
      // an empty range is a header only (JSON Lines: an empty body)
      expect((await get(`?from=${T0 + 5_000_000}`)).body).toBe(csv());
      const empty = await get(`?from=${T0 + 5_000_000}&format=jsonl`);
      expect(empty.status).toBe(200);
      expect(empty.body).toBe(null); // harness: '' → null
    });

    it('400 naming the field for bad instants, from ≥ to, bad format or labeled', async () => {
      for (const [query, field] of [
        ['?from=yesterday', 'from'],
        ['?to=2026-03-10T13:00:00', 'to'], // no zone
        [`?from=${T0}&to=${T0}`, 'to'],
        ['?format=xlsx', 'format'],
        ['?labeled=yes', 'labeled'],
      ] as const) {
        const r = await get(query);
        expect(r.status, query).toBe(400);
        expect(r.body.error.code).toBe('DW_VALIDATION');
        expect(r.body.error.field).toBe(field);
      }
    });

    const getParquet = async (query: string, path = BASE) => {
      const res = await h.app.request(`${path}/export?format=parquet${query}`, {
        headers: { authorization: `Bearer ${keys.read}` },
      });
      expect(
        res.status,
        await res
          .clone()
          .text()
          .catch(() => ''),
      ).toBe(200);
      return { headers: res.headers, bytes: await res.arrayBuffer() };
    };

    it('format=parquet: typed, nullable columns; read back with the project Parquet reader', async () => {
      const { headers, bytes } = await getParquet('');
      expect(headers.get('content-type')).toBe('application/vnd.apache.parquet');
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('content-disposition')).toBe(
        `attachment; filename="churn__-export.parquet"; filename*=UTF-8''churn_%F0%9F%93%88-export.parquet`,
      );
      const meta = parquetMetadata(bytes);
      expect(Number(meta.num_rows)).toBe(4);
      expect(meta.created_by).toBe(`driftwatch version ${VERSION}`);
      expect(leafTypes(meta)).toEqual({
        id: 'STRING!',
        timestamp: 'TIMESTAMP!',
        version: 'STRING',
        age: 'DOUBLE',
        plan: 'STRING',
        note: 'STRING',
        prediction: 'DOUBLE',
        score: 'DOUBLE',
        segment_region: 'STRING',
        latency_ms: 'DOUBLE',
        error: 'STRING',
        target: 'DOUBLE',
        label_timestamp: 'TIMESTAMP',
      });

      // raw values as hyparquet decodes them: '' and null stay distinct, timestamps are UTC instants
      const rows = await parquetReadObjects({ file: bytes });
      expect(rows[2]).toEqual({
        id: 'r2',
        timestamp: new Date(T0 + 1000),
        version: 'v1',
        age: null,
        plan: '',
        note: '=SUM(A1)',
        prediction: 1,
        score: 0.5,
        segment_region: null,
        latency_ms: null,
        error: null,
        target: null,
        label_timestamp: null,
      });
      expect(rows[0]).toMatchObject({ id: 'r0', latency_ms: 3, error: 'E_TIMEOUT' });

      const t = await readParquetBytes(bytes);
      expect(t.rowCount).toBe(4);
      expect(t.columns.map((c) => c.name)).toEqual(HEADER.split(','));
      expect(Object.fromEntries(t.columns.map((c) => [c.name, c.dtype]))).toMatchObject({
        id: 'string',
        timestamp: 'datetime',
        age: 'float',
        plan: 'string',
        prediction: 'float', // DOUBLE: JSON numbers carry no int/float distinction
        score: 'float',
        target: 'float',
        label_timestamp: 'datetime',
      });
      expect(columnValues(t, 'id')).toEqual(['r0', 'r1', 'r2', 'r3']);
      expect(columnValues(t, 'timestamp')).toEqual([T0, T0, T0 + 1000, T0 + 3_600_000]);
      expect(columnValues(t, 'version')).toEqual(['v1', 'v1', 'v1', 'v1']);
      expect(columnValues(t, 'age')).toEqual([41.5, 30, null, 7]);
      expect(columnValues(t, 'note')).toEqual(['line1\nline2', 'a,b', '=SUM(A1)', 'ünïcødé 🙂']);
      expect(columnValues(t, 'prediction')).toEqual([0, 1, 1, 0]);
      expect(columnValues(t, 'score')).toEqual([0.1, 0.75, 0.5, 1e-7]);
      expect(columnValues(t, 'segment_region')).toEqual(['us', 'eu', null, 'eu']);
      expect(columnValues(t, 'latency_ms')).toEqual([3, 12.5, null, null]);
      expect(columnValues(t, 'error')).toEqual(['E_TIMEOUT', null, null, null]);
      expect(columnValues(t, 'target')).toEqual([0, 1, null, 1]);
      expect(columnValues(t, 'label_timestamp')).toEqual([
        T0 + 7_200_005,
        Date.UTC(2026, 2, 10, 14),
        null,
        Date.UTC(2026, 2, 10, 15, 0, 0, 250),
      ]);
    });

    it('format=parquet: labeled and time filters; an empty range is a valid file with the typed schema', async () => {
      const labeled = await parquetReadObjects({ file: (await getParquet('&labeled=true')).bytes });
      expect(labeled.map((r) => r.id)).toEqual(['r0', 'r1', 'r3']);
      expect(labeled.map((r) => r.target)).toEqual([0, 1, 1]);
      expect(labeled.map((r) => (r.label_timestamp as Date).getTime())).toEqual([
        T0 + 7_200_005,
        Date.UTC(2026, 2, 10, 14),
        Date.UTC(2026, 2, 10, 15, 0, 0, 250),
      ]);
      const ranged = await parquetReadObjects({
        file: (await getParquet(`&from=${T0 + 1}&to=${T0 + 1001}`)).bytes,
      });
      expect(ranged.map((r) => r.id)).toEqual(['r2']);

      // no rows: no values to look at, so the model schema gives the types (target: the prediction's type)
      const empty = (await getParquet(`&from=${T0 + 5_000_000}`)).bytes;
      const meta = parquetMetadata(empty);
      expect(Number(meta.num_rows)).toBe(0);
      expect(meta.row_groups).toHaveLength(0);
      expect(leafTypes(meta)).toMatchObject({
        age: 'DOUBLE',
        plan: 'STRING',
        prediction: 'DOUBLE',
        segment_region: 'STRING',
        target: 'DOUBLE',
      });
      expect(await parquetReadObjects({ file: empty })).toEqual([]);
      expect((await readParquetBytes(empty)).rowCount).toBe(0);
    });

    it('format=parquet: booleans, mixed kinds as text, emoji values and column names', async () => {
      const more = [
        {
          id: 'b1',
          timestamp: T0 + 20,
          features: { age: 5, flag: true, '🎯 goal': 'ⓐ 😀' },
          prediction: 1,
          segments: { region: 3 },
        },
        { id: 'b2', timestamp: T0 + 21, features: { flag: false, '🎯 goal': null }, prediction: 0 },
      ];
      expect(
        (await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: more })).body,
      ).toMatchObject({ accepted: 2 });
      const l = await h.call('POST', `${BASE}/labels`, {
        key: keys.ingest,
        body: [{ id: 'b1', target: 'yes', timestamp: T0 + 30 }],
      });
      expect(l.body).toMatchObject({ accepted: 1 });
      const { bytes } = await getParquet(`&from=${T0 + 20}&to=${T0 + 22}`);
      expect(leafTypes(parquetMetadata(bytes))).toMatchObject({
        flag: 'BOOLEAN',
        '🎯 goal': 'STRING',
        segment_region: 'DOUBLE', // 3 here, strings elsewhere: only this range's values count
        target: 'STRING',
      });
      const rows = await parquetReadObjects({ file: bytes });
      expect(rows.map((r) => [r.id, r.flag, r['🎯 goal'], r.segment_region, r.target])).toEqual([
        ['b1', true, 'ⓐ 😀', 3, 'yes'],
        ['b2', false, null, null, null],
      ]);
      // the whole range: numeric and string targets together become their text, like the CSV field
      const all = await parquetReadObjects({ file: (await getParquet('')).bytes });
      expect(all.map((r) => [r.id, r.target, r.segment_region])).toEqual([
        ['r0', '0', 'us'],
        ['r1', '1', 'eu'],
        ['b1', 'yes', '3'],
        ['b2', null, null],
        ['r2', null, null],
        ['r3', '1', 'eu'],
      ]);
      const t = await readParquetBytes((await getParquet('')).bytes);
      expect(t.columns.find((c) => c.name === 'flag')!.dtype).toBe('bool');
      expect(columnValues(t, 'flag')).toEqual([null, null, 'true', 'false', null, null]);
      expect(columnValues(t, '🎯 goal')).toEqual([null, null, 'ⓐ 😀', null, null, null]);
    });

    it('version filter (name or alias); 404 for an unknown version', async () => {
      const v2 = [{ id: 'v2-a', timestamp: T0 + 10, version: 'v2', features: { age: 1 }, prediction: 1 }];
      expect(
        (await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: v2 })).body,
      ).toMatchObject({ accepted: 1 });
      const r = await get('?version=v2');
      expect(r.body).toBe(csv('v2-a,2026-03-10T12:00:00.010Z,v2,1,,,1,,,,,,'));
      expect((await get('?version=v1')).body).toBe(csv(LINES.r0, LINES.r1, LINES.r2, LINES.r3));
      const alias = await h.call('PUT', `${BASE}/aliases/champion`, {
        key: keys.admin,
        body: { version: 'v2' },
      });
      expect(alias.status).toBe(200);
      expect((await get('?version=champion')).body).toBe(r.body);
      const missing = await get('?version=nope');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('DW_VERSION_NOT_FOUND');
    });

    it('404 for an unknown model or project; 401 without a key; 403 without `read` or for another project', async () => {
      const unknownModel = await get('', keys.read, '/v1/projects/acme/models/nope');
      expect(unknownModel.status).toBe(404);
      expect(unknownModel.body.error).toMatchObject({ code: 'DW_MODEL_NOT_FOUND', field: 'model' });
      expect(
        (await get('', h.serverKey, `/v1/projects/nope/models/${encodeURIComponent(MODEL)}`)).status,
      ).toBe(404);
      const anon = await get('', null);
      expect(anon.status).toBe(401);
      expect(anon.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await get('', keys.ingest)).status).toBe(403);
      expect((await get('', keys.other)).status).toBe(403);
      expect((await get('', h.serverKey)).status).toBe(200);
    });

    it("reads back with the project's own CSV reader (round trip)", async () => {
      const r = await get('');
      const dir = await mkdtemp(join(tmpdir(), 'dw-export-'));
      try {
        const file = join(dir, 'export.csv');
        await writeFile(file, r.body as string, 'utf8');
        const t = await readCsv(file);
        expect(t.rowCount).toBe(4);
        expect(t.columns.map((c) => c.name)).toEqual(HEADER.split(','));
        expect(columnValues(t, 'id')).toEqual(['r0', 'r1', 'r2', 'r3']);
        expect(columnValues(t, 'timestamp')).toEqual([T0, T0, T0 + 1000, T0 + 3_600_000]);
        expect(columnValues(t, 'age')).toEqual([41.5, 30, null, 7]);
        // pandas semantics: an empty string reads as missing, like an empty field
        expect(columnValues(t, 'plan')).toEqual(['say "hi"', 'free', null, 'pro']);
        expect(columnValues(t, 'note')).toEqual(['line1\nline2', 'a,b', '=SUM(A1)', 'ünïcødé 🙂']);
        expect(columnValues(t, 'score')).toEqual([0.1, 0.75, 0.5, 1e-7]);
        expect(columnValues(t, 'segment_region')).toEqual(['us', 'eu', null, 'eu']);
        expect(columnValues(t, 'error')).toEqual(['E_TIMEOUT', null, null, null]);
        expect(columnValues(t, 'target')).toEqual([0, 1, null, 1]);
        expect(columnValues(t, 'label_timestamp')).toEqual([
          T0 + 7_200_005,
          Date.UTC(2026, 2, 10, 14),
          null,
          Date.UTC(2026, 2, 10, 15, 0, 0, 250),
        ]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('streams many records page by page, in (timestamp, id) order, none twice', async () => {
      const n = 4500; // > 2 pages of 2000
      const many = Array.from({ length: n }, (_, i) => ({
        id: `m${String(n - i).padStart(5, '0')}`, // ids descending while time ascends in blocks
        timestamp: T0 + 10_000 + Math.floor(i / 1000) * 1000,
        features: { age: i },
        prediction: i % 2,
        score: 0.5,
      }));
      expect(
        (await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: many })).body,
      ).toMatchObject({ accepted: n });
      const res = await h.app.request(`${BASE}/export?format=jsonl&from=${T0 + 10_000}&to=${T0 + 20_000}`, {
        headers: { authorization: `Bearer ${keys.read}` },
      });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let chunks = 0;
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks++;
        text += decoder.decode(value, { stream: true });
      }
      expect(chunks).toBeGreaterThanOrEqual(3);
      const rows = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(rows).toHaveLength(n);
      expect(new Set(rows.map((r) => r.id)).size).toBe(n);
      const expected = [...many]
        .sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((r) => r.id);
      expect(rows.map((r) => r.id)).toEqual(expected);

      // the storage pages themselves: keyset pagination with a small page size gives the same order
      const model = await storage.db
        .selectFrom('models')
        .select('id')
        .where('name', '=', MODEL)
        .executeTakeFirstOrThrow();
      const ids: string[] = [];
      for await (const page of exportPages(
        storage.db,
        { modelId: model.id, fromMs: T0 + 10_000, toMs: T0 + 20_000, labeledOnly: false },
        333,
      ))
        for (const row of page) ids.push(row.recordId);
      expect(ids).toEqual(expected);
      const tail = await readExportPage(
        storage.db,
        { modelId: model.id, toMs: T0 + 20_000, labeledOnly: false },
        { ts: T0 + 14_000, recordId: expected[n - 2]! },
        10,
      );
      expect(tail.map((x) => x.recordId)).toEqual([expected[n - 1]]);
    });

    it('a model without a stored schema: union of keys; colliding feature names renamed; scores per class', async () => {
      const project = await storage.db
        .selectFrom('projects')
        .select('id')
        .where('name', '=', 'acme')
        .executeTakeFirstOrThrow();
      await storage.db
        .insertInto('models')
        .values({
          id: 'm-raw',
          project_id: project.id,
          name: 'raw',
          created_at: NOW,
          schema_json: null,
          config_json: null,
        })
        .execute();
      await storage.db
        .insertInto('versions')
        .values({
          id: 'v-raw',
          model_id: 'm-raw',
          name: 'v9',
          created_at: NOW,
          created_by: null,
          contract_json: null,
          reference_json: null,
          reference_source_json: null,
          features_json: null,
          fingerprint: null,
          environment_json: null,
          evaluation_json: null,
          validation_json: null,
          tags_json: null,
          config_json: null,
        })
        .execute();
      const rec = (
        id: string,
        ts: number,
        features: object,
        scores: object | null,
        segments: object | null,
      ) => ({
        model_id: 'm-raw',
        record_id: id,
        version_id: 'v-raw',
        ts,
        received_at: NOW,
        features_json: JSON.stringify(features),
        prediction_json: JSON.stringify('b'),
        score: null,
        scores_json: scores === null ? null : JSON.stringify(scores),
        segments_json: segments === null ? null : JSON.stringify(segments),
        latency_ms: null,
        error: null,
      });
      await storage.db
        .insertInto('records')
        .values([
          rec('x1', T0, { id: 'feature-id', x: 1 }, { a: 0.25, b: 0.75 }, { tier: 'gold' }),
          rec('x2', T0 + 1, { constructor: true, score_a: 9, nested: [1, 2] }, { c: 1 }, null),
        ])
        .execute();
      await storage.db
        .insertInto('labels')
        .values({ model_id: 'm-raw', record_id: 'x2', target_json: '"c"', ts: T0 + 5, received_at: NOW })
        .execute();
      const r = await get('', keys.read, '/v1/projects/acme/models/raw');
      expect(r.status).toBe(200);
      expect(r.body).toBe(
        [
          'id,timestamp,version,feature_id,x,constructor,feature_score_a,nested,prediction,score_a,score_b,score_c,segment_tier,latency_ms,error,target,label_timestamp',
          'x1,2026-03-10T12:00:00.000Z,v9,feature-id,1,,,,b,0.25,0.75,,gold,,,,',
          'x2,2026-03-10T12:00:00.001Z,v9,,,true,9,"[1,2]",b,,,1,,,,c,2026-03-10T12:00:00.005Z',
          '',
        ].join('\r\n'),
      );

      // Parquet: the same columns, typed from the values (nested JSON as its text)
      const { bytes } = await getParquet('', '/v1/projects/acme/models/raw');
      expect(leafTypes(parquetMetadata(bytes))).toEqual({
        id: 'STRING!',
        timestamp: 'TIMESTAMP!',
        version: 'STRING',
        feature_id: 'STRING',
        x: 'DOUBLE',
        constructor: 'BOOLEAN',
        feature_score_a: 'DOUBLE',
        nested: 'STRING',
        prediction: 'STRING',
        score_a: 'DOUBLE',
        score_b: 'DOUBLE',
        score_c: 'DOUBLE',
        segment_tier: 'STRING',
        latency_ms: 'DOUBLE',
        error: 'STRING',
        target: 'STRING',
        label_timestamp: 'TIMESTAMP',
      });
      const rows = await parquetReadObjects({ file: bytes });
      expect(rows[1]).toEqual({
        id: 'x2',
        timestamp: new Date(T0 + 1),
        version: 'v9',
        feature_id: null,
        x: null,
        constructor: true,
        feature_score_a: 9,
        nested: '[1,2]',
        prediction: 'b',
        score_a: null,
        score_b: null,
        score_c: 1,
        segment_tier: null,
        latency_ms: null,
        error: null,
        target: 'c',
        label_timestamp: new Date(T0 + 5),
      });
      expect(rows[0]).toMatchObject({
        id: 'x1',
        feature_id: 'feature-id',
        x: 1,
        constructor: null,
        score_a: 0.25,
      });
    });

    it('format=parquet over several pages: a type pass first sees a string target on the last page', async () => {
      const n = 4500; // > 2 pages of 2000: the first page alone would say DOUBLE
      const many = Array.from({ length: n }, (_, i) => ({
        id: `p${String(i).padStart(5, '0')}`,
        timestamp: T0 + 10_000 + i,
        features: { age: i + 0.5 },
        prediction: i % 2,
      }));
      expect(
        (await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: many })).body,
      ).toMatchObject({ accepted: n });
      const labels = [
        { id: 'p00000', target: 1, timestamp: T0 + 50_000 },
        { id: many[n - 1]!.id, target: 'late', timestamp: T0 + 50_000 },
      ];
      expect((await h.call('POST', `${BASE}/labels`, { key: keys.ingest, body: labels })).body).toMatchObject(
        { accepted: 2 },
      );
      const { bytes } = await getParquet(`&from=${T0 + 10_000}&to=${T0 + 10_000 + n}`);
      const meta = parquetMetadata(bytes);
      expect(Number(meta.num_rows)).toBe(n);
      expect(leafTypes(meta)).toMatchObject({ age: 'DOUBLE', prediction: 'DOUBLE', target: 'STRING' });
      const t = await readParquetBytes(bytes);
      expect(t.rowCount).toBe(n);
      expect(columnValues(t, 'id')).toEqual(many.map((r) => r.id));
      expect(columnValues(t, 'age')).toEqual(many.map((r) => r.features.age));
      expect(columnValues(t, 'timestamp')).toEqual(many.map((r) => r.timestamp));
      const target = columnValues(t, 'target');
      expect([target[0], target[1], target[n - 2], target[n - 1]]).toEqual(['1', null, null, 'late']);
    });

    it('is in /openapi.json with its query parameters and the three media types', async () => {
      const doc = (await h.call('GET', '/openapi.json', { key: null })).body;
      const op = doc.paths['/v1/projects/{project}/models/{model}/export'].get;
      expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
        ['format', 'from', 'labeled', 'model', 'project', 'to', 'version'].sort(),
      );
      expect(Object.keys(op.responses)).not.toContain('501');
      expect(Object.keys(op.responses['200'].content)).toEqual([
        'text/csv',
        'application/x-ndjson',
        'application/vnd.apache.parquet',
      ]);
      expect(op.responses['200'].content['application/vnd.apache.parquet'].schema).toMatchObject({
        type: 'string',
        format: 'binary',
      });
      expect(op.description).toMatch(/TIMESTAMP \(INT64 milliseconds, UTC\)/);
      expect(op.description).toMatch(/no row limit/);
    });
  });
}

/** A stored record as the export store returns it: feature `x` given, `s` a string, label when `target` given. */
function exportRow(i: number, x: unknown, target: unknown = null): ExportRow {
  return {
    recordId: `r${i}`,
    ts: T0 + i,
    versionName: 'v1',
    featuresJson: JSON.stringify({ x, s: `s${i}` }),
    predictionJson: JSON.stringify(i % 2 === 0),
    score: i / 10,
    scoresJson: null,
    segmentsJson: null,
    latencyMs: null,
    error: null,
    targetJson: target === null ? null : JSON.stringify(target),
    labelTs: target === null ? null : T0 + 100 + i,
  };
}

async function* pagesOf(pages: ExportRow[][]): AsyncGenerator<ExportRow[], void, undefined> {
  for (const p of pages) yield p;
}

describe('parquet export stream', () => {
  const columns = exportColumns({ features: ['x', 's'], scoreClasses: [], segments: [], hasScore: true });
  const typesOf = (rows: ExportRow[]) => {
    const kinds = newValueKinds(columns);
    observeKinds(columns, rows, kinds);
    return parquetColumnTypes(columns, kinds, null);
  };

  it('buffers whole pages into row groups of about rowGroupCells cells; magic first, footer last', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => exportRow(i, i * 1.5, i % 3 === 0 ? i : null));
    const types = typesOf(rows);
    expect(types).toEqual([
      'STRING',
      'TIMESTAMP',
      'STRING',
      'DOUBLE',
      'STRING',
      'BOOLEAN',
      'DOUBLE',
      'DOUBLE',
      'STRING',
      'DOUBLE',
      'TIMESTAMP',
    ]);
    const errors: unknown[] = [];
    const stream = parquetExportStream({
      columns,
      types,
      firstPage: rows.slice(0, 3),
      pages: pagesOf([rows.slice(3, 6), rows.slice(6, 9), rows.slice(9)]),
      onError: (e) => errors.push(e),
      rowGroupCells: columns.length * 5, // 5 rows: pages of 3 give groups of 6 and 4
    });
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(errors).toEqual([]);
    expect(chunks).toHaveLength(2);
    const magic = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(magic(chunks[0]!.subarray(0, 4))).toBe('PAR1');
    expect(magic(chunks[1]!.subarray(-4))).toBe('PAR1');
    const bytes = await new Blob(chunks as BlobPart[]).arrayBuffer();
    const meta = parquetMetadata(bytes);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([6, 4]);
    const back = await parquetReadObjects({ file: bytes });
    expect(back).toEqual(
      rows.map((r, i) => ({
        id: r.recordId,
        timestamp: new Date(r.ts),
        version: 'v1',
        x: i * 1.5,
        s: `s${i}`,
        prediction: i % 2 === 0,
        score: i / 10,
        latency_ms: null,
        error: null,
        target: i % 3 === 0 ? i : null,
        label_timestamp: i % 3 === 0 ? new Date(T0 + 100 + i) : null,
      })),
    );
  });

  it('a value that no longer fits its column aborts the stream with DW_EXPORT_TYPE_CHANGED', async () => {
    const good = [exportRow(0, 1), exportRow(1, 2)];
    let returned = false;
    async function* later(): AsyncGenerator<ExportRow[], void, undefined> {
      try {
        yield [exportRow(2, 3)];
        yield [exportRow(3, 'not a number')];
      } finally {
        returned = true;
      }
    }
    const errors: unknown[] = [];
    const stream = parquetExportStream({
      columns,
      types: typesOf(good),
      firstPage: good,
      pages: later(),
      onError: (e) => errors.push(e),
      rowGroupCells: columns.length * 3,
    });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false); // the first row group went out before the bad value was read
    await expect(reader.read()).rejects.toMatchObject({ code: 'DW_EXPORT_TYPE_CHANGED' });
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toMatch(/column "x" is DOUBLE but a record now has a string/);
    expect(returned).toBe(true);
  });

  it('column types: kinds seen in the range, schema hints for columns without values', () => {
    const cols = exportColumns({
      features: ['n', 'b', 'str', 'mixed', 'nested', 'empty_f', 'empty_u'],
      scoreClasses: ['a'],
      segments: ['seg'],
      hasScore: false,
    });
    const row: ExportRow = {
      ...exportRow(0, null),
      featuresJson: JSON.stringify({ n: 1, b: false, str: '', mixed: 1, nested: { k: [1] } }),
      predictionJson: null,
      scoresJson: null,
    };
    const row2: ExportRow = { ...row, featuresJson: JSON.stringify({ n: 2.5, mixed: 'one' }) };
    const kinds = newValueKinds(cols);
    observeKinds(cols, [row, row2], kinds);
    const schema = {
      features: { n: 'int', empty_f: 'bool', empty_u: 'float' },
      prediction: 'string',
    } as const;
    const byName = (types: string[]) => Object.fromEntries(cols.map((c, i) => [c.name, types[i]]));
    expect(byName(parquetColumnTypes(cols, kinds, schema))).toEqual({
      id: 'STRING',
      timestamp: 'TIMESTAMP',
      version: 'STRING',
      n: 'DOUBLE',
      b: 'BOOLEAN',
      str: 'STRING',
      mixed: 'STRING',
      nested: 'STRING',
      empty_f: 'BOOLEAN',
      empty_u: 'DOUBLE',
      prediction: 'STRING',
      score_a: 'DOUBLE',
      segment_seg: 'STRING',
      latency_ms: 'DOUBLE',
      error: 'STRING',
      target: 'STRING',
      label_timestamp: 'TIMESTAMP',
    });
    // without a schema, columns without values are STRING (per-class scores stay DOUBLE)
    const bare = byName(parquetColumnTypes(cols, kinds, null));
    expect([bare.empty_f, bare.empty_u, bare.prediction, bare.target, bare.score_a]).toEqual([
      'STRING',
      'STRING',
      'STRING',
      'STRING',
      'DOUBLE',
    ]);
    // an inherited name is not a schema entry
    const proto = exportColumns({
      features: ['constructor'],
      scoreClasses: [],
      segments: [],
      hasScore: true,
    });
    expect(parquetColumnTypes(proto, newValueKinds(proto), { features: {} })[3]).toBe('STRING');
  });

  it('parquetValue: STRING takes any value as its CSV text; other types reject other kinds', () => {
    expect(parquetValue(null, 'DOUBLE', 'c')).toBe(null);
    expect(parquetValue('é🙂', 'STRING', 'c')).toBe('é🙂');
    expect(parquetValue(1e21, 'STRING', 'c')).toBe('1e+21');
    expect(parquetValue(0.1, 'STRING', 'c')).toBe('0.1');
    expect(parquetValue(false, 'STRING', 'c')).toBe('false');
    expect(parquetValue([1, { a: '"' }], 'STRING', 'c')).toBe('[1,{"a":"\\""}]');
    expect(parquetValue(-0, 'DOUBLE', 'c')).toBe(-0);
    expect(parquetValue(true, 'BOOLEAN', 'c')).toBe(true);
    expect(parquetValue(T0, 'TIMESTAMP', 'c')).toBe(T0);
    expect(() => parquetValue('1', 'DOUBLE', 'c')).toThrow(
      expect.objectContaining({ code: 'DW_EXPORT_TYPE_CHANGED' }),
    );
    expect(() => parquetValue(1, 'BOOLEAN', 'c')).toThrow(
      /column "c" is BOOLEAN but a record now has a number/,
    );
  });
});

describe('export encodings', () => {
  it('csvField quotes per RFC 4180 and keeps values exact', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('cr\rlf\n')).toBe('"cr\rlf\n"');
    expect(csvField(' padded ')).toBe(' padded ');
    expect(csvField('=1+1')).toBe('=1+1');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(-0)).toBe('0');
    expect(csvField(1e21)).toBe('1e+21');
    expect(csvField(false)).toBe('false');
    expect(csvField({ a: '"' })).toBe('"{""a"":""\\""""}"');
  });

  it('column names stay unique', () => {
    const cols = exportColumns({
      features: ['id', 'feature_id', 'score', 'segment_s', 'label_timestamp'],
      scoreClasses: [],
      segments: ['s'],
      hasScore: false,
    });
    const names = cols.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      'id',
      'timestamp',
      'version',
      'feature_feature_id',
      'feature_id',
      'feature_score',
      'feature_segment_s',
      'feature_label_timestamp',
      'prediction',
      'score',
      'segment_s',
      'latency_ms',
      'error',
      'target',
      'label_timestamp',
    ]);
  });

  it('attachmentDisposition never lets quotes, separators or control characters through', () => {
    expect(attachmentDisposition('a"b\\c/d\r\ne', 'csv')).toBe(
      `attachment; filename="a_b_c_d__e.csv"; filename*=UTF-8''a%22b_c_d__e.csv`,
    );
    expect(attachmentDisposition('..hidden', 'csv')).toBe(
      `attachment; filename="hidden.csv"; filename*=UTF-8''..hidden.csv`,
    );
    expect(attachmentDisposition('📈', 'jsonl')).toBe(
      `attachment; filename="export.jsonl"; filename*=UTF-8''%F0%9F%93%88.jsonl`,
    );
    expect(attachmentDisposition('x\ud800', 'csv')).toBe(
      `attachment; filename="x_.csv"; filename*=UTF-8''x%EF%BF%BD.csv`,
    );
  });
});
