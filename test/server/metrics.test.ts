/**
 * GET /metrics: access rules (read key unless --metrics-public; a project key sees only its project's series),
 * Prometheus text format 0.0.4, and the figures — request latency by route pattern, queue depth, ingest counters
 * from the ingest queue, and per-model gauges from the latest evaluated hourly window in `series`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROMETHEUS_CONTENT_TYPE, readIngestCounts } from '../../src/server/routes/metrics.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const HOUR = 3_600_000;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function project(name: string, scopes: string[][]): Promise<string[]> {
  expect((await h!.call('POST', '/v1/projects', { body: { name } })).status).toBe(201);
  const keys: string[] = [];
  for (const s of scopes) {
    const r = await h!.call('POST', `/v1/projects/${encodeURIComponent(name)}/keys`, { body: { scopes: s } });
    expect(r.status).toBe(201);
    keys.push(r.body.key);
  }
  return keys;
}

async function ingest(projectName: string, model: string, ids: string[], key?: string) {
  const r = await h!.call(
    'POST',
    `/v1/projects/${encodeURIComponent(projectName)}/models/${encodeURIComponent(model)}/predictions`,
    {
      ...(key ? { key } : {}),
      body: ids.map((id, i) => ({
        id,
        features: { x: i, c: 'a' },
        prediction: i % 2,
        timestamp: 1_700_000_000_000 + i,
      })),
    },
  );
  expect(r.status).toBe(200);
  return r.body as { accepted: number; duplicates: number };
}

/** Parses the exposition text, checking the format rules of 0.0.4 on the way. */
function parseMetrics(text: string): {
  types: Map<string, string>;
  samples: { name: string; labels: Record<string, string>; value: number }[];
} {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n').slice(0, -1)) {
    if (line === '' || line.startsWith('# HELP ')) continue; // empty lines are ignored by the format
    const t = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (t) {
      expect(types.has(t[1]!), `two TYPE lines for ${t[1]}`).toBe(false);
      types.set(t[1]!, t[2]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    expect(m, `not a sample line: ${line}`).not.toBeNull();
    const [, name, labelText, value] = m!;
    const family = name!.replace(/_(bucket|sum|count)$/, '');
    expect(types.has(name!) || types.has(family), `sample before TYPE: ${line}`).toBe(true);
    const labels: Record<string, string> = {};
    for (const lm of (labelText ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[lm[1]!] = lm[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    const id = `${name}${labelText ?? ''}`;
    expect(seen.has(id), `duplicate series ${id}`).toBe(false);
    seen.add(id);
    samples.push({ name: name!, labels, value: Number(value) });
  }
  return { types, samples };
}

const sample = (
  samples: ReturnType<typeof parseMetrics>['samples'],
  name: string,
  labels: Record<string, string>,
) => samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

describe('GET /metrics', () => {
  it('needs a read key: 401 without, 403 ingest-only, 200 with read/admin/server key', async () => {
    h = await makeHarness();
    const [ingestKey, readKey, adminKey] = await project('p', [['ingest'], ['read'], ['admin']]);
    const none = await h.call('GET', '/metrics', { key: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await h.call('GET', '/metrics', { key: 'dwk_unknown' })).status).toBe(401);
    expect((await h.call('GET', '/metrics', { key: ingestKey })).status).toBe(403);
    for (const key of [readKey, adminKey, h.serverKey]) {
      const r = await h.call('GET', '/metrics', { key });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe(PROMETHEUS_CONTENT_TYPE);
    }
  });

  it('is public with --metrics-public', async () => {
    h = await makeHarness({ metricsPublic: true });
    const r = await h.call('GET', '/metrics', { key: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('exports latency by route pattern, queue depth and per-model ingest counters', async () => {
    h = await makeHarness();
    await project('shop', []);
    expect((await ingest('shop', 'churn', ['a', 'b', 'c'])).accepted).toBe(3);
    expect((await ingest('shop', 'churn', ['a', 'd'])).duplicates).toBe(1);
    const r = await h.call('GET', '/metrics');
    const { types, samples } = parseMetrics(r.body);
    expect(types.get('driftwatch_http_request_duration_seconds')).toBe('histogram');
    expect(types.get('driftwatch_ingest_queue_depth')).toBe('gauge');
    expect(types.get('driftwatch_ingest_records_total')).toBe('counter');
    const lat = sample(samples, 'driftwatch_http_request_duration_seconds_count', {
      method: 'POST',
      route: '/v1/projects/:project/models/:model/predictions',
      status: '200',
    });
    expect(lat?.value).toBe(2);
    const inf = sample(samples, 'driftwatch_http_request_duration_seconds_bucket', {
      route: '/v1/projects/:project/models/:model/predictions',
      le: '+Inf',
    });
    expect(inf?.value).toBe(2);
    expect(sample(samples, 'driftwatch_ingest_queue_depth', {})?.value).toBe(0);
    expect(
      sample(samples, 'driftwatch_ingest_records_total', {
        project: 'shop',
        model: 'churn',
        outcome: 'accepted',
      })?.value,
    ).toBe(4);
    expect(
      sample(samples, 'driftwatch_ingest_records_total', {
        project: 'shop',
        model: 'churn',
        outcome: 'duplicate',
      })?.value,
    ).toBe(1);
    // Unmatched routes get one bounded label, not their path.
    await h.call('GET', '/no/such/path/12345');
    const again = parseMetrics((await h.call('GET', '/metrics')).body);
    expect(again.samples.some((s) => s.labels.route === '/no/such/path/12345')).toBe(false);
    expect(
      sample(again.samples, 'driftwatch_http_request_duration_seconds_count', {
        route: 'unmatched',
        status: '404',
      })?.value,
    ).toBe(1);
  });

  it('reads the depth and counters of whatever queue is registered', async () => {
    h = await makeHarness();
    h.deps.services.set('ingest.queue', { depth: 7, counters: () => [] });
    const { samples } = parseMetrics((await h.call('GET', '/metrics')).body);
    expect(sample(samples, 'driftwatch_ingest_queue_depth', {})?.value).toBe(7);
    expect(readIngestCounts({ stats: () => ({ accepted: 5, duplicates: 1, rejected: 2 }) })).toEqual([
      { project: undefined, model: undefined, modelId: undefined, accepted: 5, duplicates: 1, rejected: 2 },
    ]);
    expect(readIngestCounts(new Map())).toEqual([]);
    expect(
      readIngestCounts({
        counters: () => {
          throw new Error('x');
        },
      }),
    ).toEqual([]);
  });

  it('per-model gauges come from the latest evaluated hourly window; a project key sees only its project', async () => {
    h = await makeHarness();
    const weird = 'team "a"\\b\nc';
    const [readA] = await project('a', [['read']]);
    const [readW] = await project(weird, [['read']]);
    await ingest('a', 'm1', ['r1']);
    await ingest(weird, 'm2', ['r2']);
    const db = h.deps.storage.db;
    const models = await db.selectFrom('models').select(['id', 'name']).execute();
    const id = (n: string) => models.find((m) => m.name === n)!.id;
    const t0 = 1_700_000_000_000 - (1_700_000_000_000 % HOUR);
    const window = (modelId: string, start: number, evaluated: boolean) => ({
      model_id: modelId,
      granularity: '1h',
      start_ms: start,
      end_ms: start + HOUR,
      version_key: '*',
      status: evaluated ? 'evaluated' : 'pending',
      revision: 0,
      rows: 10,
      evaluated_at: evaluated ? start + 2 * HOUR : null,
      lease_owner: null,
      lease_until: null,
      result_json: evaluated ? JSON.stringify({ drift: { driftedCount: 4 } }) : null,
      profile_json: null,
    });
    await db.deleteFrom('windows').execute();
    await db
      .insertInto('windows')
      .values([
        window(id('m1'), t0 - HOUR, true),
        window(id('m1'), t0, true),
        window(id('m1'), t0 + HOUR, false), // not evaluated yet: ignored
        window(id('m2'), t0, true),
      ])
      .execute();
    const point = (
      modelId: string,
      start: number,
      metric: string,
      value: number | null,
      extra: object = {},
    ) => ({
      model_id: modelId,
      metric,
      granularity: '1h',
      version_key: '*',
      segment: '',
      start_ms: start,
      end_ms: start + HOUR,
      value,
      exact: 1,
      rows: 10,
      method: null,
      ...extra,
    });
    await db
      .insertInto('series')
      .values([
        point(id('m1'), t0 - HOUR, 'drift.share', 0.9),
        point(id('m1'), t0, 'drift.share', 0.25),
        point(id('m1'), t0, 'drift.count', 2),
        point(id('m1'), t0, 'drift.dataset', 1),
        point(id('m1'), t0, 'health.errorRate', 0.01),
        point(id('m1'), t0, 'quality.accuracy', 0.8),
        point(id('m1'), t0, 'quality.estimated.rocAuc', 0.7),
        point(id('m1'), t0, 'quality.f1', null),
        point(id('m1'), t0, 'drift.feature.x', 0.001), // per-feature series are not exported
        point(id('m1'), t0, 'drift.share', 0.5, { segment: 'c=a' }), // segments neither
        point(id('m2'), t0, 'drift.share', 0.5),
      ])
      .execute();

    const all = parseMetrics((await h.call('GET', '/metrics')).body);
    expect(all.types.get('driftwatch_model_drift_share')).toBe('gauge');
    const m1 = { project: 'a', model: 'm1' };
    expect(sample(all.samples, 'driftwatch_model_drift_share', m1)?.value).toBe(0.25);
    expect(sample(all.samples, 'driftwatch_model_drifted_features', m1)?.value).toBe(2);
    expect(sample(all.samples, 'driftwatch_model_dataset_drift', m1)?.value).toBe(1);
    expect(sample(all.samples, 'driftwatch_model_error_rate', m1)?.value).toBe(0.01);
    expect(sample(all.samples, 'driftwatch_model_quality', { ...m1, metric: 'accuracy' })?.value).toBe(0.8);
    expect(sample(all.samples, 'driftwatch_model_quality', { ...m1, metric: 'f1' })).toBeUndefined();
    expect(
      sample(all.samples, 'driftwatch_model_quality_estimated', { ...m1, metric: 'rocAuc' })?.value,
    ).toBe(0.7);
    expect(sample(all.samples, 'driftwatch_model_window_start_seconds', m1)?.value).toBe(t0 / 1000);
    expect(all.samples.some((s) => s.labels.metric?.startsWith('feature') || s.labels.feature)).toBe(false);
    // m2 has no drifted-count series: the window's report gives it. Label values with quotes, backslashes
    // and newlines are escaped (the parser above unescapes them).
    const m2 = { project: weird, model: 'm2' };
    expect(sample(all.samples, 'driftwatch_model_drift_share', m2)?.value).toBe(0.5);
    expect(sample(all.samples, 'driftwatch_model_drifted_features', m2)?.value).toBe(4);

    const onlyA = parseMetrics((await h.call('GET', '/metrics', { key: readA })).body);
    expect(
      onlyA.samples.filter((s) => s.labels.project !== undefined).every((s) => s.labels.project === 'a'),
    ).toBe(true);
    expect(sample(onlyA.samples, 'driftwatch_model_drift_share', m1)?.value).toBe(0.25);
    expect(
      sample(onlyA.samples, 'driftwatch_ingest_records_total', { project: 'a', outcome: 'accepted' })?.value,
    ).toBe(1);
    const onlyW = parseMetrics((await h.call('GET', '/metrics', { key: readW })).body);
    expect(
      onlyW.samples.filter((s) => s.labels.project !== undefined).every((s) => s.labels.project === weird),
    ).toBe(true);
    expect(sample(onlyW.samples, 'driftwatch_model_drift_share', m1)).toBeUndefined();
  });
});
