/**
 * The model-quality benchmark case (issue #2): a binary classifier's reference (100k rows) and current
 * (1M rows, split into 10 chunks) with 5 numeric features, target, score and prediction, built in memory;
 * times `compareTables` with the model roles and chunking (realized metrics, segments, CBPE per chunk).
 */
import type { Table } from '../src/core/table/column.ts';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function classificationTable(rows: number, shift: number, seed: number): Table {
  const r = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  const features = Array.from({ length: 5 }, () => new Float64Array(rows));
  const score = new Float64Array(rows);
  const target = new Float64Array(rows);
  const prediction = new Float64Array(rows);
  const segment = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = 0;
    for (let f = 0; f < 5; f++) {
      const v = normal() + (f === 0 ? shift : 0);
      features[f]![i] = Math.round(v * 1e4) / 1e4;
      z += (f + 1) * 0.4 * v;
    }
    const p = 1 / (1 + Math.exp(-z));
    score[i] = Math.round(p * 100) / 100;
    // The current data's labels depend less on the score: the model degrades.
    target[i] = r() < (shift > 0 ? 0.7 * p + 0.15 : p) ? 1 : 0;
    prediction[i] = p >= 0.5 ? 1 : 0;
    segment[i] = Math.floor(r() * 4);
  }
  return {
    rowCount: rows,
    columns: [
      ...features.map((values, f) => ({ name: `x${f}`, dtype: 'float' as const, values })),
      { name: 'segment', dtype: 'string' as const, codes: segment, dictionary: ['a', 'b', 'c', 'd'] },
      { name: 'target', dtype: 'int' as const, values: target },
      { name: 'prediction', dtype: 'int' as const, values: prediction },
      { name: 'score', dtype: 'float' as const, values: score },
    ],
  };
}
