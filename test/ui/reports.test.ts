/**
 * Pushed reports: `POST /v1/projects/{project}/reports` (ingest scope; the result is validated and the server
 * renders the HTML with the CLI's renderer), the list and read API, the dashboard's Reports page and the stored
 * report served sandboxed; and `driftwatch report … --push URL --project P --key K --tag T` end to end.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.ts';
import { pushTarget } from '../../src/cli/report-command.ts';
import { compareTables } from '../../src/core/report/compare-tables.ts';
import { num, str, table } from '../helpers/table.ts';
import { makeHarness } from '../server/app-harness.ts';
import { type Seeded, seedDashboard } from './seed.ts';

let s: Seeded;
const result = compareTables(
  table(
    num(
      'income',
      Array.from({ length: 400 }, (_, i) => 30_000 + i * 50),
    ),
    str(
      'city',
      Array.from({ length: 400 }, (_, i) => (i % 3 ? 'Lyon' : 'Paris')),
    ),
  ),
  table(
    num(
      'income',
      Array.from({ length: 400 }, (_, i) => 45_000 + i * 50),
    ),
    str(
      'city',
      Array.from({ length: 400 }, (_, i) => (i % 2 ? 'Lyon' : 'Paris')),
    ),
  ),
);

beforeAll(async () => {
  s = await seedDashboard();
});
afterAll(async () => {
  await s.close();
});

const push = (body: unknown, key: string | null = s.keys.ingest, headers: Record<string, string> = {}) =>
  s.h.call('POST', '/v1/projects/shop/reports', { key, body, headers });

describe('POST /v1/projects/{project}/reports', () => {
  it('stores a report with tags and answers 201 with its dashboard URL', async () => {
    const r = await push({ result, title: 'Nightly <loans>', tags: ['nightly', 'loans', 'nightly'] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      title: 'Nightly <loans>',
      tags: ['nightly', 'loans'],
      datasetDrift: result.drift.datasetDrift,
      driftedCount: result.drift.driftedCount,
      columnCount: 2,
    });
    expect(r.body.url).toBe(`/projects/shop/reports/${r.body.id}`);
    expect(r.body.createdAt).toBe('2026-11-23T04:30:00.000Z');
    const admin = await push({ result }, s.keys.admin);
    expect(admin.status).toBe(201);
  });

  it('needs the ingest scope of that project', async () => {
    expect((await push({ result }, null)).status).toBe(401);
    expect((await push({ result }, s.keys.read)).status).toBe(403);
    expect((await push({ result }, s.keys.other)).status).toBe(403);
    expect((await s.h.call('POST', '/v1/projects/nope/reports', { body: { result } })).status).toBe(404);
  });

  it('validates the body and names the field', async () => {
    const bad = await push({ result: { ...result, drift: { ...result.drift, share: 'high' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'DW_VALIDATION', field: 'result.drift.share' });
    const extra = await push({ result, colour: 'red' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('DW_VALIDATION');
    const tags = await push({ result, tags: [''] });
    expect(tags.body.error.field).toBe('tags.0');
    const malformed = await push('{"result":', s.keys.ingest, { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('DW_MALFORMED_BODY');
    const type = await push('result=1', s.keys.ingest, { 'content-type': 'text/plain' });
    expect(type.status).toBe(415);
  });

  it('refuses a body over the limit with 413', async () => {
    const h = await makeHarness({ bodyLimitBytes: 1000 });
    try {
      await h.call('POST', '/v1/projects', { body: { name: 'p' } });
      const r = await h.call('POST', '/v1/projects/p/reports', { body: { result } });
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe('DW_BODY_TOO_LARGE');
    } finally {
      await h.close();
    }
  });

  it('lists reports newest first, filters by tag, and returns one with its result', async () => {
    const list = await s.h.call('GET', '/v1/projects/shop/reports', { key: s.keys.read });
    expect(list.status).toBe(200);
    expect(list.body.reports.length).toBeGreaterThanOrEqual(2);
    const tagged = await s.h.call('GET', '/v1/projects/shop/reports?tag=nightly', { key: s.keys.read });
    expect(tagged.body.reports.map((r: { title: string }) => r.title)).toEqual(['Nightly <loans>']);
    const one = await s.h.call('GET', `/v1/projects/shop/reports/${tagged.body.reports[0].id}`, {
      key: s.keys.read,
    });
    expect(one.status).toBe(200);
    expect(one.body.result.drift.columnCount).toBe(2);
    expect((await s.h.call('GET', '/v1/projects/shop/reports/nope', { key: s.keys.read })).status).toBe(404);
    expect((await s.h.call('GET', '/v1/projects/shop/reports', { key: s.keys.other })).status).toBe(403);
  });
});

describe('Reports in the dashboard', () => {
  const page = async (path: string, key = s.keys.read) => {
    const res = await s.h.app.request(path, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: await res.text(), headers: res.headers };
  };

  it('lists pushed reports by time with tags and verdicts (titles escaped)', async () => {
    const r = await page('/projects/shop/reports');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Nightly &lt;loans&gt;');
    expect(r.body).not.toContain('Nightly <loans>');
    expect(r.body).toContain('href="/projects/shop/reports?tag=nightly"');
    expect(r.body).toMatch(/▲ drift|✓ no drift/);
    const filtered = await page('/projects/shop/reports?tag=loans');
    expect(filtered.body.match(/<tr><td class="nw">/g)?.length).toBe(1);
  });

  it('opens the stored HTML report, sandboxed and with no network', async () => {
    const list = await s.h.call('GET', '/v1/projects/shop/reports?tag=nightly', { key: s.keys.read });
    const r = await page(list.body.reports[0].url);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^sandbox allow-scripts;/);
    expect(csp).toContain("default-src 'none'");
    expect(r.body).toContain('<title>Nightly &lt;loans&gt; — driftwatch</title>');
    expect(r.body).toContain('id="drift-table"');
    expect((await page('/projects/shop/reports/nope')).status).toBe(404);
    expect((await page(list.body.reports[0].url, s.keys.other)).status).toBe(404);
  });

  it('renders a stored result without HTML on the fly', async () => {
    await s.storage.db
      .insertInto('reports')
      .values({
        id: 'r-raw',
        project_id: s.project.id,
        created_at: 1,
        title: 'raw',
        tags_json: '[]',
        result_json: JSON.stringify(result),
        html: null,
      })
      .execute();
    const r = await page('/projects/shop/reports/r-raw');
    expect(r.status).toBe(200);
    expect(r.body).toContain('id="drift-table"');
  });

  it('shows the CLI snippet when there are no reports', async () => {
    const h = await makeHarness();
    try {
      await h.call('POST', '/v1/projects', { body: { name: 'empty project' } });
      const res = await h.app.request('/projects/empty%20project/reports', {
        headers: { authorization: `Bearer ${h.serverKey}` },
      });
      const body = await res.text();
      expect(body).toContain('No reports yet');
      expect(body).toContain('--project &#39;empty project&#39; --key &lt;ingest key&gt;');
    } finally {
      await h.close();
    }
  });
});

describe('driftwatch report --push', () => {
  it('checks the push options before any work', () => {
    expect(pushTarget({})).toBeNull();
    expect(() => pushTarget({ project: 'p' })).toThrow(/only apply with --push/);
    expect(() => pushTarget({ push: 'localhost:7700', project: 'p', key: 'k' })).toThrow(
      /http\(s\) URL|server's URL/,
    );
    expect(() => pushTarget({ push: 'http://h:1', key: 'k' })).toThrow(/--project/);
    const old = process.env.DRIFTWATCH_KEY;
    delete process.env.DRIFTWATCH_KEY;
    try {
      expect(() => pushTarget({ push: 'http://h:1', project: 'p' })).toThrow(/DRIFTWATCH_KEY/);
      process.env.DRIFTWATCH_KEY = 'dwk_env';
      expect(pushTarget({ push: 'http://h:1/', project: 'a b/c', tag: ['x', 'x', 'y'] })).toEqual({
        url: 'http://h:1/v1/projects/a%20b%2Fc/reports',
        project: 'a b/c',
        key: 'dwk_env',
        tags: ['x', 'y'],
      });
    } finally {
      if (old === undefined) delete process.env.DRIFTWATCH_KEY;
      else process.env.DRIFTWATCH_KEY = old;
    }
  });

  it('pushes the report to a running server, which lists it', async () => {
    const server = serve({ fetch: s.h.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const args = [
        'report',
        '--reference',
        'examples/reference.csv',
        '--current',
        'examples/current.csv',
        '--quiet',
        '--push',
        url,
        '--project',
        'shop',
      ];
      const code = await main([...args, '--key', s.keys.ingest, '--tag', 'from-cli', '--tag', 'examples']);
      expect(code).toBe(0);
      const listed = await s.h.call('GET', '/v1/projects/shop/reports?tag=from-cli', { key: s.keys.read });
      expect(listed.body.reports).toHaveLength(1);
      expect(listed.body.reports[0].tags).toEqual(['from-cli', 'examples']);
      // A key without the ingest scope: exit code 2 and the server's reason.
      const refused = await main([...args, '--key', s.keys.read]);
      expect(refused).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(
        /refused the report \(HTTP 403\).*ingest/,
      );
    } finally {
      err.mockRestore();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
