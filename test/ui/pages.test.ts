/**
 * Every dashboard page, server-side (no browser): status codes, content from the fixture's story (drift in income
 * and debt_ratio from day 10, the ROC AUC drop, the outage, the alias history), security headers, and no inline
 * script or style anywhere (the CSP would block them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, DRIFT_DAY, HOUR, NOW, type Seeded, START, seedDashboard, TODAY } from './seed.ts';

let s: Seeded;
beforeAll(async () => {
  s = await seedDashboard({ extraModel: 'quiet-model' });
});
afterAll(async () => {
  await s.close();
});

async function get(
  path: string,
  key: string | null = s.keys.read,
): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await s.h.app.request(path, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { status: res.status, body: await res.text(), headers: res.headers };
}

/** Text content of the first element matching an id (crude, for assertions). */
function section(body: string, id: string): string {
  const i = body.indexOf(`id="${id}"`);
  expect(i, `#${id}`).toBeGreaterThan(-1);
  return body.slice(i, i + 200_000);
}

function checkPage(r: { status: number; body: string; headers: Headers }): void {
  expect(r.headers.get('content-type')).toMatch(/^text\/html/);
  expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  expect(r.headers.get('cache-control')).toBe('no-store');
  expect(r.body.startsWith('<!doctype html>')).toBe(true);
  expect(r.body).toContain('<html lang="en">');
  expect(r.body.match(/<h1[\s>]/g)?.length).toBe(1);
  expect(r.body).toContain('<main id="main"');
  expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
  expect(r.body).not.toMatch(/\sstyle="/);
  expect(r.body).not.toMatch(/(src|href)="(https?:)?\/\//);
}

const base = '/projects/shop/models/credit-default';

describe('overview', () => {
  it('shows the project models worst first, the drifted model red with its badges and sparklines', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    checkPage(r);
    const rows = [...r.body.matchAll(/<tr data-model="([^"]+)" data-level="([^"]+)"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual([
      ['credit-default', 'alert'],
      ['quiet-model', 'none'],
    ]);
    const row = r.body.slice(
      r.body.indexOf('data-model="credit-default"'),
      r.body.indexOf('data-model="quiet-model"'),
    );
    expect(row).toContain('data-figure="drift" data-level="alert"');
    expect(row).toContain('dataset drift');
    expect(row).toContain('data-figure="quality" data-level="alert"');
    // Labels are 6 h behind: the newest window shows the CBPE estimate.
    expect(row).toMatch(/0\.8\d* est\./);
    expect(row).toContain('ROC AUC · band');
    expect(row).toContain('data-figure="errorRate" data-level="ok"');
    expect(row).toContain('data-figure="latencyP95" data-level="ok"');
    expect(row).toContain('data-figure="lastRecord"');
    expect(row).toContain('data-figure="labelLag"');
    expect(row.match(/<svg class="spark"/g)?.length).toBe(4);
    expect(row).toContain('▲');
    expect(r.body).toContain('data-live="/projects/shop/overview.json"');
    expect(r.body).toContain('Last updated 2026-11-23 04:30:00 UTC');
  });

  it('answers the live refresh with the rows, a version and the time', async () => {
    const a = await get('/projects/shop/overview.json');
    expect(a.status).toBe(200);
    const j = JSON.parse(a.body);
    expect(j.version).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(j.html).toContain('data-model="credit-default"');
    expect(j.updated).toContain('Last updated');
    const b = JSON.parse((await get('/projects/shop/overview.json')).body);
    expect(b.version).toBe(j.version);
  });

  it('hides other projects: their key sees only its own, the server key gets a project list', async () => {
    expect((await get('/projects/shop', s.keys.other)).status).toBe(404);
    expect((await get(base, s.keys.other)).status).toBe(404);
    const own = await get('/', s.keys.other);
    expect(own.body).toContain('Models in other');
    expect(own.body).not.toContain('credit-default');
    const server = await get('/', s.h.serverKey);
    expect(server.status).toBe(200);
    expect(server.body).toContain('href="/projects/shop"');
    expect(server.body).toContain('href="/projects/other"');
  });

  it('explains how to send the first records when a project has no model', async () => {
    const r = await get('/', s.keys.other);
    expect(r.body).toContain('No models yet');
    expect(r.body).toContain('/v1/projects/other/models/my-model/predictions');
    expect(r.body).toContain('curl -s -X POST');
    // The page reloads itself when the first model appears.
    expect(r.body).toContain('data-live-reload="/projects/other/overview.json"');
  });
});

describe('model page: drift', () => {
  it('draws the heatmap with prediction drift on top and marks income and debt_ratio from day 10', async () => {
    const r = await get(base);
    expect(r.status).toBe(200);
    checkPage(r);
    const rows = [
      ...r.body.matchAll(/<tr(?: class="pred")? data-feature="([^"]+)" data-drifted="(\d+)"/g),
    ].map((m) => [m[1], Number(m[2])]);
    expect(rows[0]![0]).toBe('prediction');
    const drifted = Object.fromEntries(rows);
    expect(drifted.income).toBeGreaterThanOrEqual(3);
    expect(drifted.debt_ratio).toBeGreaterThanOrEqual(3);
    // The other features do not shift (at most a chance false positive of a 5 % test over 13 windows).
    expect(drifted.age).toBeLessThanOrEqual(1);
    expect(drifted.region).toBeLessThanOrEqual(1);
    // Daily windows: 14 columns (the current day has no result yet), drifted cells from day 10 on.
    const income = r.body.slice(r.body.indexOf('data-feature="income"'));
    const cells = [
      ...income.slice(0, income.indexOf('</tr>')).matchAll(/data-start="(\d+)" data-drifted="(\d?)"/g),
    ];
    expect(cells.length).toBe(14);
    for (const [, start, d] of cells) {
      const day = Math.floor((Number(start) - START) / DAY);
      if (day >= DRIFT_DAY && day < 13) expect(d, `day ${day}`).toBe('1');
      if (day < DRIFT_DAY) expect(d, `day ${day}`).toBe('0');
    }
    expect(r.body).toContain('aria-current="page">Drift</a>');
    expect(r.body).toContain('Drift by feature and day');
  });

  it('switches to hourly windows over 48 h', async () => {
    const r = await get(`${base}?window=1h&range=48h`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('Drift by feature and hour');
    const income = r.body.slice(r.body.indexOf('data-feature="income"'));
    expect([...income.slice(0, income.indexOf('</tr>')).matchAll(/class="cell /g)].length).toBe(48);
  });

  it('opens a cell: the reference-vs-window distribution, method, statistic and threshold', async () => {
    const day = START + 11 * DAY;
    const page = await get(`${base}?window=1d&range=14d&start=${day}&column=income`);
    expect(page.status).toBe(200);
    const detail = section(page.body, 'cell-detail');
    expect(detail).toContain('income — day 2026-11-21');
    expect(detail).toContain('▲ drift');
    expect(detail).toMatch(/<svg class="chart" role="img" aria-labelledby="cell-chart"/);
    expect(detail).toMatch(/Method<\/dt><dd>[^<]+<code class="muted">(ks|wasserstein)<\/code>/);
    expect(detail).toMatch(/Threshold<\/dt><dd>drift if [pd] (≤|≥|<|>) 0\.\d+/);
    expect(page.body).toContain('aria-selected="true"');
    const fragment = await get(`${base}?window=1d&start=${day}&column=income&fragment=1`);
    expect(fragment.status).toBe(200);
    expect(fragment.body.startsWith('<section class="panel"')).toBe(true);
    expect(fragment.body).toContain('<svg class="chart"');
    const missing = await get(`${base}?window=1d&start=${TODAY}&column=income&fragment=1`);
    expect(missing.body).toContain('has not been evaluated yet');
  });
});

describe('model page: other tabs', () => {
  it('quality: realized and estimated series with the band, alerts, segments worst first, estimated vs realized', async () => {
    const r = await get(`${base}/quality`);
    expect(r.status).toBe(200);
    checkPage(r);
    const roc = section(r.body, 'q-rocAuc');
    const spec = JSON.parse(
      roc
        .match(/data-chart="([^"]+)"/)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'"),
    );
    expect(spec.series.map((x: { label: string }) => x.label)).toEqual([
      'ROC AUC (realized)',
      'ROC AUC (CBPE estimate)',
    ]);
    expect(spec.band.lower).toBeGreaterThan(0.8);
    expect(spec.band.upper).toBeLessThan(0.92);
    // Daily windows from day 10 are below the band.
    const alerted = spec.alerts.map((a: { i: number }) => a.i);
    expect(alerted).toEqual(expect.arrayContaining([10, 11, 12]));
    expect(alerted.every((i: number) => i >= DRIFT_DAY)).toBe(true);
    expect(roc).toContain('<svg class="chart series"'); // static fallback from the report's series chart
    const seg = section(r.body, 'segments-table');
    expect(seg.indexOf('region=north')).toBeLessThan(seg.indexOf('region=south'));
    expect(r.body).toContain('Estimated versus realized');
    expect(r.body).not.toContain('No labels yet');
  });

  it('quality: explains CBPE when a model has no labels', async () => {
    const h = s.h;
    const quiet = await h.deps.storage.db
      .selectFrom('models')
      .select('id')
      .where('name', '=', 'quiet-model')
      .executeTakeFirstOrThrow();
    for (let t = TODAY - 3 * DAY; t < TODAY; t += DAY)
      await h.deps.storage.db
        .insertInto('series')
        .values({
          model_id: quiet.id,
          metric: 'quality.estimated.accuracy',
          granularity: '1d',
          version_key: '*',
          segment: '',
          start_ms: t,
          end_ms: t + DAY,
          value: 0.8,
          exact: 1,
          rows: 10,
          method: null,
        })
        .execute();
    const r = await get('/projects/shop/models/quiet-model/quality');
    expect(r.status).toBe(200);
    expect(r.body).toContain('No labels yet');
    expect(r.body).toContain('CBPE');
    expect(r.body).toContain('Accuracy (CBPE estimate)');
  });

  it('data quality: four series, the latest contract violations and the newest window columns', async () => {
    const r = await get(`${base}/data-quality?window=1d&range=14d`);
    expect(r.status).toBe(200);
    checkPage(r);
    for (const id of ['dq-missing', 'dq-range', 'dq-unseen', 'dq-contract'])
      expect(r.body).toContain(`id="${id}"`);
    const v = section(r.body, 'violations-table');
    expect(v).toContain('age: 3 values above the maximum 90');
    expect(r.body).toContain('Column statistics of the newest window');
  });

  it('system: latency p50/p95/p99, error rate with the outage marked, throughput', async () => {
    const r = await get(`${base}/system?window=1h&range=7d`);
    expect(r.status).toBe(200);
    checkPage(r);
    const lat = section(r.body, 'sys-latency');
    expect(lat).toContain('p50');
    expect(lat).toContain('p99');
    const err = section(r.body, 'sys-errors');
    const spec = JSON.parse(
      err
        .match(/data-chart="([^"]+)"/)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
    const x: number[] = spec.x;
    const alerted = spec.alerts.map((a: { i: number }) => new Date(x[a.i]! * 1000).toISOString());
    expect(alerted).toEqual([
      '2026-11-22T09:00:00.000Z',
      '2026-11-22T10:00:00.000Z',
      '2026-11-22T11:00:00.000Z',
    ]);
    expect(r.body).toContain('Throughput (records per minute)');
  });

  it('versions: metadata, aliases, the alias history with the rollback, and a side-by-side', async () => {
    const r = await get(`${base}/versions`);
    expect(r.status).toBe(200);
    checkPage(r);
    const table = section(r.body, 'versions-table');
    expect(table).toContain('sha256:v1-fingerprint');
    expect(table).toContain('rocAuc:</span> 0.872');
    expect(table).toContain('train-v2.csv');
    const history = section(r.body, 'alias-history');
    const moves = [
      ...history.matchAll(
        /<tr data-alias="([^"]+)"><td class="nw">[^<]+<\/td><td>[^<]+<\/td><td>(.*?)<\/td>/g,
      ),
    ].map((m) => `${m[1]}: ${m[2]!.replace(/<[^>]+>/g, '')}`);
    expect(moves).toEqual([
      'production: v2 → v1 rollback',
      'production: v1 → v2',
      'canary: new → v2',
      'production: new → v1',
    ]);
    const cmp = section(r.body, 'compare-table');
    expect(cmp).toMatch(
      /ROC AUC \(realized\)<\/th><td class="num">0\.8<\/td><td class="num">0\.83<\/td><td><span class="lvl-ok">✓ v2 better/,
    );
    expect(cmp).toMatch(
      /p95 latency<\/th><td class="num">60 ms<\/td><td class="num">75 ms<\/td><td><span class="lvl-warn">▼ v2 worse/,
    );
    const swapped = await get(`${base}/versions?a=v2&b=v1&range=7d`);
    expect(section(swapped.body, 'compare-table')).toContain('▼ v1 worse');
  });

  it('record lookup: features, prediction, label, version and windows; 404 for an unknown id', async () => {
    const empty = await get(`${base}/records`);
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('name="id"');
    const r = await get(`${base}/records?id=rec-1`);
    expect(r.status).toBe(200);
    checkPage(r);
    const rec = section(r.body, 'record');
    expect(rec).toContain('Record rec-1');
    expect(rec).toContain('<dt>Version</dt><dd>v1</dd>');
    expect(rec).toContain('<dt>Label</dt><dd>0 <span class="muted">(2026-11-23 03:00 UTC)</span>');
    expect(rec).toContain('<th scope="row">income</th><td>4.1e+04</td>'.replace('4.1e+04', '41000'));
    expect(rec).toContain('Hour <a');
    expect(rec).toContain('2026-11-23 02:00');
    const pending = await get(`${base}/records?id=rec-2`);
    expect(section(pending.body, 'record')).toContain('none yet');
    const none = await get(`${base}/records?id=nope`);
    expect(none.status).toBe(404);
    expect(none.body).toContain('No record &quot;nope&quot;');
  });

  it('404s unknown projects, models and tabs as pages', async () => {
    expect((await get('/projects/nope')).status).toBe(404);
    expect((await get('/projects/shop/models/nope')).status).toBe(404);
    const tab = await get(`${base}/nope`);
    expect(tab.status).toBe(404);
    expect(tab.body).toContain('Not found');
  });

  it('leaves the API routes alone', async () => {
    const health = await s.h.app.request('/healthz');
    expect(await health.json()).toEqual({ status: 'ok' });
    const doc = await (await s.h.app.request('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toContain('/v1/projects/{project}/reports');
    const paths = Object.keys(doc.paths);
    expect(
      paths.filter(
        (p) => p === '/' || p.startsWith('/login') || p.startsWith('/projects') || p.startsWith('/assets'),
      ),
    ).toEqual([]);
  });

  it('serves the assets: stylesheet, client script and uPlot from node_modules, cacheable by version', async () => {
    const page = await get(base + '/system');
    const srcs = [...page.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) =>
      m[1]!.replace(/&amp;/g, '&'),
    );
    expect(srcs.map((u) => u.split('?')[0])).toEqual([
      '/assets/dashboard.css',
      '/assets/uPlot.min.css',
      '/assets/uPlot.iife.min.js',
      '/assets/dashboard.js',
    ]);
    for (const u of srcs) {
      const res = await s.h.app.request(u);
      expect(res.status, u).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
      const text = await res.text();
      if (u.includes('.js')) {
        expect(res.headers.get('content-type')).toContain('javascript');
        expect(() => new Function(text)).not.toThrow();
      } else expect(res.headers.get('content-type')).toContain('text/css');
    }
    expect((await s.h.app.request('/assets/uPlot.iife.min.js')).headers.get('cache-control')).toBe(
      'public, max-age=300',
    );
    expect((await s.h.app.request('/assets/nope.js')).status).toBe(404);
  });
});

describe('timing', () => {
  it('renders the overview and a model page quickly on 14 days of windows', async () => {
    for (const path of ['/', base, `${base}/quality`, `${base}/system`]) {
      const t0 = performance.now();
      const r = await get(path);
      const ms = performance.now() - t0;
      expect(r.status).toBe(200);
      expect(ms, path).toBeLessThan(1000);
      expect(r.headers.get('server-timing')).toMatch(/^app;dur=\d+(\.\d)?$/);
    }
    expect(NOW - TODAY).toBe(4.5 * HOUR);
  });
});
