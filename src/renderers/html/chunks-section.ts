/**
 * The "Over time" section (only when the result has `chunks`): the current data split into chunks, with
 * - one small line chart per headline metric (`series-chart.ts`): the realized value (labels needed) and
 *   the CBPE estimate with its sampling-error band (scores needed, labels not), against the reference
 *   band `chunkThresholds.<metric>`, alerts marked with a red ▲; and one chart of the drift share against
 *   the dataset-drift threshold;
 * - a table of the chunks: key, rows, start/end, drift share, drifted columns and every alert in words;
 * - concept drift: per numeric feature, its correlation with the target on the reference and the largest
 *   change over the chunks, flagged above `CONCEPT_DRIFT_CHANGE`.
 * Which metrics are charted: those of the task's headline list (`model-metrics.ts`, in that order) that
 * have a CBPE estimate or a reference band in some chunk; when none has either, the first
 * `FALLBACK_METRICS` headline metrics with realized values. F-beta is skipped when β = 1 (it is F1).
 * @module
 */
import type { ReportResult } from '../../core/report/result-schema.ts';
import { formatCount, formatNumber, formatShare } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { asRec, bool, num, rec } from './metric-values.ts';
import { HEADLINE_METRICS, metricDef, type Task } from './model-metrics.ts';
import { formatChange } from './model-section.ts';
import { type ChunkSeries, position, type ReferenceBand, seriesChart } from './series-chart.ts';

type Chunk = NonNullable<ReportResult['chunks']>[number];
type Band = { readonly lower: number | null; readonly upper: number | null };

/**
 * Concept drift is flagged when, in some chunk, the Pearson or the Spearman correlation between a feature
 * and the target differs from its value on the reference by more than this (absolute difference of the
 * coefficients, max |Δ| over the chunks). A heuristic, not a significance test: 0.1 is Cohen's "small"
 * correlation, i.e. the feature–target relation changed by at least a small effect. It is only as
 * reliable as each chunk is large (a correlation on n rows has a standard error of about 1/√n).
 */
export const CONCEPT_DRIFT_CHANGE = 0.1;
/** Metrics charted when no metric has an estimate or a reference band. */
export const FALLBACK_METRICS = 4;
/** Chunks listed in the table before "… and N earlier chunks" (the latest are listed). */
export const MAX_CHUNKS_LISTED = 100;
/** Drifted columns named per chunk before "… and N more". */
export const MAX_DRIFTED_NAMED = 8;

