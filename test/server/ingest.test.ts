import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestQueue, ingestService } from '../../src/server/ingest/ingest-service.ts';
import { IngestQueue } from '../../src/server/ingest/write-queue.ts';
import { listAudit } from '../../src/storage/audit-store.ts';
import { findModel } from '../../src/storage/models-store.ts';
import type { StorageHandle } from '../../src/storage/open-database.ts';
import { HOUR_MS } from '../../src/storage/windows-store.ts';
import { backends } from '../storage/backends.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const NOW = Date.UTC(2026, 2, 10, 15, 20, 0);
const BASE = '/v1/projects/acme/models/churn';

const ndjsonHeaders = { 'content-type': 'application/x-ndjson' };

function records(n: number, from = 0, extra: Record<string, unknown> = {}) {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${from + i}`,
    timestamp: NOW - 60_000,
    features: { age: 30 + i, plan: i % 2 ? 'pro' : 'free', active: true },
    prediction: i % 2,
    score: 0.5,
    ...extra,
  }));
}

async function projectAndKeys(h: Harness) {
  expect((await h.call('POST', '/v1/projects', { body: { name: 'acme' } })).status).toBe(201);
  expect((await h.call('POST', '/v1/projects', { body: { name: 'other' } })).status).toBe(201);
  const key = async (project: string, scopes: string[]) =>
    (await h.call('POST', `/v1/projects/${project}/keys`, { body: { scopes } })).body.key as string;
  return {
    ingest: await key('acme', ['ingest']),
    read: await key('acme', ['read']),
    admin: await key('acme', ['admin']),
    otherIngest: await key('other', ['ingest']),
  };
}

for (const backend of backends('ingest API')) {
  describe(`ingest API (${backend.name})`, () => {
    let h: Harness;
    let storage: StorageHandle;
    let cleanup: () => Promise<void>;
    let keys: Awaited<ReturnType<typeof projectAndKeys>>;

    beforeEach(async () => {
      ({ handle: storage, cleanup } = await backend.open());
      h = await makeHarness({}, storage, () => NOW);
      keys = await projectAndKeys(h);
    });
    afterEach(async () => {
      await ingestQueue(h.deps).close();
      await h.close();
      await cleanup();
    });

    it('stores a batch, creates the model with an inferred schema, and serves a record by id', async () => {
      const r = await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: records(3) });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ accepted: 3, duplicates: 0, rejected: 0, errors: [] });

      const model = await findModel(storage, (await projectId(storage, 'acme'))!, 'churn');
      expect(model?.schema).toEqual({
        features: { age: 'int', plan: 'string', active: 'bool' },
        prediction: 'int',
        hasScore: true,
      });

      const g = await h.call('GET', `${BASE}/records/r1`, { key: keys.read });
      expect(g.status).toBe(200);
      expect(g.body).toEqual({
        id: 'r1',
        model: 'churn',
        version: 'v1',
        timestamp: new Date(NOW - 60_000).toISOString(),
        receivedAt: new Date(NOW).toISOString(),
        windowStart: new Date(Math.floor((NOW - 60_000) / HOUR_MS) * HOUR_MS).toISOString(),
        features: { age: 31, plan: 'pro', active: true },
        prediction: 1,
        score: 0.5,
        scores: null,
        segments: null,
        latencyMs: null,
        error: null,
        label: null,
        feedback: [],
      });
      expect((await h.call('GET', `${BASE}/records/nope`, { key: keys.read })).body.error).toMatchObject({
        code: 'DW_RECORD_NOT_FOUND',
        field: 'id',
      });
      expect(
        (await h.call('GET', '/v1/projects/acme/models/nope/records/r1', { key: keys.read })).status,
      ).toBe(404);
    });

    it('re-sent ids are duplicates (across requests and within one), never stored twice', async () => {
      await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: records(5) });
      const again = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: [...records(5), ...records(2, 5), ...records(1, 6)],
      });
      expect(again.body).toEqual({ accepted: 2, duplicates: 6, rejected: 0, errors: [] });
      const n = await storage.db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(7);
    });

    it('stores the good records of a mixed batch and lists per-record errors', async () => {
      const body = [
        ...records(2),
        { id: 'bad1', features: { age: 'old' } },
        { id: 'bad2', features: { nested: { x: 1 } }, colour: 'red' },
        { features: {} },
        ...records(1, 10),
      ];
      const r = await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body });
      expect(r.status).toBe(200);
      expect(r.body.accepted).toBe(3);
      expect(r.body.rejected).toBe(3);
      expect(r.body.errors).toEqual([
        expect.objectContaining({ index: 3, field: 'colour', code: 'DW_UNKNOWN_FIELD' }),
        expect.objectContaining({ index: 3, field: 'features.nested', code: 'DW_NESTED_VALUE' }),
        expect.objectContaining({ index: 4, field: 'id', code: 'DW_REQUIRED' }),
        expect.objectContaining({ index: 2, field: 'features.age', code: 'DW_SCHEMA_MISMATCH' }),
      ]);
    });

    it('accepts NDJSON (errors name the line) and gzip; 400 names the malformed line', async () => {
      const lines = records(3).map((r) => JSON.stringify(r));
      const text = `${lines[0]}\n\n${lines[1]}\r\n{"id":"x","features":{"age":"x"}}\n${lines[2]}\n`;
      const r = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: text,
        headers: ndjsonHeaders,
      });
      expect(r.body).toMatchObject({ accepted: 3, rejected: 1 });
      expect(r.body.errors[0]).toMatchObject({ index: 2, line: 4, field: 'features.age' });

      const gz = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: gzipSync(JSON.stringify(records(4, 100))),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(gz.body).toMatchObject({ accepted: 4, duplicates: 0 });
      const gzNd = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: gzipSync(
          records(2, 200)
            .map((x) => JSON.stringify(x))
            .join('\n'),
        ),
        headers: { 'content-type': 'application/jsonl', 'content-encoding': 'gzip' },
      });
      expect(gzNd.body).toMatchObject({ accepted: 2 });

      const bad = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: `${lines[0]}\n{"id": "x",\n`,
        headers: ndjsonHeaders,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'DW_MALFORMED_BODY', field: 'body' });
      expect(bad.body.error.message).toContain('line 2');
      const badJson = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: '[{"id":"a"},',
        headers: { 'content-type': 'application/json' },
      });
      expect(badJson.status).toBe(400);
      const notGzip = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: 'plain',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(notGzip.status).toBe(400);
      expect(notGzip.body.error.message).toContain('gzip');
    });

    it('415 for other content types and encodings; 413 over the body limit (after gunzip)', async () => {
      const cases: Record<string, string>[] = [
        { 'content-type': 'text/plain' },
        {},
        { 'content-type': 'application/json', 'content-encoding': 'br' },
      ];
      for (const headers of cases) {
        const r = await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: '[]', headers });
        expect(r.status, JSON.stringify(headers)).toBe(415);
        expect(r.body.error.field).toMatch(/^content-/);
      }
      const small = await makeHarness({ bodyLimitBytes: 1000 }, storage, () => NOW);
      const r = await small.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: records(20) });
      expect(r.status).toBe(413);
      expect(r.body.error).toMatchObject({ code: 'DW_BODY_TOO_LARGE', field: 'body' });
      // A gzip bomb: tiny on the wire, far over the limit once decompressed.
      const bomb = gzipSync(`[${' '.repeat(5_000_000)}]`);
      expect(bomb.length).toBeLessThan(10_000);
      const b = await small.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: bomb,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(b.status).toBe(413);
      expect(b.body.error.message).toContain('after decompression');
      await ingestQueue(small.deps).close();
    });

    it('auth: 401 without a key, 403 for read-only or another project, 404 unknown project', async () => {
      expect((await h.call('POST', `${BASE}/predictions`, { key: null, body: [] })).status).toBe(401);
      expect((await h.call('POST', `${BASE}/predictions`, { key: keys.read, body: [] })).status).toBe(403);
      expect((await h.call('POST', `${BASE}/labels`, { key: keys.otherIngest, body: [] })).status).toBe(403);
      expect(
        (await h.call('POST', '/v1/projects/zzz/models/m/predictions', { key: keys.ingest, body: [] }))
          .status,
      ).toBe(404);
      expect((await h.call('POST', `${BASE}/feedback`, { key: keys.admin, body: [] })).status).toBe(200);
      await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: records(1) });
      expect((await h.call('GET', `${BASE}/records/r0`, { key: keys.ingest })).status).toBe(403);
      expect((await h.call('GET', `${BASE}/records/r0`, { key: keys.admin })).status).toBe(200);
    });

    it('a batch without one valid record does not create the model', async () => {
      const r = await h.call('POST', '/v1/projects/acme/models/ghost/predictions', {
        key: keys.ingest,
        body: [{}],
      });
      expect(r.body).toMatchObject({ accepted: 0, rejected: 1 });
      await h.call('POST', '/v1/projects/acme/models/ghost/labels', { key: keys.ingest, body: [] });
      expect(await findModel(storage, (await projectId(storage, 'acme'))!, 'ghost')).toBeUndefined();
    });

    it('--strict-models: 404 naming the model', async () => {
      const strict = await makeHarness({ strictModels: true }, storage, () => NOW);
      for (const kind of ['predictions', 'labels', 'feedback']) {
        const r = await strict.call('POST', `/v1/projects/acme/models/unknown%20model/${kind}`, {
          key: keys.ingest,
          body: [],
        });
        expect(r.status).toBe(404);
        expect(r.body.error).toMatchObject({ code: 'DW_MODEL_NOT_FOUND', field: 'model' });
        expect(r.body.error.message).toContain('"unknown model"');
      }
      await ingestQueue(strict.deps).close();
    });

    it('timestamps: RFC 3339 with offset, epoch ms, or arrival time', async () => {
      const r = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: [
          { id: 't1', timestamp: '2026-03-10T12:00:00+02:00' },
          { id: 't2', timestamp: Date.UTC(2026, 2, 1) },
          { id: 't3' },
          { id: 't4', timestamp: '2026-03-10 12:00' },
        ],
      });
      expect(r.body).toMatchObject({ accepted: 3, rejected: 1 });
      expect(r.body.errors[0]).toMatchObject({ index: 3, field: 'timestamp', code: 'DW_INVALID_TIMESTAMP' });
      const ts = async (id: string) =>
        (await h.call('GET', `${BASE}/records/${id}`, { key: keys.read })).body.timestamp;
      expect(await ts('t1')).toBe('2026-03-10T10:00:00.000Z');
      expect(await ts('t2')).toBe('2026-03-01T00:00:00.000Z');
      expect(await ts('t3')).toBe(new Date(NOW).toISOString());
    });

    it('versions: unknown names create implicit versions, aliases resolve, no version → production alias', async () => {
      await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: [{ id: 'a', version: 'v7' }] });
      // `production` before the alias exists: the default version (the newest), not a version named "production".
      await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: [{ id: 'p0', version: 'production' }],
      });
      const model = (await findModel(storage, (await projectId(storage, 'acme'))!, 'churn'))!;
      const v7 = await storage.db
        .selectFrom('versions')
        .select(['id', 'created_by'])
        .where('model_id', '=', model.id)
        .where('name', '=', 'v7')
        .executeTakeFirstOrThrow();
      expect(v7.created_by).toBe('ingest');
      await storage.db
        .insertInto('aliases')
        .values({
          model_id: model.id,
          alias: 'production',
          version_id: v7.id,
          updated_at: NOW,
          updated_by: null,
        })
        .execute();
      ingestService(h.deps).invalidate();
      await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: [{ id: 'b' }, { id: 'c', version: 'production' }, { id: 'd', version: 'v8' }],
      });
      const version = async (id: string) =>
        (await h.call('GET', `${BASE}/records/${id}`, { key: keys.read })).body.version;
      expect(await version('a')).toBe('v7');
      expect(await version('p0')).toBe('v7');
      expect(await version('b')).toBe('v7');
      expect(await version('c')).toBe('v7');
      expect(await version('d')).toBe('v8');
    });

    it("validates against the version's contract", async () => {
      await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: [{ id: 'seed', version: 'v1' }],
      });
      await storage.db
        .updateTable('versions')
        .set({
          contract_json: JSON.stringify({
            columns: {
              age: { type: 'num', min: 18, max: 99 },
              plan: { type: 'cat', allowed: ['free', 'pro'] },
            },
          }),
        })
        .where('name', '=', 'v1')
        .execute();
      ingestService(h.deps).invalidate();
      const r = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: [
          { id: 'ok', features: { age: 30, plan: 'pro' } },
          { id: 'young', features: { age: 12, plan: 'pro' } },
          { id: 'plan', features: { age: 30, plan: 'gold' } },
          { id: 'extra', features: { age: 30, plan: 'free', zip: '1' } },
          { id: 'missing', features: { plan: 'free' } },
        ],
      });
      expect(r.body.accepted).toBe(1);
      expect(
        r.body.errors.map((e: { index: number; field: string; code: string }) => [e.index, e.field, e.code]),
      ).toEqual([
        [1, 'features.age', 'DW_CONTRACT_RANGE'],
        [2, 'features.plan', 'DW_CONTRACT_ALLOWED'],
        [3, 'features.zip', 'DW_CONTRACT_EXTRA'],
        [4, 'features.age', 'DW_CONTRACT_MISSING'],
      ]);
    });

    it('labels: before the prediction they wait; re-sent equal ones are duplicates; changes are audited', async () => {
      const early = await h.call('POST', `${BASE}/labels`, {
        key: keys.ingest,
        body: [{ id: 'r0', target: 1, timestamp: '2026-03-10T15:00:00Z' }],
      });
      expect(early.body).toEqual({ accepted: 1, duplicates: 0, rejected: 0, errors: [] });
      await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: records(1) });
      const rec = await h.call('GET', `${BASE}/records/r0`, { key: keys.read });
      expect(rec.body.label).toEqual({
        target: 1,
        timestamp: '2026-03-10T15:00:00.000Z',
        receivedAt: new Date(NOW).toISOString(),
      });
      const same = await h.call('POST', `${BASE}/labels`, {
        key: keys.ingest,
        body: [{ id: 'r0', target: 1 }],
      });
      expect(same.body).toMatchObject({ accepted: 0, duplicates: 1 });
      const changed = await h.call('POST', `${BASE}/labels`, {
        key: keys.ingest,
        body: '{"id":"r0","target":0}\n{"id":"r0"}\n',
        headers: ndjsonHeaders,
      });
      expect(changed.body).toMatchObject({ accepted: 1, rejected: 1 });
      expect(changed.body.errors[0]).toMatchObject({
        index: 1,
        line: 2,
        field: 'target',
        code: 'DW_REQUIRED',
      });
      const audit = (await listAudit(storage.db, (await projectId(storage, 'acme'))!)).filter(
        (e) => e.action === 'label.update',
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]!.before).toMatchObject({ model: 'churn', id: 'r0', target: 1 });
      expect(audit[0]!.after).toMatchObject({ model: 'churn', id: 'r0', target: 0 });
    });

    it("a label marks the evaluated window of its record's timestamp dirty", async () => {
      await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: records(1, 0, { timestamp: '2026-03-01T08:15:00Z' }),
      });
      await storage.db.updateTable('windows').set({ status: 'evaluated' }).execute();
      await h.call('POST', `${BASE}/labels`, { key: keys.ingest, body: [{ id: 'r0', target: 1 }] });
      const dirty = await storage.db
        .selectFrom('windows')
        .select(['granularity', 'start_ms'])
        .where('status', '=', 'dirty')
        .where('version_key', '=', '*')
        .orderBy('granularity')
        .execute();
      expect(dirty.map((w) => [w.granularity, new Date(Number(w.start_ms)).toISOString()])).toEqual([
        ['1d', '2026-03-01T00:00:00.000Z'],
        ['1h', '2026-03-01T08:00:00.000Z'],
      ]);
    });

    it('feedback is stored and shown with the record; a re-sent feedback id is a duplicate', async () => {
      await h.call('POST', `${BASE}/predictions`, { key: keys.ingest, body: records(1) });
      const fb = {
        id: 'fb-1',
        recordId: 'r0',
        kind: 'correction',
        value: 0,
        comment: 'not churned',
        author: 'ann',
      };
      expect((await h.call('POST', `${BASE}/feedback`, { key: keys.ingest, body: [fb] })).body).toMatchObject(
        {
          accepted: 1,
        },
      );
      expect((await h.call('POST', `${BASE}/feedback`, { key: keys.ingest, body: [fb] })).body).toMatchObject(
        {
          accepted: 0,
          duplicates: 1,
        },
      );
      const rec = await h.call('GET', `${BASE}/records/r0`, { key: keys.read });
      expect(rec.body.feedback).toEqual([
        {
          id: 'fb-1',
          timestamp: new Date(NOW).toISOString(),
          kind: 'correction',
          value: 0,
          comment: 'not churned',
          author: 'ann',
        },
      ]);
    });

    it('text the database cannot store raw is refused per record; inside features it round-trips', async () => {
      const r = await h.call('POST', `${BASE}/predictions`, {
        key: keys.ingest,
        body: [
          { id: 'nul\u0000id' },
          { id: 'ok-1', features: { 'k\u0000': 'v\u0000', s: 'lone\ud800' }, error: 'E1' },
          { id: 'bad-error', error: 'E\udc00' },
        ],
      });
      expect(r.body).toMatchObject({ accepted: 1, rejected: 2 });
      expect(r.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['id', 'DW_INVALID_TEXT'],
        ['error', 'DW_INVALID_TEXT'],
      ]);
      const rec = await h.call('GET', `${BASE}/records/ok-1`, { key: keys.read });
      expect(rec.body.features).toEqual({ 'k\u0000': 'v\u0000', s: 'lone\ud800' });
    });

    it('percent-encoded names and ids', async () => {
      const path = `/v1/projects/acme/models/${encodeURIComponent('démo model/1')}`;
      await h.call('POST', `${path}/predictions`, { key: keys.ingest, body: [{ id: 'id/with spaces?' }] });
      const r = await h.call('GET', `${path}/records/${encodeURIComponent('id/with spaces?')}`, {
        key: keys.read,
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ id: 'id/with spaces?', model: 'démo model/1' });
    });
  });
}

async function projectId(storage: StorageHandle, name: string): Promise<string | undefined> {
  return (await storage.db.selectFrom('projects').select('id').where('name', '=', name).executeTakeFirst())
    ?.id;
}

describe('ingest backpressure and shutdown', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('429 with Retry-After when the queue is full; 503 after close; replies wait for the commit', async () => {
    h = await makeHarness({ maxQueuedRecords: 10 });
    await h.call('POST', '/v1/projects', { body: { name: 'acme' } });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const queue = new IngestQueue(
      async (ops) => {
        await gate;
        return ops.map((o) => ({ accepted: o.rows.length, duplicates: 0 }));
      },
      { maxQueuedRecords: 10 },
    );
    h.deps.services.set('ingest.queue', queue);
    // Model and version exist first, so the blocked commit is the only thing the first request waits for.
    const warm = ingestService(h.deps);
    expect(warm.queue).toBe(queue);
    const first = h.call('POST', `${BASE}/predictions`, { body: records(8) });
    while (queue.depth === 0) await new Promise((r) => setTimeout(r, 2));
    const second = await h.call('POST', `${BASE}/predictions`, { body: records(5, 100) });
    expect(second.status).toBe(429);
    expect(second.body.error.code).toBe('DW_QUEUE_FULL');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    release();
    expect((await first).body).toMatchObject({ accepted: 8 });
    await queue.close();
    const closed = await h.call('POST', `${BASE}/predictions`, { body: records(1, 200) });
    expect(closed.status).toBe(503);
    expect(closed.body.error.code).toBe('DW_SHUTTING_DOWN');
  });

  it('documents the ingest bodies in /openapi.json', async () => {
    h = await makeHarness();
    const doc = (await h.call('GET', '/openapi.json')).body;
    for (const kind of ['predictions', 'labels', 'feedback']) {
      const post = doc.paths[`/v1/projects/{project}/models/{model}/${kind}`].post;
      expect(Object.keys(post.requestBody.content)).toEqual(
        expect.arrayContaining(['application/json', 'application/x-ndjson', 'application/jsonl']),
      );
      expect(post.responses['200']).toBeDefined();
      expect(post.responses['429']).toBeDefined();
    }
    expect(doc.components.schemas.PredictionRecord.properties.features).toBeDefined();
    expect(doc.paths['/v1/projects/{project}/models/{model}/records/{id}'].get).toBeDefined();
  });
});
