/**
 * Data for the Drift tab: per-feature drift statistics from the `drift.feature.<name>` and `drift.prediction`
 * series, verdicts from each cell's method and threshold (as the newest window result in the range states
 * them, else the method's default), and one window's column detail from its stored result.
 * @module
 */
import { METHOD_SPECS, type MethodId } from '../../core/drift/method-spec.ts';
import type { ColumnDrift } from '../../core/report/result-schema.ts';
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import type { Model, Project } from '../data/project-data.ts';
import { listMetricNames, seriesPoints } from '../data/series-data.ts';
import { latestWindowResult, windowResult } from '../data/window-data.ts';
import { featureNames, M } from '../metrics.ts';
import { paths } from '../paths.ts';
import { rangeQuery, type TimeRange, windowStarts } from '../range.ts';
import {
  cellClass,
  cellDetail,
  type HeatCell,
  type HeatRow,
  heatmap,
  severity,
} from '../views/drift-view.ts';
import type { UiContext } from './context.ts';

/** At most this many columns (a month of hours); older windows are cut. */
export const MAX_HEATMAP_COLUMNS = 744;

type Rule = Pick<ColumnDrift, 'method' | 'statisticKind' | 'threshold' | 'operator'>;

function ruleFor(method: string | null, known: Rule | undefined): Rule | null {
  if (
    known &&
    known.threshold !== null &&
    known.operator !== null &&
    (method === null || known.method === method)
  )
    return known;
  if (method !== null && Object.hasOwn(METHOD_SPECS, method)) {
    const s = METHOD_SPECS[method as MethodId];
    return { method: s.id, statisticKind: s.kind, threshold: s.defaultThreshold, operator: s.operator };
  }
  return null;
}

function isDrifted(statistic: number, rule: Rule): boolean {
  const t = rule.threshold!;
  switch (rule.operator) {
    case '<':
      return statistic < t;
    case '<=':
      return statistic <= t;
    case '>':
      return statistic > t;
    default:
      return statistic >= t;
  }
}

export interface SelectedCell {
  readonly start: number;
  readonly column: string;
}

export async function driftBody(
  ctx: UiContext,
  project: Project,
  model: Model,
  range: TimeRange,
  selected: SelectedCell | null,
): Promise<SafeHtml> {
  const storage = ctx.deps.storage;
  let starts = windowStarts(range);
  const truncated = starts.length > MAX_HEATMAP_COLUMNS;
  if (truncated) starts = starts.slice(starts.length - MAX_HEATMAP_COLUMNS);
  const from = starts[0] ?? range.from;
  const names = await listMetricNames(storage, model.id);
  const features = featureNames(names);
  const hasPrediction = names.includes(M.driftPrediction);
  const metrics = [
    ...(hasPrediction ? [M.driftPrediction] : []),
    ...features.map((f) => M.featurePrefix + f),
  ];
  const [points, latest] = await Promise.all([
    seriesPoints(storage, { modelId: model.id, metrics, granularity: range.granularity, from, to: range.to }),
    latestWindowResult(storage, model.id, range.granularity, { before: range.to, after: from }),
  ]);
  const rules = new Map<string, Rule>((latest?.result.drift.columns ?? []).map((c) => [c.column, c]));
  const predictionColumn = rules.has('prediction')
    ? 'prediction'
    : rules.has('score')
      ? 'score'
      : 'prediction';

  const rows: HeatRow[] = [];
  const rowFor = (metric: string, column: string, label: string, prediction: boolean): HeatRow => {
    const byStart = new Map((points.get(metric) ?? []).map((p) => [p.start, p]));
    const cells: HeatCell[] = starts.map((start) => {
      const p = byStart.get(start);
      const href = paths.model(
        project.name,
        model.name,
        'drift',
        rangeQuery(range, { start: String(start), column }),
      );
      const statistic = p?.value ?? null;
      const rule = ruleFor(p?.method ?? null, rules.get(column));
      if (statistic === null || rule === null || rule.statisticKind === null) {
        return {
          start,
          statistic,
          method: p?.method ?? null,
          kind: rule?.statisticKind ?? null,
          threshold: rule?.threshold ?? null,
          operator: rule?.operator ?? null,
          drifted: null,
          cls: 'c-none',
          href,
        };
      }
      const drifted = isDrifted(statistic, rule);
      return {
        start,
        statistic,
        method: p?.method ?? null,
        kind: rule.statisticKind,
        threshold: rule.threshold,
        operator: rule.operator,
        drifted,
        cls: cellClass(drifted, severity(statistic, rule.statisticKind, rule.threshold!)),
        href,
      };
    });
    return { column, label, prediction, cells };
  };
  if (hasPrediction)
    rows.push(rowFor(M.driftPrediction, predictionColumn, `${predictionColumn} (output)`, true));
  for (const f of features) rows.push(rowFor(M.featurePrefix + f, f, f, false));

  const detail = selected ? await driftCell(ctx, model, range.granularity, selected) : null;
  if (rows.length === 0)
    return html`<section class="empty"><h2>No drift results yet</h2><p>Drift is computed when a window closes (an hour plus a grace period, or a day), against the version's reference — or, until one is uploaded, the first full day of production data. Upload a reference with <code>PUT …/versions/{version}/reference</code> to compare against your training data.</p></section>`;
  return html`${heatmap({
    starts,
    rows,
    granularity: range.granularity,
    selected: selected ? `${selected.start}:${selected.column}` : null,
    truncated,
  })}
<div id="cell-detail" aria-live="polite">${detail ?? html`<p class="muted">No cell selected.</p>`}</div>`;
}

/** One cell's detail from the window's stored result. */
export async function driftCell(
  ctx: UiContext,
  model: Model,
  granularity: TimeRange['granularity'],
  cell: SelectedCell,
): Promise<SafeHtml> {
  const w = await windowResult(ctx.deps.storage, model.id, granularity, cell.start);
  const column = w?.result.drift.columns.find((c) => c.column === cell.column) ?? null;
  const reference = (
    w?.result as { monitor?: { reference?: { kind?: string; versionName?: string } } } | undefined
  )?.monitor?.reference;
  const refText = reference
    ? reference.kind === 'version'
      ? `version ${reference.versionName ?? ''} reference`
      : reference.kind === 'range'
        ? `version ${reference.versionName ?? ''} production range`
        : reference.kind === 'first-day'
          ? 'first full day of production data'
          : 'none'
    : null;
  return cellDetail({
    feature: cell.column,
    granularity,
    start: cell.start,
    column,
    missing: !w
      ? 'This window has not been evaluated yet (windows are evaluated when they end, plus a grace period).'
      : column === null
        ? `The window result has no drift test of ${cell.column}.`
        : null,
    window: w ? { rows: w.rows, status: w.status, revision: w.revision, evaluatedAt: w.evaluatedAt } : null,
    reference: refText,
  });
}
