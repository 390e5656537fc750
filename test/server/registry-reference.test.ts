import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/core/profile/index.ts';
import { receiveBody } from '../../src/server/routes/reference-upload.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const PARQUET = readFileSync(new URL('../fixtures/readers/parquet/types-snappy.parquet', import.meta.url));
const CSV = 'age,country,income\n34,DE,52000.5\n51,FR,61000\n29,DE,\n45,US,70500.25\n';
const JSONL = '{"age":34,"country":"DE"}\n{"age":51,"country":"FR"}\n{"age":null,"country":"DE"}\n';
const sha = (b: string | Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const MODEL = 'credit / <script>📈';
const base = `/v1/projects/p/models/${encodeURIComponent(MODEL)}`;

describe('PUT …/versions/{version}/reference', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
    expect((await h.call('POST', '/v1/projects', { body: { name: 'p' } })).status).toBe(201);
    for (const name of ['v1', 'v2', 'v3']) {
      expect((await h.call('POST', `${base}/versions`, { body: { name } })).status).toBe(201);
    }
  });
  afterEach(() => h.close());

  const put = (
    version: string,
    body: string | Uint8Array,
    contentType: string,
    headers: Record<string, string> = {},
  ) =>
    h.call('PUT', `${base}/versions/${version}/reference`, {
      body,
      headers: { 'content-type': contentType, ...headers },
    });

  it('CSV upload: profiled with the CLI readers, sha256 of the bytes as fingerprint, profile retrievable', async () => {
    const r = await put('v1', CSV, 'text/csv; charset=utf-8');
    expect(r.status).toBe(200);
    expect(r.body.reference).toEqual({
      kind: 'upload',
      format: 'csv',
      bytes: Buffer.byteLength(CSV),
      sha256: sha(CSV),
      rows: 4,
      columns: 3,
      setAt: expect.any(String),
      setBy: expect.any(String),
      hasProfile: true,
    });
    expect(r.body.fingerprint).toBe(sha(CSV));
    const got = await h.call('GET', `${base}/versions/v1/reference`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    const profile = parseProfile(JSON.stringify(got.body));
    expect(profile.rows).toBe(4);
    expect(profile.columns.map((c) => [c.name, c.dtype, c.count, c.missing])).toEqual([
      ['age', 'int', 4, 0],
      ['country', 'string', 4, 0],
      ['income', 'float', 3, 1],
    ]);
    // audit
    const audit = await h.call('GET', '/v1/projects/p/audit?target=version');
    const set = audit.body.entries.filter((e: { action: string }) => e.action === 'version.reference.set');
    expect(set).toHaveLength(1);
    expect(set[0].after).toMatchObject({
      model: MODEL,
      version: 'v1',
      reference: { kind: 'upload', sha256: sha(CSV) },
      fingerprint: sha(CSV),
    });
    expect(set[0].before).toMatchObject({ reference: null, hadProfile: false, fingerprint: null });
  });

  it('a client-given training-data fingerprint is kept; the upload hash is on the reference', async () => {
    await h.call('POST', `${base}/versions`, { body: { name: 'v4', fingerprint: 'md5:abc' } });
    const r = await put('v4', CSV, 'text/csv');
    expect(r.body.fingerprint).toBe('md5:abc');
    expect(r.body.reference.sha256).toBe(sha(CSV));
  });

  it('JSON Lines and Parquet (declared or as octet-stream with the magic bytes); gzip accepted', async () => {
    const j = await put('v1', JSONL, 'application/x-ndjson');
    expect(j.status).toBe(200);
    expect(j.body.reference).toMatchObject({ kind: 'upload', format: 'jsonl', rows: 3, columns: 2 });
    const p = await put('v2', new Uint8Array(PARQUET), 'application/vnd.apache.parquet');
    expect(p.status).toBe(200);
    expect(p.body.reference).toMatchObject({
      kind: 'upload',
      format: 'parquet',
      rows: 10,
      sha256: sha(PARQUET),
    });
    const o = await put('v3', new Uint8Array(PARQUET), 'application/octet-stream');
    expect(o.status).toBe(200);
    expect(o.body.reference.format).toBe('parquet');
    const gz = await put('v3', new Uint8Array(gzipSync(CSV)), 'text/csv', { 'content-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    // the fingerprint is of the file, not of its transfer encoding
    expect(gz.body.reference).toMatchObject({
      format: 'csv',
      sha256: sha(CSV),
      bytes: Buffer.byteLength(CSV),
    });
  });

  it('a .dwprofile upload is validated and stored; a time range is stored as the source', async () => {
    await put('v1', CSV, 'text/csv');
    const text = JSON.stringify((await h.call('GET', `${base}/versions/v1/reference`)).body);
    const r = await put('v2', text, 'application/json');
    expect(r.status).toBe(200);
    expect(r.body.reference).toMatchObject({
      kind: 'profile',
      format: 'dwprofile',
      rows: 4,
      columns: 3,
      sha256: sha(text),
    });
    expect(
      parseProfile(JSON.stringify((await h.call('GET', `${base}/versions/v2/reference`)).body)).rows,
    ).toBe(4);

    const range = await h.call('PUT', `${base}/versions/production/reference`, {
      body: { from: '2026-01-01T00:00:00Z', to: Date.UTC(2026, 0, 2), description: 'first day' },
    });
    expect(range.status).toBe(404); // no alias yet
    await h.call('PUT', `${base}/aliases/production`, { body: { version: 'v2' } });
    const viaAlias = await h.call('PUT', `${base}/versions/production/reference`, {
      body: { from: '2026-01-01T00:00:00Z', to: Date.UTC(2026, 0, 2), description: 'first day' },
    });
    expect(viaAlias.status).toBe(200);
    expect(viaAlias.body.name).toBe('v2');
    expect(viaAlias.body.reference).toEqual({
      kind: 'range',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-02T00:00:00.000Z',
      description: 'first day',
      setAt: expect.any(String),
      setBy: expect.any(String),
      hasProfile: false,
    });
    const none = await h.call('GET', `${base}/versions/v2/reference`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('DW_REFERENCE_NOT_SET');
    // a description given as a query parameter for uploads
    const described = await h.call(
      'PUT',
      `${base}/versions/v3/reference?description=${encodeURIComponent('holdout <b>')}`,
      {
        body: CSV,
        headers: { 'content-type': 'text/csv' },
      },
    );
    expect(described.body.reference.description).toBe('holdout <b>');
  });

  it('rejects what it cannot use, naming the problem', async () => {
    const cases: [string | Uint8Array, string, Record<string, string>, number, string, string?][] = [
      [CSV, 'text/plain', {}, 415, 'DW_UNSUPPORTED_MEDIA_TYPE'],
      [CSV, 'application/octet-stream', {}, 415, 'DW_UNSUPPORTED_MEDIA_TYPE'],
      [CSV, 'application/vnd.apache.parquet', {}, 400, 'DW_PARQUET_UNREADABLE'],
      [CSV, 'text/csv', { 'content-encoding': 'br' }, 415, 'DW_UNSUPPORTED_ENCODING'],
      [CSV, 'text/csv', { 'content-encoding': 'gzip' }, 400, 'DW_MALFORMED_BODY'],
      ['a,b\n1,2\n3,4,5\n', 'text/csv', {}, 400, 'DW_CSV_MALFORMED'],
      ['{"a":1}\n{"a":\n', 'application/x-ndjson', {}, 400, 'DW_JSONL_MALFORMED'],
      ['a,b\n', 'text/csv', {}, 400, 'DW_REFERENCE_EMPTY'],
      ['{"from":', 'application/json', {}, 400, 'DW_MALFORMED_BODY'],
      [
        '{"from":"2026-01-02T00:00:00Z","to":"2026-01-01T00:00:00Z"}',
        'application/json',
        {},
        400,
        'DW_VALIDATION',
        'to',
      ],
      ['{"from":"2026-01-02T00:00:00Z"}', 'application/json', {}, 400, 'DW_VALIDATION', 'to'],
      ['{"from":1,"to":2,"x":1}', 'application/json', {}, 400, 'DW_VALIDATION'],
      ['{"format":"driftwatch-profile","rows":"x"}', 'application/json', {}, 400, 'DW_PROFILE_INVALID'],
      [
        '{"format":"driftwatch-profile","formatVersion":99}',
        'application/json',
        {},
        400,
        'DW_PROFILE_VERSION',
      ],
    ];
    for (const [body, type, headers, status, code, field] of cases) {
      const r = await put('v1', body, type, headers);
      const what = `${type} ${JSON.stringify(headers)} ${String(body).slice(0, 40)}`;
      expect(r.status, what).toBe(status);
      expect(r.body.error.code, what).toBe(code);
      if (field) expect(r.body.error.field, what).toBe(field);
      // temp paths never leak into messages
      expect(r.body.error.message, what).not.toContain(tmpdir());
    }
    const noType = await h.call('PUT', `${base}/versions/v1/reference`, {
      body: new TextEncoder().encode(CSV),
    });
    expect(noType.status).toBe(415);
    // nothing was stored by the failures
    const v = await h.call('GET', `${base}/versions/v1`);
    expect(v.body.reference.kind).toBe('default');
    expect(v.body.fingerprint).toBeNull();
    // unknown model / version
    expect(
      (
        await h.call('PUT', '/v1/projects/p/models/nope/versions/v1/reference', {
          body: CSV,
          headers: { 'content-type': 'text/csv' },
        })
      ).status,
    ).toBe(404);
    expect((await put('v9', CSV, 'text/csv')).status).toBe(404);
  });
});

describe('receiveBody', () => {
  it('streams to a file with the sha256 of the bytes, and stops at the limit with a 413', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-test-'));
    try {
      const bytes = 'x'.repeat(5000);
      const ok = await receiveBody(
        new Request('http://x/', { method: 'PUT', body: bytes }),
        join(dir, 'a'),
        5000,
      );
      expect(ok).toEqual({ path: join(dir, 'a'), bytes: 5000, sha256: sha(bytes) });
      expect(await readFile(join(dir, 'a'), 'utf8')).toBe(bytes);
      await expect(
        receiveBody(new Request('http://x/', { method: 'PUT', body: bytes }), join(dir, 'b'), 4999),
      ).rejects.toMatchObject({ status: 413, code: 'DW_BODY_TOO_LARGE' });
      // the limit applies after gunzip (a small gzip bomb is stopped)
      const bomb = gzipSync(Buffer.alloc(1_000_000));
      await expect(
        receiveBody(
          new Request('http://x/', { method: 'PUT', body: bomb, headers: { 'content-encoding': 'gzip' } }),
          join(dir, 'c'),
          100_000,
        ),
      ).rejects.toMatchObject({ status: 413 });
      await expect(
        receiveBody(new Request('http://x/', { method: 'PUT', body: '' }), join(dir, 'd'), 10),
      ).rejects.toMatchObject({ status: 400, code: 'DW_EMPTY_BODY' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
