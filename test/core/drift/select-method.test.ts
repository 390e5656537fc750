import { describe, expect, it } from 'vitest';
import { isDrifted, METHOD_IDS, METHOD_SPECS } from '../../../src/core/drift/method-spec.ts';
import { benjaminiHochberg, bonferroni } from '../../../src/core/drift/multiple-testing.ts';
import { selectDefaultMethod } from '../../../src/core/drift/select-method.ts';

describe("Evidently's auto-selection (registry.py::_get_default_stattest)", () => {
  it.each([
    ['num', 1000, 2, 'z'],
    ['num', 1000, 3, 'chisquare'],
    ['num', 1000, 5, 'chisquare'],
    ['num', 1000, 6, 'ks'],
    ['cat', 1000, 2, 'z'],
    ['cat', 1000, 3, 'chisquare'],
    ['cat', 1000, 500, 'chisquare'],
    ['num', 1001, 2, 'jensenshannon'],
    ['num', 1001, 5, 'jensenshannon'],
    ['num', 1001, 6, 'wasserstein'],
    ['cat', 1001, 2, 'jensenshannon'],
    ['cat', 100000, 50, 'jensenshannon'],
  ] as const)('%s column, %i reference rows, %i distinct values → %s', (type, rows, distinct, expected) => {
    expect(selectDefaultMethod(type, rows, distinct)).toBe(expected);
  });
});

describe('method specs follow Evidently', () => {
  it('uses Evidently default thresholds and operators', () => {
    const table = Object.fromEntries(
      METHOD_IDS.map((id) => [id, `${METHOD_SPECS[id].operator} ${METHOD_SPECS[id].defaultThreshold}`]),
    );
    expect(table).toMatchInlineSnapshot(`
      {
        "TVD": "< 0.1",
        "anderson": "< 0.1",
        "chisquare": "< 0.05",
        "cramer_von_mises": "<= 0.1",
        "ed": "> 0.1",
        "empirical_mmd": "< 0.1",
        "es": "< 0.05",
        "fisher_exact": "< 0.1",
        "g_test": "< 0.1",
        "hellinger": ">= 0.1",
        "jensenshannon": ">= 0.1",
        "kl_div": ">= 0.1",
        "ks": "<= 0.05",
        "linf": ">= 0.1",
        "mannw": "< 0.05",
        "psi": ">= 0.1",
        "t_test": "< 0.05",
        "wasserstein": ">= 0.1",
        "z": "< 0.05",
      }
    `);
  });
  it('applies the operators at the boundary', () => {
    expect(isDrifted(0.05, 0.05, '<=')).toBe(true);
    expect(isDrifted(0.05, 0.05, '<')).toBe(false);
    expect(isDrifted(0.1, 0.1, '>=')).toBe(true);
    expect(isDrifted(0.1, 0.1, '>')).toBe(false);
  });
});

describe('multiple-testing corrections', () => {
  const p = [0.01, 0.04, 0.03, 0.2, 0.005];
  it('Bonferroni multiplies by m and caps at 1', () => {
    const adjusted = bonferroni(p);
    for (const [i, e] of [0.05, 0.2, 0.15, 1, 0.025].entries()) expect(adjusted[i]).toBeCloseTo(e, 15);
  });
  it('Benjamini–Hochberg equals R p.adjust(c(.01,.04,.03,.2,.005), "BH")', () => {
    // R 4.x: 0.02500000 0.05000000 0.05000000 0.20000000 0.02500000
    const adjusted = benjaminiHochberg(p);
    for (const [i, e] of [0.025, 0.05, 0.05, 0.2, 0.025].entries()) expect(adjusted[i]).toBeCloseTo(e, 15);
  });
  it('handles an empty list', () => {
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
