import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../../../src/core/errors.ts';
import { evaluateSuite } from '../../../src/core/suite/evaluate-suite.ts';
import { presetSuite } from '../../../src/core/suite/preset-suite.ts';
import { parseSuite } from '../../../src/core/suite/suite-schema.ts';
import type { Suite } from '../../../src/core/suite/suite-types.ts';
import { suiteToYaml } from '../../../src/core/suite/suite-yaml.ts';

// A copy of test/fixtures/html/result.json (a ReportResult of a made-up customers dataset).
const SAMPLE = JSON.parse(readFileSync(new URL('../../fixtures/suite/result.json', import.meta.url), 'utf8'));

// biome-ignore lint/suspicious/noExplicitAny: test helper editing a JSON document.
type Json = any;

const BINARY_REFERENCE = {
  accuracy: 0.9,
  precision: 0.8,
  recall: 0.75,
  f1: 0.7741935483870968,
  rocAuc: 0.95,
  prAuc: 0.85,
  logLoss: 0.25,
  brier: 0.08,
  tpr: 0.75,
  tnr: 0.95,
  fpr: 0.05,
  fnr: 0.25,
  confusionMatrix: { tn: 760, fp: 40, fn: 50, tp: 150 },
};
const BINARY_DUMMY = {
  accuracy: 0.8,
  precision: 0.2,
  recall: 0.2,
  f1: 0.2,
  rocAuc: 0.5,
  prAuc: 0.2,
  logLoss: 0.5,
  brier: 0.16,
  tpr: 0.2,
  tnr: 0.8,
  fpr: 0.2,
  fnr: 0.8,
};

/** The sample result with model-quality metrics added as the lead will add them. */
function withMetrics(reference: object | undefined, current: object): Json {
  const r: Json = structuredClone(SAMPLE);
  if (reference !== undefined) r.quality.reference.metrics = reference;
  r.quality.current.metrics = current;
  return r;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return `${(e as UsageError).code}: ${(e as Error).message}`;
  }
  throw new Error('expected an error');
}

/** The suite must be valid for the schema and survive printing as YAML. */
function expectValidAndRoundTrips(suite: Suite): void {
  expect(parseSuite(suite)).toEqual(suite);
  expect(parseSuite(parse(suiteToYaml(suite)))).toEqual(suite);
}

describe('presetSuite: data-drift', () => {
  it('tests the drift share (critical, pinned threshold) and each tested column (warnings)', () => {
    const suite = presetSuite(['data-drift'], SAMPLE);
    expect(suite.tests).toEqual([
      {
        name: 'share of drifted columns below 0.5',
        metric: 'drift.share',
        condition: 'lt',
        threshold: 0.5,
        severity: 'critical',
      },
      ...['age', 'income', 'city', 'plan', 'device_model'].map((c) => ({
        name: `no drift in column ${c}`,
        metric: `drift.columns[column=${c}].drifted`,
        condition: 'eq',
        threshold: false,
        severity: 'warning',
      })),
    ]);
    expectValidAndRoundTrips(suite);
  });

  it('evaluates on the sample: two drifted columns warn, the share passes', () => {
    const r = evaluateSuite(presetSuite(['data-drift'], SAMPLE), SAMPLE);
    expect(r.tests.map((t) => t.status)).toEqual(['pass', 'pass', 'warning', 'warning', 'pass', 'pass']);
    expect(r.summary).toEqual({ total: 6, passed: 4, failed: 0, warnings: 2, errors: 0, ok: true });
  });

  it("pins the run's drift share, and fails when the share reaches it", () => {
    const r: Json = structuredClone(SAMPLE);
    r.drift.driftShare = 0.3;
    const suite = presetSuite(['data-drift'], r, { columnDriftSeverity: 'critical' });
    expect(suite.tests[0]).toMatchObject({ name: 'share of drifted columns below 0.3', threshold: 0.3 });
    expect(suite.tests[1]!.severity).toBe('critical');
    const run = evaluateSuite(suite, r);
    expect(run.tests[0]!.status).toBe('fail');
    expect(run.summary.ok).toBe(false);
  });

  it("uses Evidently's 0.5 when the result has no drift share, and quotes awkward column names", () => {
    const suite = presetSuite(['data-drift'], {
      drift: {
        columns: [
          { column: 'a.b,c', drifted: true },
          { column: 't', drifted: null },
        ],
      },
    });
    expect(suite.tests.map((t) => t.metric)).toEqual([
      'drift.share',
      'drift.columns[column="a.b,c"].drifted',
    ]);
    expect(suite.tests[0]!.threshold).toBe(0.5);
    const run = evaluateSuite(suite, { drift: { share: 1, columns: [{ column: 'a.b,c', drifted: true }] } });
    expect(run.tests.map((t) => t.status)).toEqual(['fail', 'warning']);
    expectValidAndRoundTrips(suite);
  });
});

