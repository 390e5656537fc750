import { describe, expect, it } from 'vitest';
import {
  binnedProportions,
  fillZerosInPlace,
  quantileEdges,
} from '../../../src/core/drift/binned-proportions.ts';
import { hellingerDrift } from '../../../src/core/drift/hellinger-drift.ts';
import { histogramCounts, sturgesEdges } from '../../../src/core/drift/numpy-histogram.ts';
import { jensenShannonDistance } from '../../../src/core/stats/jensen-shannon.ts';
import { klDivergence } from '../../../src/core/stats/kl-divergence.ts';
import { psi } from '../../../src/core/stats/psi.ts';
import { quantileSorted } from '../../../src/core/stats/quantile.ts';
import oracle from '../../fixtures/drift/oracle.json' with { type: 'json' };
import vectors from '../../fixtures/evidently/evidently_test_vectors.json' with { type: 'json' };
import { inputFrom, relErr } from '../../helpers/drift-input.ts';

type Vector = (typeof vectors.vectors)[number];

function metric(
  name: string,
  v: { reference: (number | string)[]; current: (number | string)[] },
  kind: 'num' | 'cat',
  integer = false,
) {
  const input = inputFrom(v.reference, v.current, kind, integer);
  switch (name) {
    case 'psi': {
      const p = binnedProportions(input, true);
      return psi(p.ref, p.cur);
    }
    case 'kl_div': {
      const p = binnedProportions(input, true);
      return klDivergence(p.ref, p.cur);
    }
    case 'jensenshannon': {
      const p = binnedProportions(input, false);
      return jensenShannonDistance(p.ref, p.cur);
    }
    case 'hellinger':
      return hellingerDrift(input);
    default:
      throw new Error(name);
  }
}

describe('binned drift metrics match Evidently (vectors from Evidently 0.7.21 itself)', () => {
  const binned = vectors.vectors.filter((v: Vector) =>
    ['psi', 'kl_div', 'jensenshannon', 'hellinger'].includes(v.stattest),
  );
  it('covers the vectors', () => expect(binned.length).toBe(9));
  for (const v of binned) {
    it(`${v.stattest} ${v.column_type} n=${v.reference.length}/${v.current.length} → ${v.evidently_score}`, () => {
      const actual = metric(
        v.stattest,
        v as { reference: (number | string)[]; current: (number | string)[] },
        v.column_type as 'num' | 'cat',
      );
      expect(relErr(actual, v.evidently_score)).toBeLessThan(1e-12);
      expect(actual >= v.threshold).toBe(v.evidently_drifted);
    });
  }
});

describe('binned drift metrics match a numpy re-implementation of Evidently', () => {
  for (const c of oracle.cases) {
    for (const name of ['psi', 'kl_div', 'jensenshannon', 'hellinger'] as const) {
      it(`${c.name}: ${name}`, () => {
        const actual = metric(name, c, c.kind as 'num' | 'cat', c.integer);
        expect(relErr(actual, c.expected[name])).toBeLessThan(1e-10);
      });
    }
  }
});

describe('numpy histogram helpers', () => {
  for (const s of oracle.sturges) {
    it(`sturges edges n=${s.n} [${s.min}, ${s.max}] integer=${s.integer} → ${s.edges.length - 1} bins`, () => {
      const edges = sturgesEdges(s.min, s.max, s.n, s.integer);
      expect([...edges]).toEqual(s.edges);
    });
  }

  it('gives 16 bins, not 15, for N = 16384 where numpy rounds up (drift-methods.md §1.6)', () => {
    expect(sturgesEdges(0, 1.1, 16384, false).length - 1).toBe(16);
    expect(sturgesEdges(0, 1, 16384, false).length - 1).toBe(15);
  });

  it('counts with half-open bins and a closed last bin, ignoring values outside', () => {
    const sorted = Float64Array.from([-1, 0, 0.5, 1, 1, 2, 3, 3, 4]);
    expect([...histogramCounts(sorted, Float64Array.from([0, 1, 2, 3]))]).toEqual([2, 2, 3]);
  });

  for (const q of oracle.quantiles) {
    it(`quantile 'linear' n=${q.values.length}`, () => {
      const sorted = Float64Array.from(q.values);
      for (const [i, p] of q.q.entries()) expect(quantileSorted(sorted, p)).toBe(q.expected[i]);
    });
  }
});

describe('zero filling (Evidently feel_zeroes)', () => {
  it('uses 1e-4 when the smallest non-zero share is above 1e-4', () => {
    const p = Float64Array.from([0.5, 0, 0.5]);
    fillZerosInPlace(p);
    expect([...p]).toEqual([0.5, 1e-4, 0.5]);
  });
  it('uses min/1e6 when the smallest non-zero share is ≤ 1e-4, without renormalising', () => {
    const p = Float64Array.from([0.99995, 0, 0.00005]);
    fillZerosInPlace(p);
    expect(p[1]).toBe(0.00005 / 1e6);
    expect(p[0]).toBe(0.99995);
  });
});

describe('quantile binning (opt-in, honours bins)', () => {
  it('puts about 1/bins of the reference in each bin and catches out-of-range current values', () => {
    const ref = Array.from({ length: 1000 }, (_, i) => i);
    const cur = Array.from({ length: 1000 }, (_, i) => i + 500);
    const input = inputFrom(ref, cur, 'num');
    const p = binnedProportions(input, false, { binning: 'quantile', bins: 10 });
    expect(p.ref.length).toBe(10);
    for (const share of p.ref) expect(share).toBeCloseTo(0.1, 2);
    // current 500..1499: the open last bin [q90 = 899.1, ∞) holds 1499 − 899 = 600 values.
    expect(p.cur[9]).toBe(0.6);
    // Constant reference: duplicate quantiles collapse to one inner edge, i.e. two bins.
    expect([...quantileEdges(Float64Array.from([1, 1, 1, 1]), 4)]).toEqual([
      Number.NEGATIVE_INFINITY,
      1,
      Number.POSITIVE_INFINITY,
    ]);
  });
});
