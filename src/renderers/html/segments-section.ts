/**
 * The "Segments" section (only when the result has `quality.segments`): model quality per value of each
 * `--segment` column (and pairs of columns) on the current data, worst first as ranked in the result, with
 * the ranking metric on the same segment of the reference, the degradation, its sampling error and a
 * verdict in words: `⚠ too few rows`, `≈ within noise` (|degradation| ≤ 1.96 standard errors),
 * `▼ worse`, `✓ not worse`. A small inline SVG bar per row shows the degradation (right = worse) with its
 * ±1.96·SE band.
 * @module
 */
import type { ReportResult, SegmentQuality } from '../../core/report/result-schema.ts';
import { coord, formatCount, formatNumber, formatShare } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { asRec, num } from './metric-values.ts';
import { HEADLINE_METRICS, metricDef } from './model-metrics.ts';
import { formatChange } from './model-section.ts';

/** Segments listed before "… and N more". */
export const MAX_SEGMENTS_SHOWN = 100;
/** The sampling-error band: ±Z standard errors (a 95 % two-sided band, as `withinNoise` uses). */
const Z = 1.96;
/** Extra current-data metrics shown per segment besides the ranking metric. */
const EXTRA_METRICS = 2;

export function segmentsSection(result: ReportResult): SafeHtml | null {
  const segments = result.quality.segments;
  if (segments === undefined || segments.length === 0) return null;
  const task = result.quality.task;
  const shown = segments.slice(0, MAX_SEGMENTS_SHOWN);
  const rankedBy = new Set(shown.map((s) => s.rankedBy));
  const single = rankedBy.size === 1 ? shown[0]!.rankedBy : null;
  const metricName = (key: string) => {
    const d = metricDef(key, task);
    return d === null ? key : d.label;
  };
  const extras = (task === undefined ? [] : HEADLINE_METRICS[task])
    .filter((d) => !rankedBy.has(d.key) && shown.some((s) => num(asRec(s.metrics), d.key) !== null))
    .slice(0, EXTRA_METRICS);
  const scale = Math.max(
    0,
    ...shown.map((s) => {
      const d = s.degradation;
      if (d === null || !Number.isFinite(d)) return 0;
      const se = s.standardError !== null && Number.isFinite(s.standardError) ? s.standardError : 0;
      return Math.abs(d) + Z * se;
    }),
  );
  const showDrift = shown.some((s) => driftShare(s) !== null);
  const rows = shown.map((s, i) => segmentRow(s, i + 1, single === null, extras, scale, showDrift));
  const small = segments.filter((s) => s.tooFewRows).length;
  return html`<section id="segments"><h2>Segments <span class="muted">(${formatCount(segments.length)}, worst first)</span></h2>
<p class="note">Model quality on the current data per segment, ranked by how much worse ${single === null ? 'the ranking metric' : html`<b>${metricName(single)}</b>`} is than on the same segment of the reference data.${small > 0 && html` <span class="warn">⚠ ${formatCount(small)} segment${small === 1 ? ' has' : 's have'} too few rows</span> to be read as a finding.`}</p>
<div class="scroll"><table class="sortable wide" id="segments-table"><thead><tr><th class="num">#</th><th>Segment</th><th>Value</th><th class="num">Rows</th>${single === null && html`<th>Metric</th>`}<th class="num">Reference</th><th class="num">Current</th><th class="num">Degradation</th><th class="num">±1.96·SE</th><th>Verdict</th><th data-nosort>better ← → worse</th>${showDrift && html`<th class="num">Drift share</th>`}${extras.map((d) => html`<th class="num">${d.label} <span class="muted">(current)</span></th>`)}</tr></thead><tbody>
${rows}</tbody></table></div>
${segments.length > shown.length && html`<p class="note">… and ${formatCount(segments.length - shown.length)} more (see the JSON result).</p>`}
<p class="note">Degradation: reference − current for metrics where higher is better, current − reference otherwise (positive = worse). SE: standard error of the degradation; when it is unknown (—), a small degradation may be noise.${showDrift && ' Drift share: share of drifted columns, the segment of the current data against the same segment of the reference (computed for the largest single-column segments).'}</p>
</section>`;
}