export function chunksSection(result: ReportResult): SafeHtml | null {
  const chunks = result.chunks;
  if (chunks === undefined || chunks.length === 0) return null;
  const task = result.quality.task;
  const thresholds = result.chunkThresholds ?? {};
  const labels = chunks.map((c) => c.key);
  const metrics = chartedMetrics(chunks, thresholds, task);
  const label = (key: string) => metricDef(key, task)?.label ?? key;

  const figures: SafeHtml[] = metrics.map((key, i) => {
    const band = bandOf(thresholds, key);
    const series: ChunkSeries[] = [];
    const realized = chunks.map((c) => finiteOrNull(num(asRec(c.quality), key)));
    if (realized.some((v) => v !== null))
      series.push({
        kind: 'realized',
        label: `realized ${label(key)}`,
        values: realized,
        alerts: chunks.map((c) => c.alerts.includes(`quality.${key}`)),
      });
    const est = chunks.map((c) => rec(asRec(c.estimated), key));
    if (est.some((e) => e !== null))
      series.push({
        kind: 'estimated',
        label: `estimated ${label(key)}`,
        values: est.map((e) => finiteOrNull(num(e, 'value'))),
        lower: est.map((e) => finiteOrNull(num(e, 'lower'))),
        upper: est.map((e) => finiteOrNull(num(e, 'upper'))),
        alerts: est.map((e) => bool(e, 'alert') === true),
      });
    const chart = seriesChart({
      id: `chunks-chart-${i}`,
      heading: label(key),
      labels,
      series,
      band: band && { ...band, label: 'reference band' },
      bounds: metricBounds(key),
    });
    return figure(chart, key, series);
  });

  const driftBand: ReferenceBand = {
    lower: null,
    upper: result.drift.driftShare,
    label: `no-drift zone (share below ${formatShare(result.drift.driftShare)})`,
  };
  const driftSeries: ChunkSeries = {
    kind: 'realized',
    label: 'drift share',
    values: chunks.map((c) => c.drift.share),
    alerts: chunks.map((c) => c.drift.datasetDrift),
  };
  figures.push(
    figure(
      seriesChart({
        id: `chunks-chart-${metrics.length}`,
        heading: 'Drift share',
        labels,
        series: [driftSeries],
        band: driftBand,
        bounds: [0, 1],
        format: formatShare,
      }),
      'drift.share',
      [driftSeries],
    ),
  );

  const alerted = chunks.filter((c) => c.alerts.length > 0).length;
  const hasEstimates = chunks.some((c) => c.estimated !== null);
  return html`<section id="chunks"><h2>Over time <span class="muted">(${formatCount(chunks.length)} chunk${chunks.length === 1 ? '' : 's'} of the current data${alerted > 0 ? html`, <span class="drift">▲ ${formatCount(alerted)} with alerts</span>` : ', no alert'})</span></h2>
<p class="note">Each metric per chunk against the band expected from the reference data split into the same chunks (mean ± k·σ over the reference chunks, k = 3 by default, NannyML's rule); a value outside its band raises an alert.${hasEstimates && html` ${estimationNote(result.estimation?.calibration)}`}</p>
${legend(hasEstimates)}
<div class="figs">${figures}</div>
${chunkTable(chunks, thresholds, result.drift.driftShare, label)}
${conceptDrift(result, chunks)}
</section>`;
}

// ------------------------------------------------------------------------------------------ metrics

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

function bandOf(thresholds: Readonly<Record<string, Band>>, key: string): Band | null {
  return Object.hasOwn(thresholds, key) ? thresholds[key]! : null;
}

/** The metrics to chart, in the order of the task's headline list (see the module comment). */
function chartedMetrics(
  chunks: readonly Chunk[],
  thresholds: Readonly<Record<string, Band>>,
  task: Task | undefined,
): string[] {
  const estimated = new Set<string>();
  const realized = new Set<string>();
  for (const c of chunks) {
    for (const k of Object.keys(c.estimated ?? {})) estimated.add(k);
    for (const [k, v] of Object.entries(c.quality ?? {})) if (v !== null) realized.add(k);
  }
  const beta = chunks.map((c) => num(asRec(c.quality), 'beta')).find((b) => b !== null) ?? null;
  const defs = (task === undefined ? Object.values(HEADLINE_METRICS).flat() : HEADLINE_METRICS[task]).filter(
    (d, i, all) =>
      all.findIndex((x) => x.key === d.key) === i && (d.key !== 'fBeta' || (beta !== null && beta !== 1)),
  );
  const keys = defs.map((d) => d.key);
  const picked = keys.filter((k) => estimated.has(k) || (realized.has(k) && Object.hasOwn(thresholds, k)));
  // Estimates outside the headline list (but not the confusion-matrix cells, which are counts).
  for (const k of estimated)
    if (!keys.includes(k) && !k.includes('.') && k !== 'confusionMatrix') picked.push(k);
  if (picked.length > 0) return picked;
  return keys.filter((k) => realized.has(k)).slice(0, FALLBACK_METRICS);
}

/** The range a metric can take, so the y axis never rounds past it (rates: [0, 1]). */
function metricBounds(key: string): readonly [number, number] {
  const inf = Number.POSITIVE_INFINITY;
  switch (key) {
    case 'meanError':
      return [-inf, inf];
    case 'r2':
      return [-inf, 1];
    case 'logLoss':
    case 'mae':
    case 'mse':
    case 'rmse':
    case 'mape':
    case 'mapeFraction':
    case 'maxAbsError':
    case 'medianAbsError':
      return [0, inf];
    default:
      return [0, 1];
  }
}

