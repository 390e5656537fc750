import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateSuite, evaluateTest, formatNumber } from '../../../src/core/suite/evaluate-suite.ts';
import type {
  Condition,
  ResolvedThreshold,
  Scalar,
  Severity,
  Suite,
  SuiteTest,
  TestStatus,
  Threshold,
} from '../../../src/core/suite/suite-types.ts';
import { parseSuiteText } from '../../../src/readers/suite-file.ts';

/** A result with the value under test at `m.x` and reference values beside it. */
function resultWith(actual: unknown): unknown {
  return {
    m: { x: actual },
    ref: { pos: 0.75, neg: -0.75, zero: 0, nil: null, text: 'ks', list: [1, 2] },
  };
}

function run(condition: Condition, threshold: Threshold, actual: unknown, severity: Severity = 'critical') {
  const test: SuiteTest = { name: 't', metric: 'm.x', condition, threshold, severity };
  return evaluateTest(test, resultWith(actual));
}

type Case = readonly [Condition, Threshold, Scalar, 'pass' | 'fail', ResolvedThreshold];

// Every condition with every threshold form it accepts, on both sides of (and at) the boundary. Values are
// binary fractions so that boundaries are exact in floating point.
const CASES: readonly Case[] = [
  // eq / not_eq with plain values
  ['eq', 0.5, 0.5, 'pass', 0.5],
  ['eq', 0.5, 0.5000001, 'fail', 0.5],
  ['eq', 0, -0, 'pass', 0],
  ['eq', 'ks', 'ks', 'pass', 'ks'],
  ['eq', 'ks', 'KS', 'fail', 'ks'],
  ['eq', false, false, 'pass', false],
  ['eq', false, true, 'fail', false],
  ['not_eq', 0.5, 0.25, 'pass', 0.5],
  ['not_eq', 0.5, 0.5, 'fail', 0.5],
  ['not_eq', 'ks', 'psi', 'pass', 'ks'],
  ['not_eq', true, true, 'fail', true],
  // approx: tolerance max(|value|·relative, absolute), inclusive
  ['eq', { approx: { value: 1, relative: 0.25 } }, 1.25, 'pass', { value: 1, tolerance: 0.25 }],
  ['eq', { approx: { value: 1, relative: 0.25 } }, 0.75, 'pass', { value: 1, tolerance: 0.25 }],
  ['eq', { approx: { value: 1, relative: 0.25 } }, 1.2500001, 'fail', { value: 1, tolerance: 0.25 }],
  [
    'eq',
    { approx: { value: -2, relative: 0.125, absolute: 0.5 } },
    -1.5,
    'pass',
    { value: -2, tolerance: 0.5 },
  ],
  [
    'eq',
    { approx: { value: -2, relative: 0.125, absolute: 0.5 } },
    -2.75,
    'fail',
    { value: -2, tolerance: 0.5 },
  ],
  ['eq', { approx: { value: 1 } }, 1 + 5e-7, 'pass', { value: 1, tolerance: 1e-6 }],
  ['eq', { approx: { value: 1 } }, 1 + 2e-6, 'fail', { value: 1, tolerance: 1e-6 }],
  ['eq', { approx: { value: 0 } }, 1e-13, 'pass', { value: 0, tolerance: 1e-12 }],
  ['eq', { approx: { value: 0 } }, 1e-11, 'fail', { value: 0, tolerance: 1e-12 }],
  ['not_eq', { approx: { value: 1, absolute: 0.5 } }, 1.75, 'pass', { value: 1, tolerance: 0.5 }],
  ['not_eq', { approx: { value: 1, absolute: 0.5 } }, 1.5, 'fail', { value: 1, tolerance: 0.5 }],
  // reference for eq: within max(|ref|·|relative|, |absolute|)
  ['eq', { reference: 'ref.pos', relative: 0.5 }, 1.125, 'pass', { value: 0.75, tolerance: 0.375 }],
  ['eq', { reference: 'ref.pos', relative: -0.5 }, 0.375, 'pass', { value: 0.75, tolerance: 0.375 }],
  ['eq', { reference: 'ref.pos', relative: 0.5 }, 0.25, 'fail', { value: 0.75, tolerance: 0.375 }],
  [
    'eq',
    { reference: 'ref.pos', relative: -0.5, absolute: -0.5 },
    1.25,
    'pass',
    { value: 0.75, tolerance: 0.5 },
  ],
  ['eq', { reference: 'ref.pos' }, 0.75, 'pass', { value: 0.75, tolerance: 0 }],
  ['eq', { reference: 'ref.pos' }, 0.7500001, 'fail', { value: 0.75, tolerance: 0 }],
  ['eq', { reference: 'ref.neg', relative: 0.5 }, -1.125, 'pass', { value: -0.75, tolerance: 0.375 }],
  ['not_eq', { reference: 'ref.zero', absolute: 0.25 }, 0.5, 'pass', { value: 0, tolerance: 0.25 }],
  ['not_eq', { reference: 'ref.zero', absolute: 0.25 }, -0.25, 'fail', { value: 0, tolerance: 0.25 }],
  // ordering with numbers, at the boundary
  ['gt', 0.5, 0.75, 'pass', 0.5],
  ['gt', 0.5, 0.5, 'fail', 0.5],
  ['gte', 0.5, 0.5, 'pass', 0.5],
  ['gte', 0.5, 0.25, 'fail', 0.5],
  ['lt', 0.5, 0.25, 'pass', 0.5],
  ['lt', 0.5, 0.5, 'fail', 0.5],
  ['lte', 0.5, 0.5, 'pass', 0.5],
  ['lte', 0.5, 0.75, 'fail', 0.5],
  ['lt', 0, Number.NEGATIVE_INFINITY, 'pass', 0],
  // ordering with a reference: bound = ref + |ref|·relative + absolute
  ['gte', { reference: 'ref.pos', relative: -0.5 }, 0.375, 'pass', 0.375],
  ['gte', { reference: 'ref.pos', relative: -0.5 }, 0.25, 'fail', 0.375],
  ['gt', { reference: 'ref.pos' }, 0.875, 'pass', 0.75],
  ['gt', { reference: 'ref.pos' }, 0.75, 'fail', 0.75],
  ['lte', { reference: 'ref.pos', relative: 0.5, absolute: 0.125 }, 1.25, 'pass', 1.25],
  ['lte', { reference: 'ref.pos', relative: 0.5, absolute: 0.125 }, 1.375, 'fail', 1.25],
  ['lt', { reference: 'ref.zero', absolute: 0.25 }, 0.125, 'pass', 0.25],
  // negative reference: relative −0.5 still loosens gte (bound −1.125, not ref × 0.5 = −0.375)
  ['gte', { reference: 'ref.neg', relative: -0.5 }, -1.125, 'pass', -1.125],
  ['gte', { reference: 'ref.neg', relative: -0.5 }, -1.25, 'fail', -1.125],
  ['lte', { reference: 'ref.neg', relative: 0.5 }, -0.375, 'pass', -0.375],
  ['lte', { reference: 'ref.neg', relative: 0.5 }, -0.25, 'fail', -0.375],
  // between, inclusive
  ['between', [0.25, 0.75], 0.25, 'pass', [0.25, 0.75]],
  ['between', [0.25, 0.75], 0.75, 'pass', [0.25, 0.75]],
  ['between', [0.25, 0.75], 0.875, 'fail', [0.25, 0.75]],
  ['between', [0.25, 0.75], 0.125, 'fail', [0.25, 0.75]],
  ['between', [1, 1], 1, 'pass', [1, 1]],
  // is_in / not_in, exact, mixed types
  ['is_in', [1, 'a', true], 1, 'pass', [1, 'a', true]],
  ['is_in', [1, 'a', true], 'a', 'pass', [1, 'a', true]],
  ['is_in', [1, 'a', true], true, 'pass', [1, 'a', true]],
  ['is_in', [1, 'a', true], 2, 'fail', [1, 'a', true]],
  ['is_in', ['ks', 'psi'], 'wasserstein', 'fail', ['ks', 'psi']],
  ['not_in', [1, 'a', true], 2, 'pass', [1, 'a', true]],
  ['not_in', [1, 'a', true], false, 'pass', [1, 'a', true]],
  ['not_in', [1, 'a', true], 'a', 'fail', [1, 'a', true]],
];

