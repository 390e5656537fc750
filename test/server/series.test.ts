import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEvaluator } from '../../src/monitor/evaluator.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import {
  DAY,
  DAY0,
  HOUR,
  insertLabels,
  insertRecords,
  setupModel,
  type TestRecord,
} from '../monitor/monitor-fixtures.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const GRACE = 5 * 60_000;
const H = DAY0 + 3 * DAY + 14 * HOUR; // the hour under test
const NOW = DAY0 + 5 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const BASE = '/v1/projects/demo/models/credit%20model';

let h: Harness;
let readKey: string;
let ingestKey: string;
let versionId: string;

// Latencies of the hour under test: 1..100 ms (numpy linear percentiles: 50.5, 95.05, 99.01).
const hourRecords = (vid: string): TestRecord[] =>
  Array.from({ length: 100 }, (_, i) => ({
    id: `h${i}`,
    ts: H + i * 30_000,
    versionId: vid,
    features: { x: 5 + (i % 10), c: i % 2 ? 'a' : 'b' },
    prediction: i % 2,
    segments: { region: i < 25 ? 'eu' : 'us' },
    latencyMs: i + 1,
    ...(i % 25 === 0 ? { error: 'E_TIMEOUT' } : {}),
  }));

beforeAll(async () => {
  const storage = await openDatabase({ memory: true });
  h = await makeHarness({ graceMs: GRACE, nodeId: 'test-node' }, storage, () => NOW);
  const ids = await setupModel(storage, {
    project: 'demo',
    model: 'credit model',
    config: { segments: ['region'] },
  });
  versionId = ids.versionId;
  const records: TestRecord[] = [
    { id: 's', ts: DAY0 + 9 * HOUR, versionId, features: { x: 1, c: 'a' }, prediction: 0 },
  ];
  for (let i = 0; i < 96; i++)
    records.push({
      id: `r${i}`,
      ts: DAY0 + DAY + i * 15 * 60_000,
      versionId,
      features: { x: i % 10, c: i % 3 ? 'a' : 'b' },
      prediction: i % 2,
      segments: { region: i % 4 ? 'us' : 'eu' },
      latencyMs: 20,
    });
  records.push(...hourRecords(versionId));
  await insertRecords(storage, ids.modelId, records);
  await insertLabels(
    storage,
    ids.modelId,
    Array.from({ length: 40 }, (_, i) => ({ id: `h${i}`, target: i % 3 === 0 ? 1 : 0, ts: H + 2 * HOUR })),
  );
  await getEvaluator(h.deps).evaluateDue();
  const mk = async (scopes: string[]) =>
    (await h.call('POST', '/v1/projects/demo/keys', { body: { scopes } })).body.key as string;
  readKey = await mk(['read']);
  ingestKey = await mk(['ingest']);
});
afterAll(async () => {
  await h.deps.storage.close();
});

