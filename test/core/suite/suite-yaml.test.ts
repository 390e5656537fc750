import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { joinPath } from '../../../src/core/suite/metric-path.ts';
import { parseSuite } from '../../../src/core/suite/suite-schema.ts';
import type { Condition, Suite, SuiteTest, Threshold } from '../../../src/core/suite/suite-types.ts';
import { suiteToYaml } from '../../../src/core/suite/suite-yaml.ts';
import { parseSuiteText } from '../../../src/readers/suite-file.ts';

const roundTrip = (suite: Suite) => parseSuite(parse(suiteToYaml(suite)));

describe('suiteToYaml', () => {
  it("prints the issue's example readably (flow-style thresholds, blank lines, severity spelled out)", () => {
    const example = parseSuiteText(
      readFileSync(new URL('../../fixtures/suite/example.yaml', import.meta.url), 'utf8'),
      'example.yaml',
    );
    expect(suiteToYaml(example, { header: '' })).toBe(
      [
        'tests:',
        '  - name: few drifted columns',
        '    metric: drift.share',
        '    condition: lt',
        '    threshold: 0.5',
        '    severity: critical',
        '',
        '  - name: age has no missing values',
        '    metric: quality.current.columns.age.missingShare',
        '    condition: eq',
        '    threshold: 0',
        '    severity: warning',
        '',
        '  - name: F1 no more than 10% below reference',
        '    metric: quality.current.metrics.f1',
        '    condition: gte',
        '    threshold: { reference: quality.reference.metrics.f1, relative: -0.1 }',
        '    severity: critical',
        '',
      ].join('\n'),
    );
    expect(roundTrip(example)).toEqual(example);
  });

  it('starts with a comment header by default, or a custom one', () => {
    const suite: Suite = {
      tests: [{ name: 'a', metric: 'drift.share', condition: 'lt', threshold: 0.5, severity: 'critical' }],
    };
    const text = suiteToYaml(suite);
    expect(text.startsWith('# driftwatch test suite.')).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(4);
    expect(suiteToYaml(suite, { header: 'pinned 2026-04-12\n\nby CI' }).split('\n').slice(0, 4)).toEqual([
      '# pinned 2026-04-12',
      '#',
      '# by CI',
      'tests:',
    ]);
    expect(roundTrip(suite)).toEqual(suite);
  });

  it('quotes what YAML would otherwise read differently', () => {
    const suite: Suite = {
      tests: [
        { name: 'true', metric: 'a', condition: 'eq', threshold: 'true', severity: 'critical' },
        { name: '0.5', metric: 'b', condition: 'eq', threshold: '0.5', severity: 'warning' },
        {
          name: 'x: y # z',
          metric: 'quality.current.columns."a.b: c"[column="#x"].m',
          condition: 'is_in',
          threshold: ['null', 'yes', '', 1, false],
          severity: 'critical',
        },
        {
          name: 'it\'s "quoted"\nand multi-line',
          metric: 'c',
          condition: 'between',
          threshold: [-1e-300, 1e300],
          severity: 'critical',
        },
        {
          name: '- dash',
          metric: 'd',
          condition: 'eq',
          threshold: { approx: { value: 0.1, relative: 1e-9, absolute: 0 } },
          severity: 'warning',
        },
        {
          name: '[x]',
          metric: 'e',
          condition: 'not_eq',
          threshold: { reference: 'f["g.h"]', relative: -0.25, absolute: 5e-324 },
          severity: 'critical',
        },
      ],
    };
    expect(roundTrip(suite)).toEqual(suite);
  });

  it('round-trips any valid suite (property)', () => {
    const key = fc.string({ unit: 'binary', maxLength: 8 });
    const metric = fc.array(key, { minLength: 1, maxLength: 4 }).map((keys) => joinPath(...keys));
    const num = fc.double({ noNaN: true, noDefaultInfinity: true });
    const nonNeg = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true });
    const scalar = fc.oneof(num, fc.string({ unit: 'binary', maxLength: 10 }), fc.boolean());
    const reference = fc.record(
      { reference: metric, relative: num, absolute: num },
      { requiredKeys: ['reference'] },
    );
    const approx = fc.record({
      approx: fc.record({ value: num, relative: nonNeg, absolute: nonNeg }, { requiredKeys: ['value'] }),
    });
    const pair = fc.tuple(num, num).map(([a, b]): readonly [number, number] => (a <= b ? [a, b] : [b, a]));
    const conditionAndThreshold: fc.Arbitrary<[Condition, Threshold]> = fc.oneof(
      fc.tuple(fc.constantFrom<Condition>('eq', 'not_eq'), fc.oneof(scalar, approx, reference)),
      fc.tuple(fc.constantFrom<Condition>('gt', 'gte', 'lt', 'lte'), fc.oneof(num, reference)),
      fc.tuple(fc.constant<Condition>('between'), pair),
      fc.tuple(
        fc.constantFrom<Condition>('is_in', 'not_in'),
        fc.array(scalar, { minLength: 1, maxLength: 4 }),
      ),
    );
    const test = fc
      .record({
        name: fc
          .string({ unit: 'binary', minLength: 1, maxLength: 20 })
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        metric,
        ct: conditionAndThreshold,
        severity: fc.constantFrom('critical' as const, 'warning' as const),
      })
      .map(
        ({ name, metric, ct, severity }): SuiteTest => ({
          name,
          metric,
          condition: ct[0],
          threshold: ct[1],
          severity,
        }),
      );
    const suite = fc
      .uniqueArray(test, { minLength: 1, maxLength: 5, selector: (t) => t.name })
      .map((tests) => ({ tests }));
    fc.assert(
      fc.property(suite, (s) => {
        const parsed = parseSuite(s);
        expect(roundTrip(parsed)).toEqual(parsed);
      }),
      { numRuns: 300 },
    );
  });
});
