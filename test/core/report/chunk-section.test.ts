/**
 * The chunk analysis with the current data's sorted orders (chunk profiles and Spearman ρ from one sort per
 * column) gives exactly what it gives without them (every chunk sorted and ranked on its own): drift per chunk,
 * realized quality, CBPE estimates, correlations, bands and alerts.
 */
import { describe, expect, it } from 'vitest';
import { type ChunkOptions, chunkSection } from '../../../src/core/report/chunk-section.ts';
import { compareDrift } from '../../../src/core/report/compare-drift.ts';
import type { ColumnRoles } from '../../../src/core/report/model-inputs.ts';
import type { Table } from '../../../src/core/table/column.ts';

/** mulberry32: a tiny seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A binary classifier's data: features with ties, −0, NaN and ±Infinity; labels; time in shuffled order. */
function dataset(rows: number, shift: number, seed: number, shuffledTime: boolean): Table {
  const r = prng(seed);
  const x0 = new Float64Array(rows);
  const x1 = new Float64Array(rows);
  const x2 = new Float64Array(rows);
  const score = new Float64Array(rows);
  const target = new Float64Array(rows);
  const prediction = new Float64Array(rows);
  const ts = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const z = r() * 4 - 2 + shift;
    x0[i] = Math.round(z * 20) / 20;
    const u = r();
    x1[i] =
      u < 0.05 ? Number.NaN : u < 0.07 ? Number.POSITIVE_INFINITY : u < 0.1 ? -0 : u < 0.15 ? 0 : z * r();
    x2[i] = Math.floor(r() * 3);
    const p = 1 / (1 + Math.exp(-z));
    score[i] = Math.round(p * 50) / 50;
    target[i] = r() < p ? 1 : 0;
    prediction[i] = p >= 0.5 ? 1 : 0;
    ts[i] =
      Date.UTC(2024, 0, 1) + (shuffledTime ? Math.floor(r() * 20) : Math.floor((i * 20) / rows)) * 86_400_000;
  }
  return {
    rowCount: rows,
    columns: [
      { name: 'x0', dtype: 'float', values: x0 },
      { name: 'x1', dtype: 'float', values: x1 },
      { name: 'x2', dtype: 'int', values: x2 },
      { name: 'score', dtype: 'float', values: score },
      { name: 'target', dtype: 'int', values: target },
      { name: 'prediction', dtype: 'int', values: prediction },
      { name: 'ts', dtype: 'datetime', values: ts },
    ],
  };
}

function both(reference: Table, current: Table, roles: ColumnRoles, chunks: ChunkOptions) {
  const { context } = compareDrift(reference, current, { roles, chunks });
  expect(context.currentOrders.size).toBeGreaterThan(0);
  const features = context.names.filter(
    (n) => context.types.get(n) === 'num' && n !== roles.target && n !== roles.prediction,
  );
  const driftOf = (chunk: Table) => {
    const sub = compareDrift(context.profiledReference, chunk, {
      driftOnly: true,
      columns: context.names,
    }).result;
    return {
      share: sub.drift.share,
      datasetDrift: sub.drift.datasetDrift,
      driftedColumns: sub.drift.columns.filter((c) => c.drifted).map((c) => c.column),
      statistics: Object.fromEntries(sub.drift.columns.map((c) => [c.column, c.statistic])),
    };
  };
  const fast = chunkSection(
    reference,
    current,
    chunks,
    roles,
    features,
    driftOf,
    undefined,
    context.currentOrders,
  );
  const plain = chunkSection(reference, current, chunks, roles, features, driftOf);
  return { fast, plain, features };
}

describe('chunkSection with the sorted orders of the current data', () => {
  const reference = dataset(1500, 0, 1, false);
  const roles: ColumnRoles = { target: 'target', prediction: 'prediction', score: 'score', timestamp: 'ts' };
  const cases: [string, Table, ChunkOptions][] = [
    ['count chunks (contiguous)', dataset(4000, 0.4, 2, false), { count: 7 }],
    ['size chunks with a smaller last chunk', dataset(4000, 0.4, 3, false), { size: 900 }],
    ['period chunks of shuffled rows (non-contiguous)', dataset(4000, 0.4, 4, true), { period: '1d' }],
  ];
  for (const [label, current, chunks] of cases) {
    it(`binary classifier, ${label}: equal to the per-chunk computation`, () => {
      const { fast, plain, features } = both(reference, current, roles, chunks);
      expect(features).toEqual(expect.arrayContaining(['x0', 'x1', 'score']));
      expect(fast.chunks.length).toBeGreaterThan(3);
      expect(fast.chunks.every((c) => c.correlations && c.estimated && c.quality)).toBe(true);
      expect(fast).toEqual(plain);
    });
  }

  it('regression (ranked target), and drift-only chunks without roles: equal as well', () => {
    const current = dataset(3000, 0.4, 5, true);
    const regression = both(
      reference,
      current,
      { target: 'x0', prediction: 'score', task: 'regression' },
      {
        count: 5,
      },
    );
    expect(regression.fast.chunks[0]!.correlations).not.toBeNull();
    expect(regression.fast).toEqual(regression.plain);
    const driftOnly = both(reference, current, {}, { count: 4 });
    expect(driftOnly.fast).toEqual(driftOnly.plain);
  });
});