function figure(chart: SafeHtml, key: string, series: readonly ChunkSeries[]): SafeHtml {
  // "▲ alerts in chunks: 5 realized, 5 estimated"; the drift chart has a single series.
  const counts = series
    .map((s) => ({ kind: series.length > 1 ? ` ${s.kind}` : '', n: s.alerts.filter(Boolean).length }))
    .filter((c) => c.n > 0);
  const caption =
    counts.length === 0
      ? html`<span class="ok">✓ no alert</span>`
      : html`<span class="drift">▲ alerts in chunks:</span> ${counts.map((c) => `${formatCount(c.n)}${c.kind}`).join(', ')}`;
  return html`<figure data-metric="${key}">${chart}<figcaption>${caption}</figcaption></figure>`;
}

/** A legend shared by all the charts, with line samples (the style, not only the colour). */
function legend(hasEstimates: boolean): SafeHtml {
  const sample = (inner: SafeHtml) =>
    html`<svg aria-hidden="true" width="26" height="12" viewBox="0 0 26 12">${inner}</svg>`;
  const items: SafeHtml[] = [
    html`<span>${sample(html`<line class="lr" x1="1" x2="25" y1="6" y2="6" stroke="#0072B2" stroke-width="2"/><circle class="lr" cx="13" cy="6" r="3" fill="#0072B2"/>`)} realized (labels needed): solid line, circles</span>`,
  ];
  if (hasEstimates)
    items.push(
      html`<span>${sample(html`<rect class="c" x="1" y="1" width="24" height="10" fill="#E69F00" fill-opacity="0.2"/><line class="lc" x1="1" x2="25" y1="6" y2="6" stroke="#E69F00" stroke-width="2" stroke-dasharray="7 4"/><rect class="lc" x="10" y="3" width="6" height="6" fill="#E69F00"/>`)} estimated (CBPE, no labels needed): dashed line, squares; light area: sampling-error band</span>`,
    );
  items.push(
    html`<span>${sample(html`<rect class="na" x="1" y="1" width="24" height="10" color="#59636e" fill="currentColor" fill-opacity="0.16"/>`)} reference band</span>`,
    html`<span>${sample(html`<path class="drift" d="M13 1.5L18 10.5H8Z" color="#b3261e" fill="currentColor"/>`)} alert</span>`,
  );
  return html`<p class="note">${items.map((x, i) => html`${i > 0 && ' · '}${x}`)}</p>`;
}

function estimationNote(calibration: unknown): string {
  const c = asRec(calibration);
  const before = num(c, 'eceBefore');
  const after = num(c, 'eceAfter');
  const applied = bool(c, 'applied');
  const base =
    'Estimated metrics: confidence-based performance estimation (CBPE, NannyML) from the scores alone, computed for every chunk with scores so that they can be compared with the realized metrics where labels exist';
  if (applied === true)
    return `${base}; scores recalibrated with isotonic regression on the reference (expected calibration error ${formatNumber(before)} → ${formatNumber(after)}).`;
  if (applied === false)
    return `${base}; scores used as they are (well calibrated on the reference${before === null ? '' : `: expected calibration error ${formatNumber(before)}`}).`;
  return `${base}.`;
}

// -------------------------------------------------------------------------------------------- table

