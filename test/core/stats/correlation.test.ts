import { describe, expect, it } from 'vitest';
import { pearson, spearman } from '../../../src/core/stats/correlation.ts';
import fixture from '../../fixtures/tests/correlation.json' with { type: 'json' };
import { relErr } from '../../helpers/drift-input.ts';

describe('pearson / spearman match scipy', () => {
  for (const c of fixture.cases) {
    it(`n=${c.x.length}`, () => {
      const x = Float64Array.from(c.x);
      const y = Float64Array.from(c.y);
      expect(relErr(pearson(x, y), c.pearson)).toBeLessThan(1e-12);
      expect(relErr(spearman(x, y), c.spearman)).toBeLessThan(1e-12);
    });
  }
  it('is NaN for constant or too short samples', () => {
    expect(pearson(Float64Array.of(1, 1, 1), Float64Array.of(1, 2, 3))).toBeNaN();
    expect(spearman(Float64Array.of(1), Float64Array.of(2))).toBeNaN();
  });
});
