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

describe('spearman with a 0/1 sample (rank-sum shortcut)', () => {
  it('equals Pearson of average ranks, ties included', async () => {
    const fc = (await import('fast-check')).default;
    const { averageRanks } = await import('../../../src/core/stats/rank.ts');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.boolean()), { minLength: 3, maxLength: 200 }),
        (pairs) => {
          const x = Float64Array.from(pairs, ([v]) => v / 2);
          const y = Float64Array.from(pairs, ([, b]) => (b ? 1 : 0));
          const generic = pearson(averageRanks(x), averageRanks(y));
          const fast = spearman(x, y);
          if (Number.isNaN(generic)) expect(fast).toBeNaN();
          else expect(Math.abs(fast - generic)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});