function chunkTable(
  chunks: readonly Chunk[],
  thresholds: Readonly<Record<string, Band>>,
  driftShare: number,
  label: (key: string) => string,
): SafeHtml {
  const first = Math.max(0, chunks.length - MAX_CHUNKS_LISTED);
  const rows = chunks.slice(first).map((c, j) => {
    const i = first + j;
    const drifted = c.drift.driftedColumns;
    const named = drifted.slice(0, MAX_DRIFTED_NAMED);
    const columns =
      drifted.length === 0
        ? html`<span class="na">none</span>`
        : html`${named.map((name, k) => html`${k > 0 && ', '}<b>${name}</b>`)}${drifted.length > named.length && ` … and ${formatCount(drifted.length - named.length)} more`}`;
    const alerts = alertLines(c, thresholds, driftShare, label);
    return html`<tr${c.alerts.length > 0 ? html` class="drifted"` : ''}><td class="name" data-v="${i}">${c.key}</td><td class="num" data-v="${c.rows}">${formatCount(c.rows)}</td>${bound(c.start)}${bound(c.end)}<td class="num" data-v="${c.drift.share}">${formatShare(c.drift.share)}</td><td class="msg">${columns}</td><td class="msg" data-v="${c.alerts.length}">${alerts.length === 0 ? html`<span class="ok">✓ none</span>` : alerts.map((a, k) => html`${k > 0 && html`<br>`}${a}`)}</td></tr>
`;
  });
  const rowBased = chunks.every((c) => typeof c.start === 'number');
  return html`<h3>Chunks</h3>
<div class="scroll"><table class="sortable wide" id="chunks-table"><thead><tr><th>Chunk</th><th class="num">Rows</th><th class="num">Start</th><th class="num">End <span class="muted">(exclusive)</span></th><th class="num">Drift share</th><th>Drifted columns</th><th>Alerts</th></tr></thead><tbody>
${rows}</tbody></table></div>
${first > 0 && html`<p class="note">… and ${formatCount(first)} earlier chunks (see the JSON result).</p>`}
<p class="note">${rowBased ? 'Start and end are row positions in the current data.' : 'Start and end are UTC times (RFC 3339); weeks are ISO weeks.'} Drift share: share of the tested columns that drifted in the chunk against the whole reference; dataset drift when it reaches ${formatShare(driftShare)}.</p>`;
}

function bound(x: string | number): SafeHtml {
  return typeof x === 'number'
    ? html`<td class="num" data-v="${x}">${formatCount(x)}</td>`
    : html`<td class="num nw">${x}</td>`;
}

/**
 * A chunk's alerts in words, grouped by source and direction, e.g.
 * `▲ estimated below the reference band: ROC AUC 0.9611 (< 0.9633), Accuracy 0.9117 (< 0.9359)`.
 */
function alertLines(
  c: Chunk,
  thresholds: Readonly<Record<string, Band>>,
  driftShare: number,
  label: (key: string) => string,
): SafeHtml[] {
  const lines: SafeHtml[] = [];
  const groups = new Map<string, string[]>();
  const other: string[] = [];
  for (const a of c.alerts) {
    if (a === 'drift.datasetDrift') {
      const n = c.drift.driftedColumns.length;
      lines.push(
        html`<span class="drift">▲ dataset drift:</span> ${formatCount(n)} column${n === 1 ? '' : 's'} drifted, share ${formatShare(c.drift.share)} ≥ ${formatShare(driftShare)}`,
      );
      continue;
    }
    const dot = a.indexOf('.');
    const source = dot < 0 ? '' : a.slice(0, dot);
    const key = a.slice(dot + 1);
    if (source !== 'quality' && source !== 'estimated') {
      other.push(a);
      continue;
    }
    const value =
      source === 'quality' ? num(asRec(c.quality), key) : num(rec(asRec(c.estimated), key), 'value');
    const band = bandOf(thresholds, key);
    const where = position(value, band && { ...band, label: 'reference band' });
    // The bound that was crossed (`< 0.9359`), or the whole band when the side is unknown.
    const crossed =
      band === null
        ? ''
        : value !== null && band.lower !== null && value < band.lower
          ? ` (< ${formatNumber(band.lower)})`
          : value !== null && band.upper !== null && value > band.upper
            ? ` (> ${formatNumber(band.upper)})`
            : ` (band ${bandWords(band)})`;
    const group = `${source === 'quality' ? 'realized' : 'estimated'} ${where}`;
    const list = groups.get(group) ?? [];
    list.push(`${label(key)} ${formatNumber(value)}${crossed}`);
    groups.set(group, list);
  }
  // Each item on one line (`nw`): a metric, its value and the crossed bound stay together.
  for (const [group, items] of groups)
    lines.push(
      html`<span class="drift">▲ ${group}:</span> ${items.map((x, k) => html`${k > 0 && ', '}<span class="nw">${x}</span>`)}`,
    );
  for (const a of other) lines.push(html`<span class="drift">▲ alert</span> <code>${a}</code>`);
  return lines;
}

