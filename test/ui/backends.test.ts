/**
 * The dashboard's queries on both storage backends (SQLite always; PostgreSQL when DRIFTWATCH_TEST_PG_URL is set,
 * required under CI): every page answers from the same fixture with the same figures.
 */
import { describe, expect, it } from 'vitest';
import { backends } from '../storage/backends.ts';
import { DAY, START, seedDashboard } from './seed.ts';

describe.each(backends('dashboard pages'))('dashboard on $name', (backend) => {
  it('serves every page from the fixture', async () => {
    const { handle, cleanup } = await backend.open();
    try {
      const s = await seedDashboard({ storage: handle, extraModel: 'second' });
      const get = async (path: string) => {
        const res = await s.h.app.request(path, { headers: { authorization: `Bearer ${s.keys.read}` } });
        return { status: res.status, body: await res.text() };
      };
      const base = '/projects/shop/models/credit-default';
      const overview = await get('/');
      expect(overview.status).toBe(200);
      expect(overview.body).toContain('data-model="credit-default" data-level="alert"');
      const drift = await get(base);
      expect(
        Number(/data-feature="income" data-drifted="(\d+)"/.exec(drift.body)?.[1]),
      ).toBeGreaterThanOrEqual(3);
      expect(
        Number(/data-feature="debt_ratio" data-drifted="(\d+)"/.exec(drift.body)?.[1]),
      ).toBeGreaterThanOrEqual(3);
      const cell = await get(`${base}?window=1d&start=${START + 11 * DAY}&column=income&fragment=1`);
      expect(cell.body).toContain('<svg class="chart"');
      const quality = await get(`${base}/quality`);
      expect(quality.body).toContain('id="q-rocAuc"');
      expect(quality.body).toContain('region=north');
      expect((await get(`${base}/data-quality?window=1d`)).body).toContain(
        'age: 3 values above the maximum 90',
      );
      expect((await get(`${base}/system`)).body).toContain('id="sys-latency"');
      const versions = await get(`${base}/versions`);
      expect(versions.body).toContain('rollback');
      expect(versions.body).toMatch(
        /ROC AUC \(realized\)<\/th><td class="num">0\.8<\/td><td class="num">0\.83</,
      );
      expect((await get(`${base}/records?id=rec-1`)).body).toContain('Record rec-1');
      expect((await get('/projects/shop/reports')).status).toBe(200);
      // Sign-in sessions live in the database (any node can check them).
      const login = await s.h.app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: s.keys.read }).toString(),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      expect((await s.h.app.request('/projects/shop', { headers: { cookie } })).status).toBe(200);
    } finally {
      await cleanup();
    }
  });
});
