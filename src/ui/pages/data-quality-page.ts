/**
 * The Data quality tab: missing share, out-of-range share, unseen categories and contract violations per window;
 * the latest violations listed; and the newest window's column statistics against the reference (the batch
 * report's data-quality section).
 * @module
 */
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import { qualitySection } from '../../renderers/html/quality-section.ts';
import type { Model, Project } from '../data/project-data.ts';
import { seriesPoints } from '../data/series-data.ts';
import { latestWindowResult, windowResults } from '../data/window-data.ts';
import { M } from '../metrics.ts';
import { type TimeRange, windowStarts } from '../range.ts';
import { chartPanel } from '../views/chart-panel.ts';
import { alignValues } from '../views/series-align.ts';
import { formatWindow } from '../views/time-format.ts';
import type { UiContext } from './context.ts';

/** Windows whose violations are listed. */
const VIOLATION_WINDOWS = 5;
const MAX_VIOLATIONS = 50;

export async function dataQualityBody(
  ctx: UiContext,
  _project: Project,
  model: Model,
  range: TimeRange,
): Promise<SafeHtml> {
  const storage = ctx.deps.storage;
  const starts = windowStarts(range);
  const metrics = [M.missingShare, M.outOfRangeShare, M.unseenCategoryShare, M.contractViolations];
  const points = await seriesPoints(storage, {
    modelId: model.id,
    metrics,
    granularity: range.granularity,
    from: range.from,
    to: range.to,
  });
  const panel = (id: string, metric: string, title: string, share: boolean) =>
    chartPanel({
      id,
      title,
      x: starts,
      granularity: range.granularity,
      series: [{ label: title, values: alignValues(starts, points.get(metric)) }],
      format: share ? 'share' : 'number',
      ...(share ? { bounds: [0, 1] as const } : {}),
    });
  const withViolations = (points.get(M.contractViolations) ?? [])
    .filter((p) => (p.value ?? 0) > 0)
    .map((p) => p.start)
    .slice(-VIOLATION_WINDOWS);
  const [violated, newest] = await Promise.all([
    windowResults(storage, model.id, range.granularity, withViolations),
    latestWindowResult(storage, model.id, range.granularity, { before: range.to, after: range.from }),
  ]);
  const violations = violated.flatMap((w) =>
    (w.result.contract?.violations ?? []).map((v) => ({ start: w.start, ...v })),
  );
  return html`<section id="dq-series" aria-labelledby="dq-title"><h2 id="dq-title">Data quality over time</h2>
<div class="charts">${panel('dq-missing', M.missingShare, 'Missing share', true)}${panel('dq-range', M.outOfRangeShare, 'Out-of-range share', true)}${panel('dq-unseen', M.unseenCategoryShare, 'Unseen-category share', true)}${panel('dq-contract', M.contractViolations, 'Contract violations', false)}</div></section>
<section id="violations" aria-labelledby="viol-title"><h2 id="viol-title">Latest contract violations</h2>${
    violations.length === 0
      ? html`<p class="muted">No contract violation in this range${withViolations.length === 0 ? '' : ' (the windows with violations have no stored detail)'}. A contract is set per version (<code>contract</code> in <code>POST …/versions</code>).</p>`
      : html`<div class="scroll"><table id="violations-table"><thead><tr><th scope="col">Window</th><th scope="col">Column</th><th scope="col">Check</th><th scope="col">Message</th></tr></thead><tbody>${violations
          .slice(0, MAX_VIOLATIONS)
          .map(
            (v) =>
              html`<tr><td class="nw">${formatWindow(v.start, range.granularity)}</td><td class="name">${v.column ?? '—'}</td><td><code>${v.check}</code></td><td class="msg">${v.message}</td></tr>`,
          )}</tbody></table></div>`
  }</section>
${
  newest &&
  html`<details id="newest-columns"><summary>Column statistics of the newest window (${formatWindow(newest.start, range.granularity)}) against the reference</summary>${qualitySection(newest.result)}</details>`
}`;
}
