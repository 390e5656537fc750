/**
 * The Quality tab: each quality metric over the range — realized (labels joined) and CBPE-estimated — against
 * its reference band (mean ± 3σ of the model's baseline windows), with the windows outside the band marked; the
 * segments, worst first; and estimated versus realized where both exist.
 * @module
 */
import { formatCount } from '../../renderers/html/format.ts';
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import { clampBand, judge } from '../band.ts';
import { baselineBands } from '../data/baseline-data.ts';
import type { Model, Project } from '../data/project-data.ts';
import { listMetricNames, segmentPoints, seriesPoints } from '../data/series-data.ts';
import { higherIsBetter, isUnitMetric, M, qualityKeys, qualityLabel } from '../metrics.ts';
import { paths } from '../paths.ts';
import { rangeQuery, type TimeRange, windowStarts } from '../range.ts';
import { chartPanel, formatValue } from '../views/chart-panel.ts';
import { noLabelsYet } from '../views/empty-states.ts';
import { alignValues, hasValues } from '../views/series-align.ts';
import { formatWindow } from '../views/time-format.ts';
import type { UiContext } from './context.ts';

/** Metric panels shown by default. */
export const DEFAULT_QUALITY_PANELS = 4;

export async function qualityBody(
  ctx: UiContext,
  project: Project,
  model: Model,
  range: TimeRange,
  requested: string | null,
): Promise<SafeHtml> {
  const storage = ctx.deps.storage;
  const names = await listMetricNames(storage, model.id);
  const keys = qualityKeys(names);
  if (keys.length === 0) return noLabelsYet(false);
  const shownKeys =
    requested !== null && keys.includes(requested)
      ? [...new Set([keys[0]!, requested])]
      : keys.slice(0, DEFAULT_QUALITY_PANELS);
  const starts = windowStarts(range);
  const metrics = shownKeys.flatMap((k) => [M.qualityPrefix + k, M.estimatedPrefix + k]);
  const [points, bands] = await Promise.all([
    seriesPoints(storage, {
      modelId: model.id,
      metrics,
      granularity: range.granularity,
      from: range.from,
      to: range.to,
    }),
    baselineBands(storage, model.id, range.granularity, metrics),
  ]);

  let anyRealized = false;
  let anyEstimated = false;
  const panels: SafeHtml[] = [];
  const comparisons: SafeHtml[] = [];
  for (const k of shownKeys) {
    const realized = alignValues(starts, points.get(M.qualityPrefix + k));
    const estimated = alignValues(starts, points.get(M.estimatedPrefix + k));
    const band = clampBand(
      bands.get(M.qualityPrefix + k) ?? bands.get(M.estimatedPrefix + k) ?? null,
      isUnitMetric(k) ? [0, 1] : null,
    );
    if (hasValues(realized)) anyRealized = true;
    if (hasValues(estimated)) anyEstimated = true;
    const alerts = starts.map((_, i) => {
      const r = realized[i] ?? null;
      const v = r ?? estimated[i] ?? null;
      return judge(v, band).level === 'alert';
    });
    const series = [
      ...(hasValues(realized) ? [{ label: `${qualityLabel(k)} (realized)`, values: realized }] : []),
      ...(hasValues(estimated)
        ? [{ label: `${qualityLabel(k)} (CBPE estimate)`, values: estimated, estimated: true }]
        : []),
    ];
    panels.push(
      chartPanel({
        id: `q-${k}`,
        title: qualityLabel(k),
        x: starts,
        granularity: range.granularity,
        series,
        band,
        alerts,
        ...(isUnitMetric(k) ? { bounds: [0, 1] as const } : {}),
      }),
    );
    const both = starts
      .map((s, i) => ({ s, r: realized[i] ?? null, e: estimated[i] ?? null }))
      .filter((x) => x.r !== null && x.e !== null);
    if (both.length > 0) comparisons.push(estimatedVsRealized(k, both, range));
  }
  const others = keys.filter((k) => !shownKeys.includes(k));
  const segments = await segmentTable(ctx, model, range, keys);
  return html`${!anyRealized && noLabelsYet(anyEstimated)}
<section id="quality-series" aria-labelledby="qs-title"><h2 id="qs-title">Quality over time</h2>
<p class="sub">Realized values use the labelled predictions of each window (labels join the window of their prediction). The grey band is mean ± 3σ of the metric over the model's baseline windows (its first 7 days, or the first half of its history); <span class="k-alert">▲</span> marks windows outside it.</p>
<div class="charts">${panels}</div>
${others.length > 0 && html`<p class="muted">Other metrics: ${others.map((k, i) => html`${i > 0 && ', '}<a href="${paths.model(project.name, model.name, 'quality', rangeQuery(range, { metric: k }))}">${qualityLabel(k)}</a>`)}</p>`}
</section>
${segments}
${comparisons.length > 0 && html`<section id="estimated-vs-realized" aria-labelledby="evr-title"><h2 id="evr-title">Estimated versus realized</h2><p class="sub">Where a window has both, how close CBPE's estimate came to the realized value — a persistent gap means the relation between features and target has changed (concept drift), which CBPE cannot see.</p>${comparisons}</section>`}`;
}