describe('presetSuite: data-quality', () => {
  const suite = presetSuite(['data-quality'], SAMPLE);

  it('generates dataset and per-column tests from the reference side', () => {
    expect(suite.tests.slice(0, 7)).toEqual([
      {
        name: 'current data has rows',
        metric: 'quality.current.dataset.rows',
        condition: 'gt',
        threshold: 0,
        severity: 'critical',
      },
      {
        name: 'same number of columns as reference',
        metric: 'quality.current.dataset.columns',
        condition: 'eq',
        threshold: { reference: 'quality.reference.dataset.columns' },
        severity: 'critical',
      },
      {
        name: 'no more empty columns than reference',
        metric: 'quality.current.dataset.emptyColumns.length',
        condition: 'lte',
        threshold: { reference: 'quality.reference.dataset.emptyColumns.length' },
        severity: 'critical',
      },
      {
        name: 'no more constant columns than reference',
        metric: 'quality.current.dataset.constantColumns.length',
        condition: 'lte',
        threshold: { reference: 'quality.reference.dataset.constantColumns.length' },
        severity: 'critical',
      },
      {
        name: 'no more almost constant columns than reference',
        metric: 'quality.current.dataset.almostConstantColumns.length',
        condition: 'lte',
        threshold: { reference: 'quality.reference.dataset.almostConstantColumns.length' },
        severity: 'warning',
      },
      {
        name: 'no more duplicated columns than reference',
        metric: 'quality.current.dataset.duplicatedColumns.length',
        condition: 'lte',
        threshold: { reference: 'quality.reference.dataset.duplicatedColumns.length' },
        severity: 'warning',
      },
      {
        name: 'no duplicated rows (none in reference)',
        metric: 'quality.current.dataset.duplicatedRows',
        condition: 'eq',
        threshold: 0,
        severity: 'warning',
      },
    ]);
    const perColumn = suite.tests.slice(7).map((t) => `${t.severity} ${t.name}`);
    expect(perColumn).toEqual([
      // age had 0.2 % missing in the reference
      'warning missing share of column age not far above reference',
      'warning no values outside the reference range in column age',
      'critical no missing values in column income (none in reference)',
      'warning no values outside the reference range in column income',
      'critical no missing values in column city (none in reference)',
      'warning no new categories in column city',
      'critical no missing values in column plan (none in reference)',
      'warning no new categories in column plan',
      'critical no missing values in column device_model (none in reference)',
      'warning no new categories in column device_model',
      'warning missing share of column comment not far above reference',
      // signup_date: datetime, no out-of-range test
      'critical no missing values in column signup_date (none in reference)',
    ]);
    expect(suite.tests[7]).toEqual({
      name: 'missing share of column age not far above reference',
      metric: 'quality.current.columns.age.missingShare',
      condition: 'lte',
      threshold: { reference: 'quality.reference.columns.age.missingShare', relative: 0.1, absolute: 0.01 },
      severity: 'warning',
    });
    expectValidAndRoundTrips(suite);
  });

  it('evaluates on the sample: new categories, out-of-range values and duplicates warn', () => {
    const r = evaluateSuite(suite, SAMPLE);
    const notPassed = r.tests.filter((t) => t.status !== 'pass').map((t) => [t.name, t.status, t.actual]);
    expect(notPassed).toEqual([
      ['no duplicated rows (none in reference)', 'warning', 3],
      ['no values outside the reference range in column age', 'warning', 0.0004],
      ['no values outside the reference range in column income', 'warning', 0.0124],
      ['no new categories in column city', 'warning', 0.012],
    ]);
    const comment = r.tests.find((t) => t.name.includes('column comment'))!;
    expect(comment.threshold).toBeCloseTo(0.05 * 1.1 + 0.01, 15);
    expect(comment.message).toBe(
      'actual 0.06 <= 0.065 (quality.reference.columns.comment.missingShare = 0.05, relative 0.1, absolute 0.01)',
    );
    expect(r.summary).toEqual({ total: 19, passed: 15, failed: 0, warnings: 4, errors: 0, ok: true });
  });

  it('fails on missing values where the reference had none, and errors when a column disappears', () => {
    const current: Json = structuredClone(SAMPLE);
    current.quality.current.columns.income.missingShare = 0.01;
    delete current.quality.current.columns.city;
    const r = evaluateSuite(suite, current);
    const income = r.tests.find((t) => t.name === 'no missing values in column income (none in reference)')!;
    expect(income).toMatchObject({ status: 'fail', actual: 0.01, message: 'actual 0.01, expected = 0' });
    const city = r.tests.filter((t) => t.name.includes('column city'));
    expect(city.map((t) => [t.status, t.severity])).toEqual([
      ['error', 'critical'],
      ['error', 'warning'],
    ]);
    expect(city[0]!.message).toBe(
      'cannot read quality.current.columns.city.missingShare: no key "city" in quality.current.columns (keys: age, income, plan, device_model, comment, signup_date)',
    );
    expect(r.summary).toMatchObject({ failed: 1, errors: 2, ok: false });
  });

  it('quotes column names that contain dots', () => {
    const r: Json = structuredClone(SAMPLE);
    r.quality.reference.columns = { 'price.usd': r.quality.reference.columns.age };
    r.quality.current.columns = { 'price.usd': r.quality.current.columns.age };
    const s = presetSuite(['data-quality'], r);
    const tests = s.tests.filter((t) => t.name.includes('price.usd'));
    expect(tests.map((t) => t.metric)).toEqual([
      'quality.current.columns."price.usd".missingShare',
      'quality.current.columns."price.usd".outOfRangeShare',
    ]);
    expect(
      evaluateSuite(s, r)
        .tests.filter((t) => t.name.includes('price.usd'))
        .map((t) => t.status),
    ).toEqual(['pass', 'warning']);
    expectValidAndRoundTrips(s);
  });

  it('honours missingShareTolerance', () => {
    const s = presetSuite(['data-quality'], SAMPLE, {
      missingShareTolerance: { relative: 0, absolute: 0.005 },
    });
    expect(s.tests.find((t) => t.name.includes('comment'))!.threshold).toEqual({
      reference: 'quality.reference.columns.comment.missingShare',
      relative: 0,
      absolute: 0.005,
    });
    expect(evaluateSuite(s, SAMPLE).tests.find((t) => t.name.includes('comment'))!.status).toBe('warning');
  });
});

