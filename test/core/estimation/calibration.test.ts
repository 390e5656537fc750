import { describe, expect, it } from 'vitest';
import {
  binIndexEdges,
  expectedCalibrationError,
  needsCalibration,
} from '../../../src/core/estimation/index.ts';
import { expectClose, f64, oracle, rows } from './oracle.ts';

const fixture = oracle('calibration.json');

interface EceCase {
  y: number[];
  p: number[];
  edges: [number, number][];
  ece: number;
}

interface DecisionCase {
  name: string;
  y: number[];
  s: number[];
  needed: boolean;
  reason: string;
  eceBefore: number | null;
  eceAfter: number | null;
}

describe("NannyML's equal-count ECE bins", () => {
  it.each(
    rows<[number, number[][]]>(fixture.binEdges.map((c: { n: number; edges: number[][] }) => [c.n, c.edges])),
  )('%i rows as _get_bin_index_edges', (n, edges) => {
    expect(binIndexEdges(n, 10)).toEqual(edges);
  });

  it('has no bins below 4 rows (NannyML raises)', () => {
    expect(binIndexEdges(3, 10)).toBeNull();
  });
});

describe('expectedCalibrationError', () => {
  it.each(rows<[number, number, EceCase]>(fixture.ece.map((c: EceCase, i: number) => [i, c.y.length, c])))(
    'case %i (%i rows, tied scores, stable order) as the oracle',
    (_i, _n, c) => {
      expectClose(expectedCalibrationError(c.y, f64(c.p), c.edges), c.ece, 1e-14, 1e-17);
    },
  );
});

describe("needsCalibration = NannyML's needs_calibration (StratifiedShuffleSplit(10, 0.1, 42), ECE before/after)", () => {
  it.each(rows<[string, DecisionCase]>(fixture.decisions.map((c: DecisionCase) => [c.name, c])))(
    '%s',
    (_name, c) => {
      const result = needsCalibration(Uint8Array.from(c.y), f64(c.s));
      expect(result.needed).toBe(c.needed);
      expect(result.reason).toBe(c.reason);
      expectClose(result.eceBefore, c.eceBefore, 1e-13, 1e-17, 'ECE before');
      expectClose(result.eceAfter, c.eceAfter, 1e-13, 1e-17, 'ECE after');
    },
  );

  it('answers "no calibration" where NannyML cannot split', () => {
    expect(
      needsCalibration(Uint8Array.from([0, 1, 1, 0]), Float64Array.from([0.4, 0.2, 0.3, 0.1])).reason,
    ).toBe('too-few-rows');
  });
});