function estimatedVsRealized(
  key: string,
  both: readonly { s: number; r: number | null; e: number | null }[],
  range: TimeRange,
): SafeHtml {
  const diffs = both.map((x) => x.e! - x.r!);
  const mad = diffs.reduce((a, d) => a + Math.abs(d), 0) / diffs.length;
  const newest = [...both].reverse().slice(0, 12);
  return html`<details><summary>${qualityLabel(key)}: mean |estimated − realized| ${formatValue(mad)} over ${both.length} window${both.length === 1 ? '' : 's'}</summary>
<table class="evr"><thead><tr><th scope="col">Window</th><th scope="col" class="num">Realized</th><th scope="col" class="num">Estimated</th><th scope="col" class="num">Estimated − realized</th></tr></thead><tbody>${newest.map(
    (x) =>
      html`<tr><td>${formatWindow(x.s, range.granularity)}</td><td class="num">${formatValue(x.r)}</td><td class="num">${formatValue(x.e)}</td><td class="num">${formatValue(x.e! - x.r!)}</td></tr>`,
  )}</tbody></table></details>`;
}

interface SegmentRow {
  segment: string;
  rows: number;
  mean: number | null;
  latest: number | null;
  latestStart: number | null;
}

/** Per segment: the headline metric over the range (rows-weighted) and in its newest window, worst first. */
async function segmentTable(
  ctx: UiContext,
  model: Model,
  range: TimeRange,
  keys: readonly string[],
): Promise<SafeHtml> {
  const storage = ctx.deps.storage;
  for (const k of keys) {
    const pts = await segmentPoints(storage, {
      modelId: model.id,
      metric: M.qualityPrefix + k,
      granularity: range.granularity,
      from: range.from,
      to: range.to,
    });
    if (pts.length === 0) continue;
    const overall = await seriesPoints(storage, {
      modelId: model.id,
      metrics: [M.qualityPrefix + k],
      granularity: range.granularity,
      from: range.from,
      to: range.to,
    });
    let num = 0;
    let den = 0;
    for (const p of overall.get(M.qualityPrefix + k) ?? []) {
      if (p.value === null) continue;
      num += p.value * p.rows;
      den += p.rows;
    }
    const overallMean = den > 0 ? num / den : null;
    const by = new Map<string, SegmentRow & { num: number; den: number }>();
    for (const p of pts) {
      let s = by.get(p.segment);
      if (!s) {
        s = { segment: p.segment, rows: 0, mean: null, latest: null, latestStart: null, num: 0, den: 0 };
        by.set(p.segment, s);
      }
      if (p.value === null) continue;
      s.rows += p.rows;
      s.num += p.value * p.rows;
      s.den += p.rows;
      if (s.latestStart === null || p.start > s.latestStart) {
        s.latestStart = p.start;
        s.latest = p.value;
      }
    }
    const sign = higherIsBetter(k) ? 1 : -1;
    const rows = [...by.values()]
      .map((s) => ({ ...s, mean: s.den > 0 ? s.num / s.den : null }))
      .sort((a, b) => {
        const va = a.mean === null ? Number.POSITIVE_INFINITY : sign * a.mean;
        const vb = b.mean === null ? Number.POSITIVE_INFINITY : sign * b.mean;
        return va - vb || b.rows - a.rows;
      });
    return html`<section id="segments" aria-labelledby="seg-title"><h2 id="seg-title">Segments, worst first</h2>
<p class="sub">${qualityLabel(k)} per segment over the range (weighted by labelled rows), against the whole model (${formatValue(overallMean)}).</p>
<div class="scroll"><table class="segments" id="segments-table"><thead><tr><th scope="col">Segment</th><th scope="col" class="num">${qualityLabel(k)}</th><th scope="col" class="num">vs whole model</th><th scope="col" class="num">Newest window</th><th scope="col" class="num">Labelled rows</th></tr></thead><tbody>${rows.map(
      (s) => {
        const delta = s.mean !== null && overallMean !== null ? s.mean - overallMean : null;
        const worse = delta !== null && sign * delta < 0;
        return html`<tr${worse && html` class="drifted"`}><th scope="row" class="name">${s.segment}</th><td class="num">${formatValue(s.mean)}</td><td class="num">${delta === null ? '—' : html`${worse ? html`<span class="lvl-alert">▼ ${formatValue(delta)}</span>` : html`<span class="lvl-ok">${formatValue(delta)}</span>`}`}</td><td class="num">${formatValue(s.latest)}${s.latestStart !== null && html` <span class="muted">(${formatWindow(s.latestStart, range.granularity)})</span>`}</td><td class="num">${formatCount(s.rows)}</td></tr>`;
      },
    )}</tbody></table></div></section>`;
  }
  return html`<section id="segments"><h2>Segments</h2><p class="muted">No per-segment quality in this range (send <code>segments</code> with the records and labels to get one).</p></section>`;
}