describe('evaluateTest: every condition × threshold form × status', () => {
  it.each(CASES)('%s %j with actual %j → %s', (condition, threshold, actual, expected, resolved) => {
    const critical = run(condition, threshold, actual, 'critical');
    expect(critical.status).toBe(expected);
    expect(critical.threshold).toEqual(resolved);
    expect(critical.actual).toBe(actual);
    expect(critical.severity).toBe('critical');
    const warning = run(condition, threshold, actual, 'warning');
    expect(warning.status).toBe(expected === 'pass' ? 'pass' : 'warning');
    expect(warning.message).toBe(critical.message);
  });

  it('covers every condition and every threshold form', () => {
    const conditions = new Set(CASES.map((c) => c[0]));
    expect([...conditions].sort()).toEqual([
      'between',
      'eq',
      'gt',
      'gte',
      'is_in',
      'lt',
      'lte',
      'not_eq',
      'not_in',
    ]);
    const forms = (t: Threshold) =>
      Array.isArray(t) ? 'list' : typeof t === 'object' ? Object.keys(t)[0] : typeof t;
    const pairs = new Set(CASES.map(([c, t, , s]) => `${c}/${forms(t)}/${s}`));
    for (const c of ['eq', 'not_eq'])
      for (const f of ['number', 'string', 'boolean', 'approx', 'reference'])
        expect(pairs.has(`${c}/${f}/pass`) || pairs.has(`${c}/${f}/fail`), `${c}/${f}`).toBe(true);
    for (const c of ['gt', 'gte', 'lt', 'lte'])
      for (const f of ['number', 'reference'])
        expect(pairs.has(`${c}/${f}/pass`) || pairs.has(`${c}/${f}/fail`), `${c}/${f}`).toBe(true);
    for (const c of ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_in', 'not_in', 'not_eq']) {
      expect(pairs.has(`${c}/${forms(CASES.find((x) => x[0] === c)![1])}/pass`), c).toBe(true);
      expect(
        [...pairs].some((p) => p.startsWith(`${c}/`) && p.endsWith('/fail')),
        c,
      ).toBe(true);
    }
  });

  it('explains what was compared, on pass and on failure', () => {
    expect(run('lt', 0.5, 0.25).message).toBe('actual 0.25 < 0.5');
    expect(run('lt', 0.5, 0.75).message).toBe('actual 0.75, expected < 0.5');
    expect(run('eq', 'ks', 'psi').message).toBe('actual "psi", expected = "ks"');
    expect(run('eq', { approx: { value: 1, relative: 0.25 } }, 2).message).toBe(
      'actual 2, expected = 1 ± 0.25',
    );
    expect(run('gte', { reference: 'ref.pos', relative: -0.5 }, 0.25).message).toBe(
      'actual 0.25, expected >= 0.375 (ref.pos = 0.75, relative -0.5)',
    );
    expect(run('lte', { reference: 'ref.pos', absolute: 0.125 }, 0.5).message).toBe(
      'actual 0.5 <= 0.875 (ref.pos = 0.75, absolute 0.125)',
    );
    expect(run('eq', { reference: 'ref.pos' }, 0.75).message).toBe('actual 0.75 = 0.75 (ref.pos = 0.75)');
    expect(run('between', [0.25, 0.75], 1).message).toBe('actual 1, expected in [0.25, 0.75]');
    expect(run('not_in', ['a', 2, false], 'a').message).toBe('actual "a", expected not in ["a", 2, false]');
    expect(run('gte', { reference: 'ref.pos', relative: -0.04 }, 0.5).threshold).toBeCloseTo(0.72, 15);
    expect(run('gte', { reference: 'ref.pos', relative: -0.04 }, 0.5).message).toContain('expected >= 0.72 ');
  });

  it('returns frozen outcomes', () => {
    const outcome = run('eq', { approx: { value: 1 } }, 1);
    expect(Object.isFrozen(outcome)).toBe(true);
    expect(Object.isFrozen(outcome.threshold)).toBe(true);
  });
});

