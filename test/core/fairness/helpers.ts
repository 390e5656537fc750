import { expect } from 'vitest';

/** Confusion counts of one group in a hand-made table. */
export interface Cell {
  readonly tp: number;
  readonly fn: number;
  readonly fp: number;
  readonly tn: number;
}

/**
 * Row-aligned arrays for groups given by their confusion counts. Rows are interleaved round-robin across
 * groups (not sorted by group) so that code relying on group order would fail.
 */
export function buildRows(cells: readonly Cell[]): {
  groupCodes: Int32Array;
  target: Uint8Array;
  prediction: Uint8Array;
} {
  const perGroup = cells.map((c) => {
    const rows: [number, number][] = [];
    for (let i = 0; i < c.tp; i++) rows.push([1, 1]);
    for (let i = 0; i < c.fn; i++) rows.push([1, 0]);
    for (let i = 0; i < c.fp; i++) rows.push([0, 1]);
    for (let i = 0; i < c.tn; i++) rows.push([0, 0]);
    return rows;
  });
  const codes: number[] = [];
  const t: number[] = [];
  const p: number[] = [];
  const longest = Math.max(0, ...perGroup.map((r) => r.length));
  for (let i = 0; i < longest; i++) {
    for (const [g, rows] of perGroup.entries()) {
      const row = rows[i];
      if (row === undefined) continue;
      codes.push(g);
      t.push(row[0]);
      p.push(row[1]);
    }
  }
  return { groupCodes: Int32Array.from(codes), target: Uint8Array.from(t), prediction: Uint8Array.from(p) };
}

/** |actual − expected| ≤ rtol·|expected| (exact for 0, ±∞ and NaN). */
export function expectRel(actual: number | null | undefined, expected: number, rtol = 1e-14): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  const a = actual as number;
  if (Number.isNaN(expected)) {
    expect(a).toBeNaN();
    return;
  }
  if (expected === 0 || !Number.isFinite(expected)) {
    expect(a).toBe(expected);
    return;
  }
  expect(Math.abs(a - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

/** JSON fixture number: NaN and ±Infinity are stored as strings. */
export function num(v: number | string): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}
