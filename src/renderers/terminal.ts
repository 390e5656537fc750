/**
 * The terminal summary: dataset verdict, an aligned per-column drift table (drifted rows highlighted
 * on a TTY only), then contract violations, model quality (headline metrics; per-class metrics of a multiclass
 * model), segments, fairness, chunks, quality flags and warnings.
 * @module
 */
import { styleText } from 'node:util';
import type { ReportResult } from '../core/report/result-schema.ts';

export interface TerminalOptions {
  /** Use colours (default: only when the stream is a TTY and NO_COLOR is unset). */
  readonly color?: boolean;
  /** Most warnings listed before "… and N more". Default 20. */
  readonly maxWarnings?: number;
}

/** Metrics shown in the terminal per task (all are in the JSON result). */
const HEADLINE_METRICS: Record<string, string[]> = {
  binary: ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'logLoss'],
  multiclass: ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss'],
  regression: ['meanError', 'mae', 'rmse', 'mape', 'r2'],
  ranking: ['ndcgAtK', 'precisionAtK', 'recallAtK', 'mapAtK', 'mrr', 'hitRateAtK'],
};

export function formatNumber(x: number | null): string {
  if (x === null) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) return x.toExponential(3);
  return Number(x.toPrecision(4)).toString();
}

export function renderTerminal(result: ReportResult, options: TerminalOptions = {}): string {
  const color = options.color ?? false;
  const paint = (style: Parameters<typeof styleText>[0], s: string) => (color ? styleText(style, s) : s);
  const maxWarnings = options.maxWarnings ?? 20;
  const d = result.drift;
  const lines: string[] = [];
  const verdict = d.datasetDrift
    ? paint(['bold', 'red'], 'DATASET DRIFT')
    : paint(['bold', 'green'], 'no dataset drift');
  lines.push(
    `driftwatch ${result.driftwatchVersion} — reference ${result.reference.rows} rows, current ${result.current.rows} rows`,
  );
  lines.push(
    `${verdict}: ${d.driftedCount} of ${d.columnCount} columns drifted (share ${formatNumber(d.share)}, threshold ${formatNumber(d.driftShare)})` +
      (d.correction !== 'none' ? `, ${d.correction} correction` : ''),
  );
  lines.push('');
  const header = ['column', 'type', 'method', 'statistic', 'threshold', 'drift'];
  const rows = d.columns.map((c) => [
    c.column,
    c.type,
    c.method ?? '—',
    formatNumber(c.pValueAdjusted ?? c.statistic),
    c.threshold === null ? '—' : `${c.operator} ${formatNumber(c.threshold)}`,
    c.drifted === null ? 'n/a' : c.drifted ? 'DRIFT' : 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r.map((cell, i) => (i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  lines.push(paint('bold', fmt(header)));
  d.columns.forEach((c, i) => {
    const line = fmt(rows[i]!).trimEnd();
    lines.push(c.drifted ? paint('red', line) : line);
  });
  if (result.contract) {
    lines.push('');
    const v = result.contract.violations;
    lines.push(
      v.length === 0
        ? paint('green', 'contract: all checks passed')
        : paint(['bold', 'red'], `contract: ${v.length} violation${v.length === 1 ? '' : 's'}`),
    );
    for (const x of v) lines.push(`  ${x.check}${x.column ? ` [${x.column}]` : ''}: ${x.message}`);
  }
  const task = result.quality.task;
  if (task) {
    const ref = (result.quality.reference.metrics ?? null) as Record<string, unknown> | null;
    const cur = (result.quality.current.metrics ?? null) as Record<string, unknown> | null;
    const names = (HEADLINE_METRICS[task] ?? []).filter((k) => typeof (cur ?? ref)?.[k] === 'number');
    lines.push('');
    lines.push(
      paint('bold', `model quality (${task})`) + (cur === null ? ' — no labels in the current data' : ''),
    );
    if (names.length > 0) {
      const w = Math.max(...names.map((k) => k.length));
      lines.push(`  ${'metric'.padEnd(w)}  ${'reference'.padStart(10)}  ${'current'.padStart(10)}`);
      for (const k of names) {
        const r = typeof ref?.[k] === 'number' ? formatNumber(ref[k] as number) : '—';
        const c = typeof cur?.[k] === 'number' ? formatNumber(cur[k] as number) : '—';
        lines.push(`  ${k.padEnd(w)}  ${r.padStart(10)}  ${c.padStart(10)}`);
      }
    }
    const worst = (result.quality.segments ?? [])
      .filter((x) => !x.tooFewRows && (x.degradation ?? 0) > 0)
      .slice(0, 3);
    for (const x of worst) {
      lines.push(
        `  worst segment: ${[x.segment].flat().join('×')} = ${[x.value].flat().join('×')} (${x.rows} rows): ${x.rankedBy} ${formatNumber(x.degradation)} worse than its reference`,
      );
    }
    if (task === 'multiclass') lines.push(...perClassTable(ref, cur, paint));
  }
  for (const f of (result.fairness ?? []) as {
    column: string;
    overall?: {
      demographicParityDifference?: number;
      fourFifthsRule?: { passed: boolean | null; ratio: number };
    };
  }[]) {
    const rule = f.overall?.fourFifthsRule;
    const verdict = rule?.passed === true ? 'passes' : rule?.passed === false ? paint('red', 'FAILS') : 'n/a';
    lines.push(
      `  fairness [${f.column}]: four-fifths rule ${verdict} (ratio ${formatNumber(rule?.ratio ?? null)}), demographic parity difference ${formatNumber(f.overall?.demographicParityDifference ?? null)}`,
    );
  }
  const chunks = result.chunks ?? [];
  if (chunks.length > 0) {
    lines.push('');
    const alerted = chunks.filter((c) => c.alerts.length > 0);
    lines.push(
      paint('bold', `over time: ${chunks.length} chunks`) +
        (alerted.length === 0
          ? ' — no alerts'
          : `, alerts in ${alerted.length}: ${alerted.map((c) => c.key).join(', ')}`),
    );
    const est = chunks
      .map((c) => c.estimated?.rocAuc?.value)
      .filter((v): v is number => typeof v === 'number');
    if (est.length > 0)
      lines.push(`  estimated rocAuc per chunk (CBPE): ${est.map((v) => formatNumber(v)).join(' ')}`);
  }
  const q = result.quality.current.dataset;
  const flags: string[] = [];
  if (q.duplicatedRows > 0) flags.push(`${q.duplicatedRows} duplicated rows`);
  if (q.emptyColumns.length > 0) flags.push(`empty: ${q.emptyColumns.join(', ')}`);
  if (q.constantColumns.length > 0) flags.push(`constant: ${q.constantColumns.join(', ')}`);
  if (q.almostConstantColumns.length > 0)
    flags.push(`almost constant: ${q.almostConstantColumns.join(', ')}`);
  if (q.duplicatedColumns.length > 0)
    flags.push(`duplicated columns: ${q.duplicatedColumns.map((p) => p.join('=')).join(', ')}`);
  lines.push('');
  lines.push(
    `current data quality: ${formatPercent(q.missingShare)} of cells missing${flags.length ? `; ${flags.join('; ')}` : ''}`,
  );
  if (result.warnings.length > 0) {
    lines.push('');
    lines.push(
      paint('yellow', `${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}:`),
    );
    for (const w of result.warnings.slice(0, maxWarnings)) lines.push(`  ${w.code}: ${w.message}`);
    if (result.warnings.length > maxWarnings)
      lines.push(`  … and ${result.warnings.length - maxWarnings} more (see --json)`);
  }
  return `${lines.join('\n')}\n`;
}

/** Most classes listed in the terminal's per-class table (all are in the JSON result). */
export const MAX_TERMINAL_CLASSES = 20;

const CLASS_METRICS = ['precision', 'recall', 'f1', 'rocAuc'] as const;

type Paint = (style: Parameters<typeof styleText>[0], s: string) => string;

/**
 * Multiclass: the per-class metrics (`byClass`: precision, recall, F1, one-vs-rest ROC AUC, support), one row per
 * side that has them, reference above current; classes in the confusion matrix's order. The ROC AUC column is left
 * out when neither side has scores. Empty when no side has per-class metrics.
 */
function perClassTable(
  ref: Record<string, unknown> | null,
  cur: Record<string, unknown> | null,
  paint: Paint,
): string[] {
  type ByClass = Record<string, Record<string, unknown> | undefined>;
  const sides: [string, ByClass][] = [];
  for (const [side, m] of [
    ['reference', ref],
    ['current', cur],
  ] as const) {
    const b = m?.byClass;
    if (b && typeof b === 'object') sides.push([side, b as ByClass]);
  }
  if (sides.length === 0) return [];
  const matrix = (cur ?? ref)?.confusionMatrix as { labels?: unknown } | undefined;
  const labels = Array.isArray(matrix?.labels)
    ? (matrix.labels as unknown[]).map(String)
    : Object.keys(sides[sides.length - 1]![1]);
  const value = (m: Record<string, unknown> | undefined, key: string) => {
    const x = m?.[key];
    return typeof x === 'number' && Number.isFinite(x) ? x : null;
  };
  const metrics = CLASS_METRICS.filter(
    (k) => k !== 'rocAuc' || sides.some(([, b]) => labels.some((l) => typeof b[l]?.rocAuc === 'number')),
  );
  const header = ['class', 'side', ...metrics, 'support'];
  const shown = labels.slice(0, MAX_TERMINAL_CLASSES);
  const rows: string[][] = [];
  for (const label of shown) {
    sides.forEach(([side, b], i) => {
      const m = b[label];
      const support = value(m, 'support');
      rows.push([
        i === 0 ? label : '',
        side,
        ...metrics.map((k) => formatNumber(value(m, k))),
        support === null ? '—' : String(support),
      ]);
    });
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Text columns left-aligned, numbers right-aligned (as the drift table).
  const fmt = (r: string[]) =>
    `  ${r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`.trimEnd();
  const out = ['', paint('bold', fmt(header)), ...rows.map(fmt)];
  if (labels.length > shown.length)
    out.push(`  … and ${labels.length - shown.length} more classes (see --json)`);
  return out;
}

export function formatPercent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}
