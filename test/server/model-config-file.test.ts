/**
 * Check configuration from the server's driftwatch.yaml (`models:`): defaults ← file (`*` ← `<project>/*` ←
 * `<project>/<model>`) ← model (API) ← version; the evaluator uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServeConfigText } from '../../src/cli/serve-config.ts';
import { getEvaluator } from '../../src/monitor/evaluator.ts';
import { fileCheckConfig, layerCheckConfigs } from '../../src/server/schemas/registry.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const HOUR = 3_600_000;

describe('driftwatch.yaml models: section', () => {
  it('parses and validates, naming the key', () => {
    const ok = parseServeConfigText(
      "server:\n  port: 7701\nmodels:\n  '*':\n    drift: { driftShare: 0.3 }\n  p/m:\n    windows: [1h]\n",
      'driftwatch.yaml',
    );
    expect(ok.modelConfigs).toEqual({ '*': { drift: { driftShare: 0.3 } }, 'p/m': { windows: ['1h'] } });
    expect(() => parseServeConfigText('models:\n  p/m:\n    windows: [2h]\n', 'driftwatch.yaml')).toThrow(
      /driftwatch\.yaml: models\.p\/m\.windows\.0/,
    );
    expect(() => parseServeConfigText('models:\n  nope:\n    windows: [1h]\n', 'driftwatch.yaml')).toThrow(
      /models/,
    );
  });

  it('layers * ← project/* ← project/model, key by key for drift', () => {
    const configs = {
      '*': { drift: { driftShare: 0.3, numMethod: 'psi' } },
      'p/*': { drift: { driftShare: 0.4 } },
      'p/m': { segments: ['region'] },
    };
    expect(fileCheckConfig(configs, 'p', 'm')).toEqual({
      drift: { driftShare: 0.4, numMethod: 'psi' },
      segments: ['region'],
    });
    expect(fileCheckConfig(configs, 'q', 'm')).toEqual({ drift: { driftShare: 0.3, numMethod: 'psi' } });
    expect(layerCheckConfigs({ drift: { driftShare: 0.4 } }, { drift: { catMethod: 'psi' } })).toEqual({
      drift: { driftShare: 0.4, catMethod: 'psi' },
    });
  });

  describe('in the server', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await makeHarness({ modelConfigs: { 'p/*': { drift: { driftShare: 0.9 }, windows: ['1h'] } } });
      await h.call('POST', '/v1/projects', { body: { name: 'p' } });
      const base = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
      const r = await h.call('POST', '/v1/projects/p/models/m/predictions', {
        body: [{ id: 'a', features: { x: 1 }, prediction: 1, timestamp: base + 10 }],
      });
      expect(r.body.accepted).toBe(1);
    });
    afterAll(() => h.close());

    it('GET …/config shows the file layer in `effective`; the model’s own setting wins', async () => {
      const before = await h.call('GET', '/v1/projects/p/models/m/config');
      expect(before.body.config).toBeNull();
      expect(before.body.effective.drift.driftShare).toBe(0.9);
      expect(before.body.effective.windows).toEqual(['1h']);
      const put = await h.call('PUT', '/v1/projects/p/models/m/config', {
        body: { drift: { driftShare: 0.2 } },
      });
      expect(put.status).toBe(200);
      expect(put.body.effective.drift.driftShare).toBe(0.2);
      expect(put.body.effective.windows).toEqual(['1h']);
    });

    it('the evaluator honours it (daily windows skipped by the file’s `windows: [1h]`)', async () => {
      const outcomes = await getEvaluator(h.deps).evaluateDue(Date.now() + 2 * 86_400_000);
      const daily = outcomes.filter((o) => o.key.granularity === '1d');
      const hourly = outcomes.filter((o) => o.key.granularity === '1h');
      expect(daily.length).toBeGreaterThan(0);
      expect(daily.every((o) => o.status === 'skipped')).toBe(true);
      expect(hourly.some((o) => o.status === 'evaluated')).toBe(true);
    });
  });
});