/** The segment's drift share (newer results; read defensively), or null. */
function driftShare(s: SegmentQuality): number | null {
  return num(asRec(s), 'driftShare');
}

function joined(x: string | readonly string[]): string {
  return typeof x === 'string' ? x : x.join(' × ');
}

/** The verdict in words and a symbol. */
export function segmentVerdict(s: SegmentQuality): SafeHtml {
  const parts: SafeHtml[] = [];
  if (s.tooFewRows) parts.push(html`<span class="warn">⚠ too few rows</span>`);
  const d = s.degradation;
  if (d === null || !Number.isFinite(d)) parts.push(html`<span class="na">– no reference</span>`);
  else if (s.withinNoise === true) parts.push(html`<span class="na">≈ within noise</span>`);
  else if (d > 0) parts.push(html`<span class="drift">▼ worse</span>`);
  else parts.push(html`<span class="ok">✓ not worse</span>`);
  return html`${parts.map((p, i) => html`${i > 0 && html`<br>`}${p}`)}`;
}

function segmentRow(
  s: SegmentQuality,
  rank: number,
  showMetric: boolean,
  extras: readonly { key: string }[],
  scale: number,
  showDrift: boolean,
): SafeHtml {
  const drift = driftShare(s);
  const cur = asRec(s.metrics);
  const ref = asRec(s.referenceMetrics);
  const se = s.standardError;
  const band = se === null || !Number.isFinite(se) ? null : Z * se;
  const v = (x: number | null) => (x === null || !Number.isFinite(x) ? 'NaN' : x);
  return html`<tr${s.tooFewRows ? html` class="small"` : ''}><td class="num">${rank}</td><td class="name">${joined(s.segment)}</td><td class="nw">${joined(s.value)}</td><td class="num" data-v="${s.rows}">${formatCount(s.rows)}</td>${showMetric && html`<td><code>${s.rankedBy}</code></td>`}<td class="num" data-v="${v(num(ref, s.rankedBy))}">${formatNumber(num(ref, s.rankedBy))}</td><td class="num" data-v="${v(num(cur, s.rankedBy))}">${formatNumber(num(cur, s.rankedBy))}</td><td class="num" data-v="${v(s.degradation)}">${formatChange(s.degradation)}</td><td class="num" data-v="${v(band)}">${band === null ? '—' : `±${formatNumber(band)}`}</td><td class="nw" data-v="${rank}">${segmentVerdict(s)}</td><td>${degradationBar(s.degradation, band, scale)}</td>${showDrift && html`<td class="num" data-v="${v(drift)}">${formatShare(drift)}</td>`}${extras.map((d) => html`<td class="num" data-v="${v(num(cur, d.key))}">${formatNumber(num(cur, d.key))}</td>`)}</tr>
`;
}

/** A diverging bar from the centre: right (red) = worse, left (green) = better, with the ±1.96·SE band. */
function degradationBar(d: number | null, band: number | null, scale: number): SafeHtml {
  const width = 120;
  const height = 16;
  const mid = width / 2;
  if (d === null || !Number.isFinite(d) || !(scale > 0))
    return html`<span class="na" aria-hidden="true">—</span>`;
  const px = (x: number) => coord(mid + (x / scale) * (mid - 2));
  const x = px(d);
  const worse = d > 0;
  const title = `degradation ${formatChange(d)} (${worse ? 'worse' : d < 0 ? 'better' : 'unchanged'})${band === null ? '' : `, ±1.96·SE ${formatNumber(band)}`}`;
  return html`<svg class="chart seg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${title}</title><rect class="${worse ? 'worse' : 'better'}" x="${Math.min(x, mid)}" y="4" width="${coord(Math.max(Math.abs(x - mid), 1))}" height="8" fill="${worse ? '#b3261e' : '#1a7f37'}"/>${band !== null && html`<line class="axis" x1="${px(d - band)}" x2="${px(d + band)}" y1="8" y2="8" stroke="#59636e"/>`}<line class="axis" x1="${mid}" x2="${mid}" y1="1" y2="15" stroke="#59636e"/></svg>`;
}