function bandWords(b: Band): string {
  const lo = b.lower === null ? null : formatNumber(b.lower);
  const hi = b.upper === null ? null : formatNumber(b.upper);
  if (lo !== null && hi !== null) return `${lo} to ${hi}`;
  if (lo !== null) return `≥ ${lo}`;
  if (hi !== null) return `≤ ${hi}`;
  return 'unbounded';
}

// ------------------------------------------------------------------------------------ concept drift

type Coefficient = 'pearson' | 'spearman';

/** The largest |Δ| of a coefficient over the chunks, with its sign and chunk. */
function largestChange(
  chunks: readonly Chunk[],
  feature: string,
  coefficient: Coefficient,
  reference: number | null,
): { delta: number; chunk: string } | null {
  if (reference === null || !Number.isFinite(reference)) return null;
  let best: { delta: number; chunk: string } | null = null;
  for (const c of chunks) {
    const v = num(rec(asRec(c.correlations), feature), coefficient);
    if (v === null || !Number.isFinite(v)) continue;
    const delta = v - reference;
    if (best === null || Math.abs(delta) > Math.abs(best.delta)) best = { delta, chunk: c.key };
  }
  return best;
}

function conceptDrift(result: ReportResult, chunks: readonly Chunk[]): SafeHtml | null {
  const reference = result.conceptDrift?.reference;
  if (reference === undefined) return null;
  const features = Object.keys(reference);
  if (features.length === 0) return null;
  let flagged = 0;
  const rows = features.map((f) => {
    const ref = reference[f]!;
    const changes = (['pearson', 'spearman'] as const).map((k) => largestChange(chunks, f, k, ref[k]));
    const known = changes.filter((x) => x !== null);
    const changed = known.some((x) => Math.abs(x.delta) > CONCEPT_DRIFT_CHANGE);
    if (changed) flagged++;
    const verdict =
      known.length === 0
        ? html`<span class="na">– no data</span>`
        : changed
          ? html`<span class="drift"><b>▲ changed</b></span>`
          : html`<span class="ok">✓ stable</span>`;
    const cell = (x: { delta: number; chunk: string } | null) =>
      x === null
        ? html`<td class="num" data-v="NaN">—</td>`
        : html`<td class="num" data-v="${Math.abs(x.delta)}">${formatChange(x.delta)} <span class="muted">at ${x.chunk}</span></td>`;
    return html`<tr${changed ? html` class="drifted"` : ''}><td class="name">${f}</td><td class="num">${formatNumber(ref.pearson)}</td><td class="num">${formatNumber(ref.spearman)}</td>${changes.map(cell)}<td data-v="${known.length === 0 ? 'NaN' : changed ? 1 : 0}">${verdict}</td></tr>
`;
  });
  return html`<h3>Concept drift <span class="muted">(feature ↔ target correlation)</span></h3>
<p class="note">Correlation of each numeric feature with the target on the reference, and its largest change (current chunk − reference) over the chunks. <b>▲ changed</b> when the Pearson or the Spearman coefficient moved by more than ${formatNumber(CONCEPT_DRIFT_CHANGE)} in some chunk (a heuristic: a small-effect change in the feature–target relation; small chunks move by chance).${flagged > 0 && html` <span class="warn">${formatCount(flagged)} feature${flagged === 1 ? '' : 's'} changed.</span>`}</p>
<div class="scroll"><table class="sortable" id="concept-drift-table"><thead><tr><th>Feature</th><th class="num">Pearson <span class="muted">(reference)</span></th><th class="num">Spearman <span class="muted">(reference)</span></th><th class="num">Largest Pearson change</th><th class="num">Largest Spearman change</th><th>Verdict</th></tr></thead><tbody>
${rows}</tbody></table></div>`;
}
