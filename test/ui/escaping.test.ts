/**
 * User-provided names render as text everywhere: a project, model, feature, version, alias, segment, record id
 * or report title that is markup never becomes markup, and names with `/`, spaces or quotes work in URLs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTables } from '../../src/core/report/compare-tables.ts';
import { appendAudit } from '../../src/storage/audit-store.ts';
import { createModel } from '../../src/storage/models-store.ts';
import { createProject } from '../../src/storage/projects-store.ts';
import { num, table } from '../helpers/table.ts';
import { type Harness, makeHarness } from '../server/app-harness.ts';

const EVIL = '<script>alert(1)</script>';
const EVIL_PROJECT = `p/"${EVIL}" & co`;
const EVIL_FEATURE = '<img src=x onerror=alert(2)>';
const EVIL_VERSION = '"><svg onload=alert(3)>';
const NOW = Date.UTC(2026, 10, 23, 4, 30);
const DAY = 86_400_000;

let h: Harness;
const enc = encodeURIComponent;
const base = `/projects/${enc(EVIL_PROJECT)}/models/${enc(EVIL)}`;

beforeAll(async () => {
  h = await makeHarness({}, undefined, () => NOW);
  const storage = h.deps.storage;
  const project = (await createProject(storage, { name: EVIL_PROJECT, actor: 't', now: NOW - 20 * DAY }))!;
  const model = await createModel(storage, {
    projectId: project.id,
    name: EVIL,
    actor: 't',
    now: NOW - 20 * DAY,
  });
  await storage.db
    .insertInto('versions')
    .values({
      id: 'v-evil',
      model_id: model.id,
      name: EVIL_VERSION,
      created_at: NOW - DAY,
      created_by: EVIL,
      contract_json: null,
      reference_json: null,
      reference_source_json: null,
      features_json: null,
      fingerprint: EVIL,
      environment_json: JSON.stringify({ [EVIL]: EVIL }),
      evaluation_json: JSON.stringify({ [EVIL_FEATURE]: 1 }),
      validation_json: null,
      tags_json: JSON.stringify({ owner: EVIL }),
      config_json: null,
    })
    .execute();
  await storage.db
    .insertInto('aliases')
    .values({ model_id: model.id, alias: EVIL, version_id: 'v-evil', updated_at: NOW, updated_by: EVIL })
    .execute();
  await appendAudit(storage.db, {
    projectId: project.id,
    actor: EVIL,
    action: 'alias.set',
    targetType: 'alias',
    targetId: `${model.id}/${EVIL}`,
    before: null,
    after: { version: EVIL_VERSION },
    at: NOW,
  });
  const start = Math.floor(NOW / DAY) * DAY - DAY;
  const ref = table(
    num(
      EVIL_FEATURE,
      Array.from({ length: 300 }, (_, i) => i % 50),
    ),
  );
  const cur = table(
    num(
      EVIL_FEATURE,
      Array.from({ length: 300 }, (_, i) => (i % 50) + 30),
    ),
  );
  const result = compareTables(ref, cur);
  await storage.db
    .insertInto('windows')
    .values({
      model_id: model.id,
      granularity: '1d',
      start_ms: start,
      end_ms: start + DAY,
      version_key: '*',
      status: 'evaluated',
      revision: 1,
      rows: 300,
      evaluated_at: start + DAY,
      lease_owner: null,
      lease_until: null,
      result_json: JSON.stringify(result),
      profile_json: null,
    })
    .execute();
  const row = (metric: string, value: number, segment = '', method: string | null = null) => ({
    model_id: model.id,
    metric,
    granularity: '1d',
    version_key: '*',
    segment,
    start_ms: start,
    end_ms: start + DAY,
    value,
    exact: 1,
    rows: 300,
    method,
  });
  const col = result.drift.columns[0]!;
  await storage.db
    .insertInto('series')
    .values([
      row(`drift.feature.${EVIL_FEATURE}`, col.statistic!, '', col.method),
      row('drift.share', 1),
      row('drift.dataset', 1),
      row(`quality.${EVIL_FEATURE}`, 0.5),
      row('quality.accuracy', 0.5),
      row('quality.accuracy', 0.4, `region=${EVIL}`),
    ])
    .execute();
  await storage.db
    .insertInto('records')
    .values({
      model_id: model.id,
      record_id: EVIL,
      version_id: 'v-evil',
      ts: NOW - DAY,
      received_at: NOW - DAY,
      features_json: JSON.stringify({ [EVIL_FEATURE]: EVIL }),
      prediction_json: JSON.stringify(EVIL),
      score: null,
      scores_json: null,
      segments_json: JSON.stringify({ region: EVIL }),
      latency_ms: null,
      error: EVIL,
    })
    .execute();
});
afterAll(async () => {
  await h.close();
});

async function get(path: string): Promise<{ status: number; body: string }> {
  const res = await h.app.request(path, { headers: { authorization: `Bearer ${h.serverKey}` } });
  return { status: res.status, body: await res.text() };
}

function expectNoMarkup(body: string): void {
  expect(body).not.toContain('<script>alert');
  expect(body).not.toContain('<img src=x');
  expect(body).not.toContain('<svg onload');
  expect(body).not.toMatch(/onerror=alert\(2\)>/);
}

describe('escaping of user-provided names', () => {
  it('renders a model called <script> as text on every page', async () => {
    const pages = [
      '/',
      `/projects/${enc(EVIL_PROJECT)}`,
      base,
      `${base}?window=1d&range=7d`,
      `${base}/quality?window=1d&range=7d`,
      `${base}/data-quality?window=1d&range=7d`,
      `${base}/system`,
      `${base}/versions`,
      `${base}/records?id=${enc(EVIL)}`,
      `/projects/${enc(EVIL_PROJECT)}/reports`,
    ];
    for (const p of pages) {
      const r = await get(p);
      expect(r.status, p).toBe(200);
      expectNoMarkup(r.body);
    }
    const overview = await get(`/projects/${enc(EVIL_PROJECT)}`);
    expect(overview.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(overview.body).toContain(`href="${base}"`);
    expect(overview.body).toContain('Models in p/&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; co');
  });

  it('escapes feature names in the heatmap and the cell detail, and names in the versions tab', async () => {
    const drift = await get(`${base}?window=1d&range=7d`);
    expect(drift.body).toContain('&lt;img src=x onerror=alert(2)&gt;');
    const start = Math.floor(NOW / DAY) * DAY - DAY;
    const cell = await get(`${base}?window=1d&start=${start}&column=${enc(EVIL_FEATURE)}&fragment=1`);
    expect(cell.status).toBe(200);
    expect(cell.body).toContain('<svg class="chart"');
    expect(cell.body).toContain('&lt;img src=x onerror=alert(2)&gt; — day');
    expectNoMarkup(cell.body);
    const versions = await get(`${base}/versions`);
    expect(versions.body).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;');
    const record = await get(`${base}/records?id=${enc(EVIL)}`);
    expect(record.body).toContain('Record &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps JSON in data attributes inert', async () => {
    const q = await get(`${base}/quality?window=1d&range=7d`);
    const attrs = [...q.body.matchAll(/data-chart="([^"]*)"/g)].map((m) => m[1]!);
    expect(attrs.length).toBeGreaterThan(0);
    for (const a of attrs) expect(a).not.toMatch(/[<>"]/);
  });

  it('answers a login page whose next parameter is markup with the value escaped', async () => {
    const res = await h.app.request(`/login?next=${enc(`/x"><script>alert(1)</script>`)}`);
    const body = await res.text();
    expectNoMarkup(body);
  });
});
