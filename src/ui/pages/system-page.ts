/**
 * The System tab: latency percentiles, error rate (against its baseline band) and throughput per window.
 * @module
 */
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import { judge } from '../band.ts';
import { baselineBands } from '../data/baseline-data.ts';
import type { Model, Project } from '../data/project-data.ts';
import { seriesPoints } from '../data/series-data.ts';
import { M } from '../metrics.ts';
import { type TimeRange, windowStarts } from '../range.ts';
import { chartPanel } from '../views/chart-panel.ts';
import { alignValues } from '../views/series-align.ts';
import type { UiContext } from './context.ts';

export async function systemBody(
  ctx: UiContext,
  _project: Project,
  model: Model,
  range: TimeRange,
): Promise<SafeHtml> {
  const storage = ctx.deps.storage;
  const starts = windowStarts(range);
  const metrics = [M.latencyP50, M.latencyP95, M.latencyP99, M.errorRate, M.throughput];
  const [points, bands] = await Promise.all([
    seriesPoints(storage, {
      modelId: model.id,
      metrics,
      granularity: range.granularity,
      from: range.from,
      to: range.to,
    }),
    baselineBands(storage, model.id, range.granularity, [M.errorRate, M.latencyP95]),
  ]);
  const v = (m: string) => alignValues(starts, points.get(m));
  const p95 = v(M.latencyP95);
  const errors = v(M.errorRate);
  const errBand = bands.get(M.errorRate) ?? null;
  const latBand = bands.get(M.latencyP95) ?? null;
  return html`<section id="system" aria-labelledby="sys-title"><h2 id="sys-title">System health</h2>
<p class="sub">From the records' <code>latencyMs</code> and <code>error</code> fields, per window. <span class="k-alert">▲</span> marks windows where the p95 latency or the error rate is above its baseline band (mean + 3σ, and at least 25 % or 1 point above the mean).</p>
<div class="charts">${chartPanel({
    id: 'sys-latency',
    title: 'Latency (ms)',
    x: starts,
    granularity: range.granularity,
    series: [
      { label: 'p50', values: v(M.latencyP50) },
      { label: 'p95', values: p95 },
      { label: 'p99', values: v(M.latencyP99) },
    ],
    alerts: p95.map((x) => judge(x, latBand, { side: 'high', minRel: 0.25 }).level === 'alert'),
    alertSeries: 1,
    format: 'ms',
  })}${chartPanel({
    id: 'sys-errors',
    title: 'Error rate',
    x: starts,
    granularity: range.granularity,
    series: [{ label: 'error rate', values: errors }],
    band: errBand,
    alerts: errors.map((x) => judge(x, errBand, { side: 'high', minAbs: 0.01 }).level === 'alert'),
    format: 'share',
    bounds: [0, 1],
  })}${chartPanel({
    id: 'sys-throughput',
    title: 'Throughput (records per minute)',
    x: starts,
    granularity: range.granularity,
    series: [{ label: 'records per minute', values: v(M.throughput) }],
  })}</div></section>`;
}
