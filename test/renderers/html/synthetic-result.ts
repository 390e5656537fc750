/**
 * A realistic large result for size and speed checks, built directly (deterministically) rather than
 * through `compareTables`, so it keeps the sizes of a 25-column × 100k-row run at their maximum:
 * 13 numeric columns with full 20-bin histograms, 9 categorical ones with 20 listed categories plus
 * "other", 1 text, 1 datetime and 1 id column (not drift-tested), every quality field filled in,
 * a contract with violations and warnings. The HTML size does not depend on the row count.
 */
import type { ColumnDrift, ColumnQuality, ReportResult } from '../../../src/core/report/result-schema.ts';

/** mulberry32: a tiny seeded PRNG, good enough for test data. */
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

function normalise(xs: number[]): number[] {
  const total = xs.reduce((s, x) => s + x, 0);
  return xs.map((x) => x / total);
}

function bell(n: number, centre: number, width: number): number[] {
  return normalise(Array.from({ length: n }, (_, i) => Math.exp(-(((i - centre) / width) ** 2))));
}

function quality(
  type: ColumnQuality['type'],
  dtype: ColumnQuality['dtype'],
  rows: number,
  rand: () => number,
  isCurrent: boolean,
): ColumnQuality {
  const missingCount = Math.floor(rand() * 0.02 * rows);
  const numeric = dtype === 'float' || dtype === 'int' || dtype === 'datetime';
  const scale = dtype === 'datetime' ? 1.7e12 : 1000 * rand();
  const q = (p: number) => (numeric ? scale * (1 + p * 0.1) + rand() : null);
  return {
    type,
    dtype,
    count: rows,
    missingCount,
    missingShare: missingCount / rows,
    distinctCount: numeric ? Math.floor(rows * 0.9) : 24,
    min: q(0),
    max: q(10),
    mean: q(5),
    std: numeric ? scale * 0.123456789 : null,
    q05: q(0.5),
    q25: q(2.5),
    q50: q(5),
    q75: q(7.5),
    q95: q(9.5),
    infiniteCount: 0,
    topValues: numeric
      ? []
      : Array.from({ length: 10 }, (_, i) => ({
          value: `category value ${i}`,
          count: 1000 - i,
          share: (1000 - i) / rows,
        })),
    outOfRangeShare: numeric ? (isCurrent ? rand() * 0.01 : 0) : null,
    newCategoryShare: type === 'cat' ? (isCurrent ? rand() * 0.01 : 0) : null,
    outlierShare: numeric ? rand() * 0.02 : null,
  };
}