describe('GET …/series', () => {
  it('returns one point per evaluated window, RFC 3339, oldest first', async () => {
    const r = await h.call(
      'GET',
      `${BASE}/series?metric=health.rows&window=1h&from=${iso(H - 2 * HOUR)}&to=${iso(H + HOUR)}`,
      {
        key: readKey,
      },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      metric: 'health.rows',
      window: '1h',
      version: '*',
      segment: '',
      from: iso(H - 2 * HOUR),
      to: iso(H + HOUR),
      points: [{ start: iso(H), end: iso(H + HOUR), value: 100, exact: true, rows: 100, method: null }],
    });
  });

  it('accepts epoch milliseconds, defaults to the last 30 days, filters by version and segment', async () => {
    const all = await h.call('GET', `${BASE}/series?metric=health.rows`, { key: readKey });
    expect(all.status).toBe(200);
    expect(all.body.from).toBe(iso(NOW - 30 * DAY));
    expect(all.body.to).toBe(iso(NOW));
    expect(
      all.body.points.map((p: { value: number }) => p.value).reduce((a: number, b: number) => a + b, 0),
    ).toBe(197);
    const byMs = await h.call('GET', `${BASE}/series?metric=health.rows&from=${H}&to=${H + HOUR}`, {
      key: readKey,
    });
    expect(byMs.body.points).toHaveLength(1);
    const daily = await h.call('GET', `${BASE}/series?metric=health.rows&window=1d&version=v1`, {
      key: readKey,
    });
    expect(daily.body.version).toBe('v1');
    expect(daily.body.points.map((p: { start: string; value: number }) => [p.start, p.value])).toEqual([
      [iso(DAY0), 1],
      [iso(DAY0 + DAY), 96],
      [iso(DAY0 + 3 * DAY), 100],
    ]);
    const seg = await h.call(
      'GET',
      `${BASE}/series?metric=drift.share&segment=${encodeURIComponent('region=eu')}&from=${H}&to=${H + HOUR}`,
      {
        key: readKey,
      },
    );
    expect(seg.body.segment).toBe('region=eu');
    expect(seg.body.points).toHaveLength(1);
    expect(seg.body.points[0].rows).toBe(25);
    const accuracy = await h.call('GET', `${BASE}/series?metric=quality.accuracy&from=${H}&to=${H + HOUR}`, {
      key: readKey,
    });
    let correct = 0;
    for (let i = 0; i < 40; i++) if (i % 2 === (i % 3 === 0 ? 1 : 0)) correct++;
    expect(accuracy.body.points[0]).toMatchObject({ value: correct / 40, rows: 40 });
  });

  it('rejects bad input naming the field', async () => {
    const missing = await h.call('GET', `${BASE}/series`, { key: readKey });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('metric');
    const badFrom = await h.call('GET', `${BASE}/series?metric=drift.share&from=yesterday`, { key: readKey });
    expect([badFrom.status, badFrom.body.error.code, badFrom.body.error.field]).toEqual([
      400,
      'DW_VALIDATION',
      'from',
    ]);
    const noZone = await h.call('GET', `${BASE}/series?metric=drift.share&to=2026-01-01T00:00:00`, {
      key: readKey,
    });
    expect(noZone.body.error.field).toBe('to');
    const reversed = await h.call('GET', `${BASE}/series?metric=drift.share&from=${H}&to=${H - 1}`, {
      key: readKey,
    });
    expect(reversed.body.error.field).toBe('to');
    const badWindow = await h.call('GET', `${BASE}/series?metric=drift.share&window=5m`, { key: readKey });
    expect([badWindow.status, badWindow.body.error.field]).toEqual([400, 'window']);
    const version = await h.call('GET', `${BASE}/series?metric=drift.share&version=nope`, { key: readKey });
    expect([version.status, version.body.error.code]).toEqual([404, 'DW_VERSION_NOT_FOUND']);
    const model = await h.call('GET', '/v1/projects/demo/models/nope/series?metric=drift.share', {
      key: readKey,
    });
    expect([model.status, model.body.error.code]).toEqual([404, 'DW_MODEL_NOT_FOUND']);
    expect((await h.call('GET', `${BASE}/series?metric=drift.share`, { key: null })).status).toBe(401);
    expect((await h.call('GET', `${BASE}/series?metric=drift.share`, { key: ingestKey })).status).toBe(403);
  });
});

