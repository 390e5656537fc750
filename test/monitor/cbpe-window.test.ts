/**
 * CBPE in the monitor: an uploaded reference keeps its target and scores row by row (beside its profile), so a
 * window still missing labels gets `quality.estimated.*` — NannyML's CBPE fitted on the reference, as the CLI does
 * per chunk. Oracle: a perfectly calibrated model (target ~ Bernoulli(score)), whose expected accuracy at the 0.5
 * threshold is E[max(s, 1 − s)] = 0.75 for uniform scores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/stats/random.ts';
import { getEvaluator } from '../../src/monitor/evaluator.ts';
import { type Harness, makeHarness } from '../server/app-harness.ts';

const HOUR = 3_600_000;

describe('CBPE estimates per window', () => {
  let h: Harness;
  const start = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
  beforeAll(async () => {
    h = await makeHarness();
    await h.call('POST', '/v1/projects', { body: { name: 'p' } });
    expect(
      (await h.call('POST', '/v1/projects/p/models/m/versions', { body: { name: 'v1' } })).status,
    ).toBeLessThan(300);
    const r = createRandom(5);
    const lines = ['x,score,prediction,target'];
    for (let i = 0; i < 4000; i++) {
      const s = r.nextFloat();
      lines.push(
        `${(s * 10 + r.nextFloat()).toFixed(4)},${s.toFixed(6)},${s >= 0.5 ? 1 : 0},${r.nextFloat() < s ? 1 : 0}`,
      );
    }
    const up = await h.call('PUT', '/v1/projects/p/models/m/versions/v1/reference', {
      body: `${lines.join('\n')}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(up.status).toBe(200);
    const records = [];
    for (let i = 0; i < 2000; i++) {
      const s = r.nextFloat();
      records.push({
        id: `r${i}`,
        timestamp: start + Math.floor((i / 2000) * HOUR),
        features: { x: s * 10 + r.nextFloat() },
        prediction: s >= 0.5 ? 1 : 0,
        score: s,
      });
    }
    expect(
      (await h.call('POST', '/v1/projects/p/models/m/predictions', { body: records })).body.accepted,
    ).toBe(2000);
    const outcomes = await getEvaluator(h.deps).evaluateDue(Date.now());
    expect(outcomes.filter((o) => o.status === 'evaluated').length).toBeGreaterThan(0);
  });
  afterAll(() => h.close());

  it('estimates the quality of an unlabelled window from the reference (accuracy ≈ 0.75)', async () => {
    const q = (metric: string) =>
      h.call(
        'GET',
        `/v1/projects/p/models/m/series?metric=${metric}&window=1h&from=${new Date(start).toISOString()}&to=${new Date(start + HOUR).toISOString()}`,
      );
    const acc = await q('quality.estimated.accuracy');
    expect(acc.status).toBe(200);
    expect(acc.body.points).toHaveLength(1);
    expect(Math.abs(acc.body.points[0].value - 0.75)).toBeLessThan(0.03);
    const auc = await q('quality.estimated.rocAuc');
    expect(auc.body.points[0].value).toBeGreaterThan(0.78);
    expect(auc.body.points[0].value).toBeLessThan(0.88);
    // No labels yet: no realized accuracy.
    expect(
      (await q('quality.accuracy')).body.points.filter((p: { value: number | null }) => p.value !== null),
    ).toHaveLength(0);
  });

  it('the window report carries the reference quality (the reference is row-aligned now)', async () => {
    const w = await h.call(
      'GET',
      `/v1/projects/p/models/m/windows/${encodeURIComponent(new Date(start).toISOString())}?window=1h`,
    );
    expect(w.status).toBe(200);
    const refAcc = w.body.quality?.reference?.metrics?.accuracy;
    expect(refAcc).toBeGreaterThan(0.7);
    expect(refAcc).toBeLessThan(0.8);
  });
});