describe('presetSuite: classification', () => {
  it('tests each metric within ±20 % of the reference (two-sided, as Evidently)', () => {
    const result = withMetrics(BINARY_REFERENCE, { ...BINARY_REFERENCE, dummy: BINARY_DUMMY });
    const suite = presetSuite(['classification'], result);
    expect(suite.tests.map((t) => t.name)).toEqual([
      'accuracy within ±20% of reference',
      'precision within ±20% of reference',
      'recall within ±20% of reference',
      'F1 within ±20% of reference',
      'ROC AUC within ±20% of reference',
      'PR AUC within ±20% of reference',
      'log loss within ±20% of reference',
      'Brier score within ±20% of reference',
      'TPR within ±20% of reference',
      'TNR within ±20% of reference',
      'FPR within ±20% of reference',
      'FNR within ±20% of reference',
    ]);
    expect(suite.tests[3]).toEqual({
      name: 'F1 within ±20% of reference',
      metric: 'quality.current.metrics.f1',
      condition: 'eq',
      threshold: { reference: 'quality.reference.metrics.f1', relative: 0.2 },
      severity: 'critical',
    });
    expectValidAndRoundTrips(suite);
    expect(evaluateSuite(suite, result).summary).toEqual({
      total: 12,
      passed: 12,
      failed: 0,
      warnings: 0,
      errors: 0,
      ok: true,
    });
  });

  it('fails a metric that moved by more than 20 % either way', () => {
    const suite = presetSuite(['classification'], withMetrics(BINARY_REFERENCE, BINARY_REFERENCE));
    const current = withMetrics(BINARY_REFERENCE, { ...BINARY_REFERENCE, f1: 0.6, logLoss: 0.31, fpr: 0.03 });
    const r = evaluateSuite(suite, current);
    const failed = r.tests.filter((t) => t.status !== 'pass').map((t) => [t.name, t.threshold, t.message]);
    expect(failed).toEqual([
      [
        'F1 within ±20% of reference',
        { value: 0.7741935483870968, tolerance: 0.7741935483870968 * 0.2 },
        'actual 0.6, expected = 0.7741935484 ± 0.1548387097 (quality.reference.metrics.f1 = 0.7741935484, relative 0.2)',
      ],
      [
        'log loss within ±20% of reference',
        { value: 0.25, tolerance: 0.05 },
        'actual 0.31, expected = 0.25 ± 0.05 (quality.reference.metrics.logLoss = 0.25, relative 0.2)',
      ],
      [
        'FPR within ±20% of reference',
        { value: 0.05, tolerance: 0.05 * 0.2 },
        'actual 0.03, expected = 0.05 ± 0.01 (quality.reference.metrics.fpr = 0.05, relative 0.2)',
      ],
    ]);
    expect(r.summary.ok).toBe(false);
  });

  it('compares with the dummy model when the reference has no metrics (gt, or lt for error-type metrics)', () => {
    const result = withMetrics(undefined, {
      accuracy: 0.85,
      f1: 0.5,
      logLoss: 0.4,
      fpr: 0.1,
      dummy: BINARY_DUMMY,
    });
    const suite = presetSuite(['classification'], result);
    expect(suite.tests.map((t) => [t.name, t.condition, t.threshold])).toEqual([
      ['accuracy better than the dummy model', 'gt', { reference: 'quality.current.metrics.dummy.accuracy' }],
      ['F1 better than the dummy model', 'gt', { reference: 'quality.current.metrics.dummy.f1' }],
      ['log loss better than the dummy model', 'lt', { reference: 'quality.current.metrics.dummy.logLoss' }],
      ['FPR better than the dummy model', 'lt', { reference: 'quality.current.metrics.dummy.fpr' }],
    ]);
    const r = evaluateSuite(suite, result);
    expect(r.tests.map((t) => t.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    const worse = withMetrics(undefined, {
      accuracy: 0.8,
      f1: 0.5,
      logLoss: 0.6,
      fpr: 0.1,
      dummy: BINARY_DUMMY,
    });
    expect(evaluateSuite(suite, worse).tests.map((t) => t.status)).toEqual(['fail', 'pass', 'fail', 'pass']);
    expectValidAndRoundTrips(suite);
  });

  it('honours classificationTolerance and skips metrics without reference nor dummy', () => {
    const suite = presetSuite(['classification'], withMetrics({ f1: 0.5 }, { f1: 0.5, rocAuc: 0.7 }), {
      classificationTolerance: 0.05,
    });
    expect(suite.tests.map((t) => [t.name, t.threshold])).toEqual([
      ['F1 within ±5% of reference', { reference: 'quality.reference.metrics.f1', relative: 0.05 }],
    ]);
  });
});

describe('presetSuite: regression', () => {
  const REFERENCE = {
    meanError: 0.1,
    mae: 2,
    mse: 6.25,
    rmse: 2.5,
    mape: 12.5,
    mapeFraction: 0.125,
    r2: 0.8,
    maxAbsError: 9,
    medianAbsError: 1.5,
  };

  it('tests MAE, RMSE, MAPE, R² and max error within ±10 % of the reference', () => {
    const result = withMetrics(REFERENCE, REFERENCE);
    const suite = presetSuite(['regression'], result);
    expect(suite.tests.map((t) => [t.name, t.metric, t.condition, t.threshold])).toEqual(
      ['mae', 'rmse', 'mape', 'r2', 'maxAbsError'].map((m, i) => [
        `${['MAE', 'RMSE', 'MAPE', 'R2', 'max absolute error'][i]} within ±10% of reference`,
        `quality.current.metrics.${m}`,
        'eq',
        { reference: `quality.reference.metrics.${m}`, relative: 0.1 },
      ]),
    );
    expectValidAndRoundTrips(suite);
    const worse = withMetrics(REFERENCE, { ...REFERENCE, mae: 2.25, rmse: 2.75 });
    expect(evaluateSuite(suite, worse).tests.map((t) => t.status)).toEqual([
      'fail',
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('without reference metrics: error metrics below the dummy, R² above 0', () => {
    const result = withMetrics(undefined, {
      mae: 2,
      rmse: 2.5,
      mape: 12.5,
      r2: 0.8,
      maxAbsError: 9,
      dummy: { mae: 3, rmse: 3.5, mape: 20 },
    });
    const suite = presetSuite(['regression'], result);
    expect(suite.tests.map((t) => [t.name, t.condition, t.threshold])).toEqual([
      ['MAE better than the dummy model', 'lt', { reference: 'quality.current.metrics.dummy.mae' }],
      ['RMSE better than the dummy model', 'lt', { reference: 'quality.current.metrics.dummy.rmse' }],
      ['MAPE better than the dummy model', 'lt', { reference: 'quality.current.metrics.dummy.mape' }],
      ['R2 above 0', 'gt', 0],
    ]);
    expect(evaluateSuite(suite, result).summary.ok).toBe(true);
  });
});

describe('presetSuite: names and errors', () => {
  const result = withMetrics(BINARY_REFERENCE, BINARY_REFERENCE);

  it('concatenates presets in order, splitting comma lists and dropping duplicates', () => {
    const a = presetSuite(['data-drift,classification', ' data-drift ', ''], result);
    const b = [
      ...presetSuite(['data-drift'], result).tests,
      ...presetSuite(['classification'], result).tests,
    ];
    expect(a.tests).toEqual(b);
    const all = presetSuite(['data-drift', 'data-quality', 'classification'], result);
    expect(all.tests).toHaveLength(6 + 19 + 12);
    expect(new Set(all.tests.map((t) => t.name)).size).toBe(all.tests.length);
    expectValidAndRoundTrips(all);
    expect(Object.isFrozen(all)).toBe(true);
    expect(Object.isFrozen(all.tests[0])).toBe(true);
  });

  it('rejects unknown presets with a suggestion', () => {
    expect(errorOf(() => presetSuite(['data-drfit'], result))).toBe(
      'DW_SUITE_UNKNOWN_PRESET: unknown preset "data-drfit" (did you mean "data-drift"?); presets: data-drift, data-quality, classification, regression',
    );
    expect(errorOf(() => presetSuite(['classifcation'], result))).toContain(
      '(did you mean "classification"?)',
    );
    expect(errorOf(() => presetSuite(['fairness'], result))).toBe(
      'DW_SUITE_UNKNOWN_PRESET: unknown preset "fairness"; presets: data-drift, data-quality, classification, regression',
    );
    expect(errorOf(() => presetSuite([], result))).toBe(
      'DW_SUITE_UNKNOWN_PRESET: no preset given; presets: data-drift, data-quality, classification, regression',
    );
  });

  it('says what is missing when the result cannot support a preset', () => {
    expect(errorOf(() => presetSuite(['classification'], SAMPLE))).toBe(
      'DW_SUITE_PRESET_UNAVAILABLE: preset classification: the result has no classification metrics in quality.reference.metrics or quality.current.metrics (accuracy, precision, recall, f1, rocAuc, prAuc, logLoss, brier, tpr, tnr, fpr, fnr); give the target and prediction columns',
    );
    expect(errorOf(() => presetSuite(['regression'], result))).toContain(
      'preset regression: the result has no regression metrics',
    );
    expect(errorOf(() => presetSuite(['data-drift'], {}))).toBe(
      'DW_SUITE_PRESET_UNAVAILABLE: preset data-drift: the result has no "drift" section',
    );
    expect(errorOf(() => presetSuite(['data-quality'], { quality: {} }))).toBe(
      'DW_SUITE_PRESET_UNAVAILABLE: preset data-quality: the result has no "quality.reference.columns" and "quality.reference.dataset"',
    );
    expect(errorOf(() => presetSuite(['data-drift'], null))).toContain('no "drift" section');
  });
});
