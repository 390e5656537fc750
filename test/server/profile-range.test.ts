/**
 * `GET …/profile`: hourly window profiles merge into a profile of any range (hour → range), equal to the profile of
 * all the range's records: exact counts and moments, and usable as a reference file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/core/profile/index.ts';
import { getEvaluator } from '../../src/monitor/evaluator.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const HOUR = 3_600_000;

describe('GET …/profile (merged hourly profiles)', () => {
  let h: Harness;
  const base = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
  const xs: number[] = [];
  beforeAll(async () => {
    h = await makeHarness();
    await h.call('POST', '/v1/projects', { body: { name: 'p' } });
    const records = [];
    for (let i = 0; i < 300; i++) {
      const x = Math.sin(i) * 10 + (i % 3);
      xs.push(x);
      records.push({
        id: `r${i}`,
        timestamp: base + Math.floor((i / 300) * 3 * HOUR),
        features: { x, c: i % 4 ? 'a' : 'b' },
        prediction: i % 2,
      });
    }
    const r = await h.call('POST', '/v1/projects/p/models/m/predictions', { body: records });
    expect(r.body.accepted).toBe(300);
    await getEvaluator(h.deps).evaluateDue(Date.now());
  });
  afterAll(() => h.close());

  it('merges the three hours into one exact profile', async () => {
    const from = new Date(base).toISOString();
    const to = new Date(base + 3 * HOUR).toISOString();
    const r = await h.call('GET', `/v1/projects/p/models/m/profile?from=${from}&to=${to}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-driftwatch-windows')).toBe('3');
    const profile = parseProfile(JSON.stringify(r.body));
    expect(profile.rows).toBe(300);
    const x = profile.columns.find((c) => c.name === 'x')!;
    expect(x.count).toBe(300);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect((x as any).moments.mean).toBeCloseTo(mean, 12);
    const c = profile.columns.find((col) => col.name === 'c')!;
    expect(c.count).toBe(300);
    // One hour only.
    const one = await h.call(
      'GET',
      `/v1/projects/p/models/m/profile?from=${from}&to=${new Date(base + HOUR).toISOString()}`,
    );
    expect(parseProfile(JSON.stringify(one.body)).rows).toBe(100);
  });

  it('404 when nothing is evaluated in the range; 400 names the field', async () => {
    const r = await h.call(
      'GET',
      '/v1/projects/p/models/m/profile?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z',
    );
    expect(r.status).toBe(404);
    const bad = await h.call('GET', '/v1/projects/p/models/m/profile?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('from');
  });
});
