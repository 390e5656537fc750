import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { parseSuite } from '../../../src/core/suite/suite-schema.ts';

/** `CODE: message` of the error parsing `input` throws. */
function errorOf(input: unknown): string {
  try {
    parseSuite(input, { source: 's.yaml' });
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    return `${err.code}: ${err.message}`;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

/** The error for a suite holding one test with `fields` over a valid base. */
function testError(fields: Record<string, unknown>): string {
  const base = { name: 't', metric: 'drift.share', condition: 'lt', threshold: 0.5 };
  return errorOf({ tests: [{ ...base, ...fields }] }).replace(
    /^DW_SUITE_INVALID: s\.yaml: tests\[0\]\.?/,
    '',
  );
}

describe('parseSuite', () => {
  it("accepts the issue's example and defaults severity to critical", () => {
    const suite = parseSuite({
      tests: [
        {
          name: 'few drifted columns',
          metric: 'drift.share',
          condition: 'lt',
          threshold: 0.5,
          severity: 'critical',
        },
        {
          name: 'F1 no more than 10% below reference',
          metric: 'quality.current.metrics.f1',
          condition: 'gte',
          threshold: { reference: 'quality.reference.metrics.f1', relative: -0.1 },
        },
      ],
    });
    expect(suite.tests[1]).toEqual({
      name: 'F1 no more than 10% below reference',
      metric: 'quality.current.metrics.f1',
      condition: 'gte',
      threshold: { reference: 'quality.reference.metrics.f1', relative: -0.1 },
      severity: 'critical',
    });
    expect(Object.isFrozen(suite)).toBe(true);
    expect(Object.isFrozen(suite.tests)).toBe(true);
    expect(Object.isFrozen(suite.tests[0])).toBe(true);
  });

  it('accepts every threshold form with its conditions', () => {
    const ok = (condition: string, threshold: unknown) =>
      parseSuite({ tests: [{ name: 't', metric: 'a.b', condition, threshold }] }).tests[0]!.threshold;
    for (const c of ['eq', 'not_eq']) {
      expect(ok(c, 1)).toBe(1);
      expect(ok(c, 'ks')).toBe('ks');
      expect(ok(c, false)).toBe(false);
      expect(ok(c, { approx: { value: 1 } })).toEqual({ approx: { value: 1 } });
      expect(ok(c, { approx: { value: 1, relative: 0.1, absolute: 0 } })).toEqual({
        approx: { value: 1, relative: 0.1, absolute: 0 },
      });
      expect(ok(c, { reference: 'x.y', relative: -0.2, absolute: -1 })).toEqual({
        reference: 'x.y',
        relative: -0.2,
        absolute: -1,
      });
    }
    for (const c of ['gt', 'gte', 'lt', 'lte']) {
      expect(ok(c, -3)).toBe(-3);
      expect(ok(c, { reference: 'x[column=a].y' })).toEqual({ reference: 'x[column=a].y' });
    }
    expect(ok('between', [0, 1])).toEqual([0, 1]);
    expect(ok('between', [1, 1])).toEqual([1, 1]);
    expect(ok('is_in', ['ks', 1, true])).toEqual(['ks', 1, true]);
    expect(ok('not_in', [0])).toEqual([0]);
  });

  it('trims test names', () => {
    expect(
      parseSuite({ tests: [{ name: '  t ', metric: 'a', condition: 'eq', threshold: 1 }] }).tests[0]!.name,
    ).toBe('t');
  });

  it('rejects empty and non-mapping documents', () => {
    expect(errorOf(null)).toBe(
      'DW_SUITE_INVALID: s.yaml: the suite is empty; expected a mapping with "tests"',
    );
    expect(errorOf([{ name: 'a' }])).toBe(
      'DW_SUITE_INVALID: s.yaml: expected a mapping with "tests", got a list (put the tests under "tests:")',
    );
    expect(errorOf('tests')).toBe('DW_SUITE_INVALID: s.yaml: expected object, got string');
    expect(errorOf({})).toBe('DW_SUITE_INVALID: s.yaml: tests: required');
    expect(errorOf({ tests: [] })).toBe('DW_SUITE_INVALID: s.yaml: tests: must not be empty');
    expect(errorOf({ tests: ['a'] })).toBe('DW_SUITE_INVALID: s.yaml: tests[0]: expected object, got string');
  });

  it('suggests the key meant by a typo', () => {
    expect(errorOf({ test: [] })).toBe(
      'DW_SUITE_INVALID: s.yaml: unknown key "test" (did you mean "tests"?); tests: required',
    );
    expect(testError({ treshold: 1, threshold: undefined })).toBe(
      ': unknown key "treshold" (did you mean "threshold"?); tests[0].threshold: required',
    );
    expect(testError({ severty: 'warning' })).toBe(': unknown key "severty" (did you mean "severity"?)');
    expect(testError({ description: 'x' })).toBe(
      ': unknown key "description" (allowed keys: name, metric, condition, threshold, severity)',
    );
  });

  it('suggests the condition or severity meant', () => {
    expect(testError({ condition: 'lessthan' })).toBe(
      'condition: expected one of eq, not_eq, gt, gte, lt, lte, between, is_in, not_in, got "lessthan" (did you mean "lt"?)',
    );
    expect(testError({ condition: 'ge' })).toContain('got "ge" (did you mean "gte"?)');
    expect(testError({ condition: '<=' })).toContain('got "<=" (did you mean "lte"?)');
    expect(testError({ condition: 'neq' })).toContain('got "neq" (did you mean "not_eq"?)');
    expect(testError({ condition: 'btween' })).toContain('got "btween" (did you mean "between"?)');
    expect(testError({ condition: 'LT' })).toContain('got "LT" (did you mean "lt"?)');
    expect(testError({ condition: 'matches' })).toBe(
      'condition: expected one of eq, not_eq, gt, gte, lt, lte, between, is_in, not_in, got "matches"',
    );
    expect(testError({ severity: 'warn' })).toBe(
      'severity: expected one of critical, warning, got "warn" (did you mean "warning"?)',
    );
    expect(testError({ severity: 'Critical' })).toContain('(did you mean "critical"?)');
    expect(testError({ condition: undefined })).toBe(
      'condition: required (one of eq, not_eq, gt, gte, lt, lte, between, is_in, not_in)',
    );
  });

  it('checks names: present, not blank, unique', () => {
    expect(testError({ name: undefined })).toBe('name: required');
    expect(testError({ name: '  ' })).toBe('name: must not be empty');
    expect(testError({ name: 3 })).toBe('name: expected string, got number');
    const dup = { name: 'same', metric: 'a', condition: 'eq', threshold: 1 };
    expect(errorOf({ tests: [dup, { ...dup, name: 'other' }, dup] })).toBe(
      'DW_SUITE_INVALID: s.yaml: tests[2].name: "same" is also the name of tests[0]; names must be unique',
    );
  });

  it('checks the metric path syntax', () => {
    expect(testError({ metric: '' })).toBe('metric: the path is empty');
    expect(testError({ metric: 'drift..share' })).toBe(
      'metric: empty segment ("..", or a leading ".") at character 7 of "drift..share"',
    );
    expect(testError({ metric: 'drift.columns[column=age' })).toBe(
      'metric: unterminated "[" at character 25 of "drift.columns[column=age"',
    );
  });

  it('checks that the threshold form fits the condition', () => {
    expect(testError({ threshold: undefined })).toBe('threshold: required');
    expect(testError({ threshold: '0.5' })).toBe(
      'threshold: lt needs a number or { reference: <path>, relative, absolute }, got string "0.5"',
    );
    expect(testError({ threshold: [0, 1] })).toBe(
      'threshold: lt needs a number or { reference: … }, got a list (use between for [low, high])',
    );
    expect(testError({ threshold: null })).toBe(
      'threshold: lt needs a number or { reference: <path>, relative, absolute }, got null',
    );
    expect(testError({ threshold: { approx: { value: 0.5 } } })).toBe(
      'threshold: approx applies to eq and not_eq only; for lt give the bound as a number or use { reference: <path>, relative, absolute }',
    );
    expect(testError({ condition: 'eq', threshold: [1, 2] })).toBe(
      'threshold: eq compares with one value, got a list (use is_in for a list)',
    );
    expect(testError({ condition: 'not_eq', threshold: [1] })).toBe(
      'threshold: not_eq compares with one value, got a list (use not_in for a list)',
    );
    expect(testError({ condition: 'eq', threshold: null })).toBe(
      'threshold: eq needs a number, string, boolean, { approx: … } or { reference: … }, got null',
    );
    expect(testError({ condition: 'between', threshold: 0.5 })).toBe(
      'threshold: between needs [low, high] (two numbers), got 0.5',
    );
    expect(testError({ condition: 'between', threshold: [0, 1, 2] })).toBe(
      'threshold: between needs [low, high] (two numbers), got a list of 3',
    );
    expect(testError({ condition: 'between', threshold: [0, 'x'] })).toBe(
      'threshold[1]: expected a number, got string "x"',
    );
    expect(testError({ condition: 'between', threshold: [1, 0] })).toBe(
      'threshold: low (1) is greater than high (0)',
    );
    expect(testError({ condition: 'is_in', threshold: 'ks' })).toBe(
      'threshold: is_in needs a list of values, got string "ks" (write ["ks"])',
    );
    expect(testError({ condition: 'not_in', threshold: [] })).toBe('threshold: the list must not be empty');
    expect(testError({ condition: 'is_in', threshold: [1, null, { a: 1 }] })).toBe(
      'threshold[1]: expected a number, string or boolean, got null; tests[0].threshold[2]: expected a number, string or boolean, got an object',
    );
  });

  it('checks approx and reference objects', () => {
    const eq = (threshold: unknown) => testError({ condition: 'eq', threshold });
    expect(eq({ approx: { value: 1, relative: -0.1 } })).toBe(
      'threshold.approx.relative: must be >= 0, got -0.1',
    );
    expect(eq({ approx: { value: 1, absolute: 'x' } })).toBe(
      'threshold.approx.absolute: expected a number, got string "x"',
    );
    expect(eq({ approx: { relative: 0.1 } })).toBe('threshold.approx.value: required');
    expect(eq({ approx: { value: 1, rel: 0.1 } })).toBe(
      'threshold.approx: unknown key "rel" (allowed keys: value, relative, absolute)',
    );
    expect(eq({ approx: { value: 1, relativ: 0.1 } })).toBe(
      'threshold.approx: unknown key "relativ" (did you mean "relative"?)',
    );
    expect(eq({ approx: 1 })).toBe('threshold.approx: expected { value, relative, absolute }, got 1');
    expect(eq({ approx: { value: 1 }, relative: 0.1 })).toBe(
      'threshold: unknown key "relative" (allowed keys: approx)',
    );
    expect(eq({ reference: 'a..b' })).toBe(
      'threshold.reference: empty segment ("..", or a leading ".") at character 3 of "a..b"',
    );
    expect(eq({ reference: 3 })).toBe('threshold.reference: expected a metric path, got 3');
    expect(eq({ reference: 'a', relative: '10%' })).toBe(
      'threshold.relative: expected a number, got string "10%"',
    );
    expect(eq({ reference: 'a', relatve: 0.1 })).toBe(
      'threshold: unknown key "relatve" (did you mean "relative"?)',
    );
    expect(eq({ referense: 'a' })).toBe('threshold: unknown key "referense" (did you mean "reference"?)');
    expect(eq({ value: 1 })).toBe(
      'threshold: expected { approx: { value, relative, absolute } } or { reference: <path>, relative, absolute }, got an object with keys value',
    );
    expect(testError({ threshold: { aprox: { value: 1 } } })).toBe(
      'threshold: unknown key "aprox" (did you mean "approx"?)',
    );
    expect(testError({ threshold: {} })).toBe(
      'threshold: expected { reference: <path>, relative, absolute }, got an object with keys (none)',
    );
  });

  it('rejects non-finite numbers (YAML .inf / .nan)', () => {
    expect(testError({ threshold: Number.POSITIVE_INFINITY })).toBe(
      'threshold: must be finite, got Infinity',
    );
    expect(testError({ condition: 'eq', threshold: Number.NaN })).toBe('threshold: must be finite, got NaN');
    expect(testError({ condition: 'between', threshold: [0, Number.POSITIVE_INFINITY] })).toBe(
      'threshold[1]: must be finite, got Infinity',
    );
    expect(testError({ threshold: { reference: 'a', absolute: Number.NaN } })).toBe(
      'threshold.absolute: must be finite, got NaN',
    );
  });

  it('spells out at most five issues', () => {
    const bad = Array.from({ length: 7 }, (_, i) => ({
      name: `t${i}`,
      metric: 'a',
      condition: 'nope',
      threshold: 1,
    }));
    const message = errorOf({ tests: bad });
    expect(message.match(/tests\[\d\]\.condition/g)).toHaveLength(5);
    expect(message.endsWith('; and 2 more')).toBe(true);
  });

  it('defaults the source name to "suite"', () => {
    expect(() => parseSuite(null)).toThrow('suite: the suite is empty');
  });
});