/** A 25-column result as produced for two datasets of `rows` rows. */
export function syntheticResult(rows = 100_000): ReportResult {
  const rand = prng(7);
  const names: { name: string; type: ColumnQuality['type']; dtype: ColumnQuality['dtype'] }[] = [];
  for (let j = 0; j < 12; j++)
    names.push({ name: `feature_${j}_measurement_value`, type: 'num', dtype: 'float' });
  names.push({ name: 'transaction_amount_eur', type: 'num', dtype: 'int' });
  for (let j = 0; j < 8; j++) names.push({ name: `customer_segment_${j}`, type: 'cat', dtype: 'string' });
  names.push({ name: 'is_premium', type: 'cat', dtype: 'bool' });
  names.push({ name: 'support_ticket_text', type: 'text', dtype: 'string' });
  names.push({ name: 'event_time', type: 'datetime', dtype: 'datetime' });
  names.push({ name: 'customer_id', type: 'id', dtype: 'string' });

  const drift: ColumnDrift[] = [];
  names.forEach(({ name, type }, j) => {
    if (type === 'datetime' || type === 'id') return;
    const base = { column: name, type, exact: true, referenceRows: rows, currentRows: rows };
    if (type === 'text') {
      drift.push({
        ...base,
        method: null,
        methodName: null,
        statisticKind: null,
        statistic: null,
        threshold: null,
        operator: null,
        drifted: null,
        distribution: null,
      });
      return;
    }
    const drifted = j % 3 === 0;
    if (type === 'num') {
      const lo = -1000 * rand();
      const hi = lo + 5000 * rand() + 1;
      drift.push({
        ...base,
        method: 'wasserstein',
        methodName: 'Wasserstein distance (normed)',
        statisticKind: 'distance',
        statistic: drifted ? 0.1 + rand() : rand() * 0.1,
        threshold: 0.1,
        operator: '>=',
        drifted,
        distribution: {
          kind: 'histogram',
          edges: Array.from({ length: 21 }, (_, i) => lo + ((hi - lo) * i) / 20),
          reference: bell(20, 10, 4),
          current: bell(20, drifted ? 12 : 10, 4.2),
        },
      });
      return;
    }
    const listed = name === 'is_premium' ? 2 : 20;
    const ref = normalise(Array.from({ length: listed + 1 }, (_, i) => 1 / (i + 1.5)));
    const cur = normalise(Array.from({ length: listed + 1 }, (_, i) => 1 / (i + (drifted ? 1 : 1.5))));
    drift.push({
      ...base,
      method: 'jensenshannon',
      methodName: 'Jensen-Shannon distance',
      statisticKind: 'distance',
      statistic: drifted ? 0.1 + rand() * 0.2 : rand() * 0.1,
      threshold: 0.1,
      operator: '>=',
      drifted,
      distribution: {
        kind: 'categories',
        keys: Array.from({ length: listed }, (_, i) => `${name} category value ${i}`),
        reference: ref.slice(0, listed),
        current: cur.slice(0, listed),
        otherReference: listed === 2 ? 0 : ref[listed]!,
        otherCurrent: listed === 2 ? 0 : cur[listed]!,
      },
    });
  });
  const driftedCount = drift.filter((c) => c.drifted === true).length;
  const columnCount = drift.filter((c) => c.drifted !== null).length;
  const side = (isCurrent: boolean) => ({
    columns: Object.fromEntries(names.map((n) => [n.name, quality(n.type, n.dtype, rows, rand, isCurrent)])),
    dataset: {
      rows,
      columns: names.length,
      missingCells: 12345,
      missingShare: 12345 / (rows * names.length),
      duplicatedRows: isCurrent ? 17 : 0,
      constantColumns: [],
      almostConstantColumns: isCurrent ? ['is_premium'] : [],
      emptyColumns: [],
      duplicatedColumns: [] as [string, string][],
    },
  });
  return {
    schemaVersion: 1,
    driftwatchVersion: '0.1.0',
    generatedAt: '2026-04-12T09:30:00.000Z',
    reference: { files: ['warehouse/reference/2025-01.parquet'], rows, columns: names.length },
    current: { files: ['warehouse/current/2025-07.parquet'], rows, columns: names.length },
    columns: names.map((n) => ({ name: n.name, type: n.type, typeSource: 'inferred' as const })),
    drift: {
      columns: drift,
      columnCount,
      driftedCount,
      share: driftedCount / columnCount,
      driftShare: 0.5,
      datasetDrift: driftedCount / columnCount >= 0.5,
      correction: 'none',
    },
    quality: { reference: side(false), current: side(true) },
    contract: {
      source: 'contracts/transactions.yaml',
      violations: Array.from({ length: 10 }, (_, i) => ({
        column: names[i]!.name,
        check: 'range_check',
        message: `column '${names[i]!.name}' has ${i + 1} of ${rows} values (0.0${i}%) above max 1000; observed min 0, max 1234`,
      })),
    },
    warnings: [
      {
        code: 'DW_TEXT_DRIFT_UNSUPPORTED',
        column: 'support_ticket_text',
        message:
          "column 'support_ticket_text' is text: it is profiled but not drift-tested (text drift is not implemented yet)",
      },
    ],
    timings: { computeMs: 612.5 },
  };
}
