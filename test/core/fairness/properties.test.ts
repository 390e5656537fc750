import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fairnessMetrics } from '../../../src/core/fairness/index.ts';

const table = fc.integer({ min: 1, max: 5 }).chain((k) =>
  fc.record({
    k: fc.constant(k),
    rows: fc.array(fc.tuple(fc.integer({ min: 0, max: k - 1 }), fc.boolean(), fc.boolean()), {
      minLength: 1,
      maxLength: 80,
    }),
  }),
);

function inputOf(k: number, rows: [number, boolean, boolean][]) {
  return {
    groups: Array.from({ length: k }, (_, i) => `g${i}`),
    groupCodes: Int32Array.from(rows, (r) => r[0]),
    target: Uint8Array.from(rows, (r) => Number(r[1])),
    prediction: Uint8Array.from(rows, (r) => Number(r[2])),
  };
}

describe('fairnessMetrics properties', () => {
  it('gaps are in [0, 1]; default DI equals the demographic parity ratio; four-fifths agrees with it', () => {
    fc.assert(
      fc.property(table, ({ k, rows }) => {
        const r = fairnessMetrics(inputOf(k, rows));
        const o = r.overall;
        expect(o.demographicParityDifference).toBeGreaterThanOrEqual(0);
        expect(o.demographicParityDifference).toBeLessThanOrEqual(1);
        if (o.comparedGroups.length >= 2 && !Number.isNaN(o.demographicParityRatio)) {
          expect(o.disparateImpact).toBeCloseTo(o.demographicParityRatio, 14);
          expect(o.fourFifthsRule.ratio).toBeCloseTo(o.demographicParityRatio, 14);
          expect(o.fourFifthsRule.passed).toBe(o.fourFifthsRule.ratio >= 0.8);
        }
        for (const g of r.groups) {
          if (g.rows === 0) continue;
          // Clarify DPPL = SR(rest) − SR(facet), AD = ACC(rest) − ACC(facet) when the rest is non-empty.
          if (g.clarify.error === null) {
            const rest = r.rows - g.rows;
            const restPos = Math.round(o.selectionRate * r.rows) - g.predictedPositives;
            expect(g.clarify.dppl).toBeCloseTo(restPos / rest - g.selectionRate, 12);
          }
          expect((g.tpr ?? 0) + (g.fnr ?? 0)).toSatisfy(
            (s: number) => Number.isNaN(s) || Math.abs(s - 1) < 1e-15,
          );
        }
      }),
    );
  });

  it('does not depend on row order', () => {
    fc.assert(
      fc.property(table, fc.integer(), ({ k, rows }, seed) => {
        const shuffled = [...rows].sort((a, b) => ((a[0] * 31 + seed) % 7) - ((b[0] * 31 + seed) % 7));
        expect(JSON.stringify(fairnessMetrics(inputOf(k, shuffled)))).toBe(
          JSON.stringify(fairnessMetrics(inputOf(k, rows))),
        );
      }),
    );
  });
});