describe('evaluateTest: errors', () => {
  const error = (
    condition: Condition,
    threshold: Threshold,
    actual: unknown,
    severity: Severity = 'critical',
  ) => {
    const outcome = run(condition, threshold, actual, severity);
    expect(outcome.status).toBe('error');
    return outcome;
  };

  it('is an error, naming the missing segment, when the metric path does not exist', () => {
    const result = { quality: { current: { columns: { age: { missingShare: 0 } } } } };
    const test: SuiteTest = {
      name: 'agee',
      metric: 'quality.current.columns.agee.missingShare',
      condition: 'eq',
      threshold: 0,
      severity: 'warning',
    };
    expect(evaluateTest(test, result)).toEqual({
      name: 'agee',
      metric: 'quality.current.columns.agee.missingShare',
      condition: 'eq',
      threshold: null,
      actual: null,
      status: 'error',
      severity: 'warning',
      message:
        'cannot read quality.current.columns.agee.missingShare: no key "agee" in quality.current.columns (did you mean "age"?)',
    });
  });

  it('is an error when the value is not of the type the condition needs', () => {
    expect(error('lt', 0.5, null).message).toBe('m.x is null, expected a number');
    expect(error('lt', 0.5, Number.NaN).message).toBe('m.x is NaN, expected a number');
    expect(error('lt', 0.5, '0.4').message).toBe('m.x is a string ("0.4"), expected a number');
    expect(error('gte', 0, true).message).toBe('m.x is a boolean (true), expected a number');
    expect(error('between', [0, 1], { a: 1 }).message).toBe('m.x is an object, expected a number');
    expect(error('eq', 0, [1, 2]).message).toBe('m.x is a list of 2, expected a number');
    expect(error('eq', 'ks', 3).message).toBe('m.x is a number (3), expected a string');
    expect(error('eq', false, 0).message).toBe('m.x is a number (0), expected a boolean');
    expect(error('eq', { approx: { value: 1 } }, 'x').message).toBe(
      'm.x is a string ("x"), expected a number',
    );
    expect(error('is_in', [1, 2], 'a').message).toBe('m.x is a string ("a"), expected a number');
    expect(error('not_in', [1, 'b'], null).message).toBe('m.x is null, expected a number or a string');
  });

  it('keeps a scalar actual value and the resolved threshold on type errors', () => {
    const outcome = error('lt', 0.5, 'high');
    expect(outcome.actual).toBe('high');
    expect(outcome.threshold).toBe(0.5);
    expect(error('lt', 0.5, Number.NaN).actual).toBeNull();
  });

  it('is an error when the reference is missing or not a number', () => {
    expect(error('gte', { reference: 'ref.poss' }, 1).message).toBe(
      'cannot read the reference ref.poss: no key "poss" in ref (did you mean "pos"?)',
    );
    expect(error('eq', { reference: 'ref.nil', relative: 0.1 }, 1).message).toBe(
      'the reference ref.nil is null, expected a number',
    );
    expect(error('lt', { reference: 'ref.text' }, 1).message).toBe(
      'the reference ref.text is a string ("ks"), expected a number',
    );
    expect(error('lt', { reference: 'ref.list' }, 1).message).toBe(
      'the reference ref.list is a list of 2, expected a number',
    );
    expect(error('lt', { reference: 'ref.list' }, 1).actual).toBe(1);
  });

  it('is an error for a condition/threshold pair that the schema would reject (suites built in code)', () => {
    expect(error('gt', { approx: { value: 1 } }, 1).message).toBe(
      'invalid threshold: approx applies to eq and not_eq only; for gt give the bound as a number or use { reference: <path>, relative, absolute }',
    );
    expect(error('between', 1, 1).message).toBe(
      'invalid threshold: between needs [low, high] (two numbers), got 1',
    );
    expect(error('is_in', [], 1).message).toBe('invalid threshold: the list must not be empty');
    expect(error('eq', { approx: { value: 1, relative: -1 } }, 1).message).toBe(
      'invalid threshold (approx.relative): must be >= 0, got -1',
    );
    expect(error('between', [1, 0], 1, 'warning').severity).toBe('warning');
    const bad = {
      name: 'x',
      metric: 'm.x',
      condition: 'less' as Condition,
      threshold: 1,
      severity: 'critical' as const,
    };
    expect(evaluateTest(bad, resultWith(1)).message).toBe('unknown condition "less"');
    const badPath: SuiteTest = {
      name: 'x',
      metric: 'm..x',
      condition: 'lt',
      threshold: 1,
      severity: 'critical',
    };
    expect(evaluateTest(badPath, resultWith(1)).message).toBe(
      'cannot read m..x: invalid path: empty segment ("..", or a leading ".") at character 3 of "m..x"',
    );
  });
});