describe('windows', () => {
  it('lists windows with status, revision and rows', async () => {
    const r = await h.call('GET', `${BASE}/windows?window=1h&from=${iso(H)}&to=${iso(H + 2 * HOUR)}`, {
      key: readKey,
    });
    expect(r.status).toBe(200);
    expect(r.body.windows).toEqual([
      {
        start: iso(H),
        end: iso(H + HOUR),
        status: 'evaluated',
        revision: 1,
        revised: false,
        rows: 100,
        evaluatedAt: iso(NOW),
      },
    ]);
  });

  it("returns a window's report (the CLI's JSON shape) with its window block", async () => {
    const r = await h.call('GET', `${BASE}/windows/${iso(H)}?window=1h`, { key: readKey });
    expect(r.status).toBe(200);
    expect(r.body.window).toEqual({
      start: iso(H),
      end: iso(H + HOUR),
      status: 'evaluated',
      revision: 1,
      revised: false,
      rows: 100,
      evaluatedAt: iso(NOW),
      window: '1h',
      version: '*',
      reference: { kind: 'first-day', start: iso(DAY0 + DAY), end: iso(DAY0 + 2 * DAY) },
    });
    expect(r.body.schemaVersion).toBe(1);
    expect(r.body.current.rows).toBe(100);
    expect(r.body.drift.columns.map((c: { column: string }) => c.column)).toEqual(['x', 'c', 'prediction']);
    expect(r.body.quality.task).toBe('binary');
    expect(r.body.health).toMatchObject({ rows: 100, latencyP50Ms: 50.5, errorRows: 4, errorRate: 0.04 });
    expect(r.body.health.latencyP95Ms).toBeCloseTo(95.05, 12);
    expect(r.body.health.latencyP99Ms).toBeCloseTo(99.01, 12);
    // By epoch ms too, and per version.
    const v = await h.call('GET', `${BASE}/windows/${H}?version=production`, { key: readKey });
    expect(v.status).toBe(404); // no production alias
    const v1 = await h.call('GET', `${BASE}/windows/${H}?version=v1`, { key: readKey });
    expect([v1.status, v1.body.window.version, v1.body.current.rows]).toEqual([200, 'v1', 100]);
  });

  it('answers 400 for a start that is not a window start, 404 for a window without records', async () => {
    const bad = await h.call('GET', `${BASE}/windows/${iso(H + 60_000)}`, { key: readKey });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'start']);
    const none = await h.call('GET', `${BASE}/windows/${iso(H + 10 * HOUR)}`, { key: readKey });
    expect([none.status, none.body.error.code]).toEqual([404, 'DW_WINDOW_NOT_FOUND']);
  });

  it('evaluates a window on demand (admin only): revision 2, revised', async () => {
    const forbidden = await h.call('POST', `${BASE}/windows/${iso(H)}/evaluate`, { key: readKey });
    expect(forbidden.status).toBe(403);
    const r = await h.call('POST', `${BASE}/windows/${iso(H)}/evaluate?window=1h`);
    expect(r.status).toBe(200);
    expect(r.body.window).toMatchObject({ status: 'evaluated', revision: 2, revised: true, rows: 100 });
    const list = await h.call('GET', `${BASE}/windows?from=${H}&to=${H + HOUR}`, { key: readKey });
    expect(list.body.windows[0]).toMatchObject({ revision: 2, revised: true });
  });
});

describe('GET …/health', () => {
  it('computes latency percentiles, error rate and throughput from the raw records of the range', async () => {
    const r = await h.call('GET', `${BASE}/health?from=${iso(H)}&to=${iso(H + HOUR)}`, { key: readKey });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      from: iso(H),
      to: iso(H + HOUR),
      version: '*',
      rows: 100,
      latencyRows: 100,
      latencyP50Ms: 50.5,
      latencyMeanMs: 50.5,
      errorRows: 4,
      errorRate: 0.04,
      exact: true,
    });
    expect(r.body.latencyP95Ms).toBeCloseTo(95.05, 12);
    expect(r.body.latencyP99Ms).toBeCloseTo(99.01, 12);
    expect(r.body.throughput).toBeCloseTo(100 / 60, 12);
    // Default: the last 24 hours (no records then).
    const empty = await h.call('GET', `${BASE}/health`, { key: readKey });
    expect(empty.body).toMatchObject({ rows: 0, latencyP50Ms: null, errorRate: null, throughput: 0 });
  });
});

describe('OpenAPI', () => {
  it('documents the monitoring routes', async () => {
    const r = await h.call('GET', '/openapi.json', { key: null });
    const paths = Object.keys(r.body.paths);
    for (const p of [
      '/v1/projects/{project}/models/{model}/series',
      '/v1/projects/{project}/models/{model}/windows',
      '/v1/projects/{project}/models/{model}/windows/{start}',
      '/v1/projects/{project}/models/{model}/windows/{start}/evaluate',
      '/v1/projects/{project}/models/{model}/health',
    ])
      expect(paths).toContain(p);
  });
});