describe('evaluateSuite', () => {
  const EXAMPLE = readFileSync(new URL('../../fixtures/suite/example.yaml', import.meta.url), 'utf8');
  const suite = parseSuiteText(EXAMPLE, 'example.yaml');

  /** A hand-built result with just what the example reads. */
  const result = (share: number, ageMissing: number | undefined, f1: number, f1Reference: number) => ({
    drift: { share, driftShare: 0.5 },
    quality: {
      reference: { columns: { age: { missingShare: 0 } }, metrics: { f1: f1Reference } },
      current: {
        columns: ageMissing === undefined ? {} : { age: { missingShare: ageMissing } },
        metrics: { f1 },
      },
    },
  });

  const statuses = (r: ReturnType<typeof evaluateSuite>): TestStatus[] => r.tests.map((t) => t.status);

  it("evaluates the issue's example suite as written: all pass", () => {
    const r = evaluateSuite(suite, result(0.25, 0, 0.75, 0.8));
    expect(r.tests).toEqual([
      {
        name: 'few drifted columns',
        metric: 'drift.share',
        condition: 'lt',
        threshold: 0.5,
        actual: 0.25,
        status: 'pass',
        severity: 'critical',
        message: 'actual 0.25 < 0.5',
      },
      {
        name: 'age has no missing values',
        metric: 'quality.current.columns.age.missingShare',
        condition: 'eq',
        threshold: 0,
        actual: 0,
        status: 'pass',
        severity: 'warning',
        message: 'actual 0 = 0',
      },
      {
        name: 'F1 no more than 10% below reference',
        metric: 'quality.current.metrics.f1',
        condition: 'gte',
        threshold: 0.8 * 0.9,
        actual: 0.75,
        status: 'pass',
        severity: 'critical',
        message: 'actual 0.75 >= 0.72 (quality.reference.metrics.f1 = 0.8, relative -0.1)',
      },
    ]);
    expect(r.summary).toEqual({ total: 3, passed: 3, failed: 0, warnings: 0, errors: 0, ok: true });
  });

  it('F1 more than 10% below reference fails the run; missing values in age only warn', () => {
    const r = evaluateSuite(suite, result(0.25, 0.01, 0.7, 0.8));
    expect(statuses(r)).toEqual(['pass', 'warning', 'fail']);
    expect(r.tests[2]!.message).toBe(
      'actual 0.7, expected >= 0.72 (quality.reference.metrics.f1 = 0.8, relative -0.1)',
    );
    expect(r.summary).toEqual({ total: 3, passed: 1, failed: 1, warnings: 1, errors: 0, ok: false });
  });

  it('a warning alone keeps the run ok; drift share at the threshold fails it', () => {
    expect(evaluateSuite(suite, result(0.25, 0.5, 0.9, 0.8)).summary.ok).toBe(true);
    const r = evaluateSuite(suite, result(0.5, 0, 0.9, 0.8));
    expect(statuses(r)).toEqual(['fail', 'pass', 'pass']);
    expect(r.summary.ok).toBe(false);
  });

  it('a missing metric is an error: it fails the run when critical, not when a warning', () => {
    const noAge = evaluateSuite(suite, result(0.25, undefined, 0.9, 0.8));
    expect(statuses(noAge)).toEqual(['pass', 'error', 'pass']);
    expect(noAge.tests[1]!.message).toBe(
      'cannot read quality.current.columns.age.missingShare: no key "age" in quality.current.columns (it is empty)',
    );
    expect(noAge.summary).toEqual({ total: 3, passed: 2, failed: 0, warnings: 0, errors: 1, ok: true });
    const noMetrics = evaluateSuite(suite, {
      drift: { share: 0.1 },
      quality: { current: { columns: { age: { missingShare: 0 } } } },
    });
    expect(statuses(noMetrics)).toEqual(['pass', 'pass', 'error']);
    expect(noMetrics.tests[2]!.message).toBe(
      'cannot read quality.current.metrics.f1: no key "metrics" in quality.current (keys: columns)',
    );
    expect(noMetrics.summary).toEqual({ total: 3, passed: 2, failed: 0, warnings: 0, errors: 1, ok: false });
    const noReference = evaluateSuite(suite, result(0.25, 0, 0.9, 0.8) as never);
    expect(noReference.summary.ok).toBe(true);
  });

  it('evaluates on the sample report result (test/fixtures/suite/result.json)', () => {
    const sample = JSON.parse(
      readFileSync(new URL('../../fixtures/suite/result.json', import.meta.url), 'utf8'),
    );
    const allForms = parseSuiteText(
      readFileSync(new URL('../../fixtures/suite/all-forms.yml', import.meta.url), 'utf8'),
      'all-forms.yml',
    );
    const r = evaluateSuite(allForms, sample);
    expect(r.tests.map((t) => [t.name, t.status, t.actual, t.threshold])).toEqual([
      ['dataset not drifted', 'pass', false, false],
      ['method of the first column', 'pass', 'ks', ['ks', 'psi', 'wasserstein']],
      ['age p-value', 'pass', 0.3124876512, [0.05, 1]],
      ['rows', 'pass', 5000, { value: 0, tolerance: 0.5 }],
      ['few violations', 'pass', 3, [10, 20]],
      ['income mean close to reference', 'pass', 75110.9, { value: 60012.25, tolerance: 60012.25 * 0.3 }],
    ]);
    const r2 = evaluateSuite(parseSuiteText(EXAMPLE, 'example.yaml'), sample);
    expect(statuses(r2)).toEqual(['pass', 'warning', 'error']);
    expect(r2.tests[1]!.message).toBe('actual 0.002, expected = 0');
    expect(r2.tests[2]!.message).toBe(
      'cannot read quality.current.metrics.f1: no key "metrics" in quality.current (keys: columns, dataset)',
    );
    expect(r2.summary.ok).toBe(false);
  });

  it('returns a frozen result and handles an empty suite', () => {
    const r = evaluateSuite(suite, result(0.25, 0, 0.75, 0.8));
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.tests)).toBe(true);
    expect(Object.isFrozen(r.summary)).toBe(true);
    const empty: Suite = { tests: [] };
    expect(evaluateSuite(empty, {}).summary).toEqual({
      total: 0,
      passed: 0,
      failed: 0,
      warnings: 0,
      errors: 0,
      ok: true,
    });
  });
});

describe('formatNumber', () => {
  it('hides float noise but keeps real differences', () => {
    expect(formatNumber(0.8 * 0.9)).toBe('0.72');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(0.4999999)).toBe('0.4999999');
    expect(formatNumber(5000)).toBe('5000');
    expect(formatNumber(1e-13)).toBe('1e-13');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
