/**
 * The overview's figures per model, from the latest hourly windows (all versions, whole window): drift share,
 * the main quality metric against its reference band (its CBPE estimate while labels are pending), error rate,
 * p95 latency, time of the last record and label lag — each with a level and a sparkline of recent windows.
 * @module
 */
import type { StorageHandle } from '../../storage/open-database.ts';
import { alertLimit, type Band, clampBand, judge, LEVEL_RANK, type Level, worst } from '../band.ts';
import { FORMAT_OF, isUnitMetric, M, mainQualityKey, qualityLabel } from '../metrics.ts';
import { formatValue } from '../views/chart-panel.ts';
import { formatAgo, formatDuration, formatWindow } from '../views/time-format.ts';
import { baselineBands } from './baseline-data.ts';
import type { Model } from './project-data.ts';
import { lastLabelledTs, lastRecordTs } from './record-data.ts';
import { GRANULARITY_MS, listMetricNames, type SeriesPoint, seriesPoints } from './series-data.ts';
import { latestWindowResult } from './window-data.ts';

/** Sparklines show this many hourly windows. */
export const SPARK_WINDOWS = 48;
const HOUR = GRANULARITY_MS['1h'];
/** Records older than this make the "last record" figure a warning. */
const STALE_MS = 2 * HOUR;
/** Labels further behind than this are a warning. */
const LABEL_LAG_WARN_MS = 24 * HOUR;
/** How far back the label lag is looked for. */
const LABEL_LOOKBACK_MS = 7 * 24 * HOUR;

export type FigureKey = 'drift' | 'quality' | 'errorRate' | 'latencyP95' | 'lastRecord' | 'labelLag';

export interface Figure {
  readonly key: FigureKey;
  /** Column heading, e.g. `Drift share`. */
  readonly label: string;
  readonly level: Level;
  /** The figure as shown, e.g. `33.3%`. */
  readonly text: string;
  /** A line under the badge, e.g. `2 of 6 features: income, debt_ratio`. */
  readonly detail: string;
  /** Recent windows, oldest first (empty: no sparkline). */
  readonly spark: readonly (number | null)[];
  readonly band: Band | null;
  readonly sparkLabel: string;
}

export interface ModelOverview {
  readonly name: string;
  readonly level: Level;
  readonly figures: readonly Figure[];
  /** Start of the newest evaluated hourly window, or null. */
  readonly lastWindowStart: number | null;
  readonly alertCount: number;
  readonly warnCount: number;
}

function lastPoint(points: readonly SeriesPoint[]): SeriesPoint | undefined {
  for (let i = points.length - 1; i >= 0; i--) if (points[i]!.value !== null) return points[i];
  return undefined;
}

/** Values aligned on the hourly grid of the last SPARK_WINDOWS windows before `end`. */
function align(points: readonly SeriesPoint[], end: number): (number | null)[] {
  const start = end - SPARK_WINDOWS * HOUR;
  const out: (number | null)[] = new Array(SPARK_WINDOWS).fill(null);
  for (const p of points) {
    const i = Math.floor((p.start - start) / HOUR);
    if (i >= 0 && i < SPARK_WINDOWS) out[i] = p.value;
  }
  return out;
}

function sigmaText(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '';
  const r = Math.round(s * 10) / 10;
  return ` (${r >= 0 ? '+' : '−'}${Math.abs(r)}σ)`;
}

export async function modelOverview(
  storage: StorageHandle,
  model: Model,
  now: number,
): Promise<ModelOverview> {
  const names = await listMetricNames(storage, model.id);
  const qKey = mainQualityKey(names);
  const realized = qKey ? `${M.qualityPrefix}${qKey}` : null;
  const estimated = qKey ? `${M.estimatedPrefix}${qKey}` : null;
  const metrics: string[] = [M.driftShare, M.driftDataset, M.errorRate, M.latencyP95];
  if (realized) metrics.push(realized);
  if (estimated) metrics.push(estimated);
  const end = Math.floor(now / HOUR) * HOUR + HOUR;
  const [recent, bands, latest, lastTs, labelled] = await Promise.all([
    seriesPoints(storage, {
      modelId: model.id,
      metrics,
      granularity: '1h',
      from: end - SPARK_WINDOWS * HOUR,
      to: end,
    }),
    baselineBands(storage, model.id, '1h', [
      M.errorRate,
      M.latencyP95,
      ...(realized ? [realized] : []),
      ...(estimated ? [estimated] : []),
    ]),
    latestWindowResult(storage, model.id, '1h'),
    lastRecordTs(storage, model.id),
    lastLabelledTs(storage, model.id, now - LABEL_LOOKBACK_MS),
  ]);
  const pts = (m: string) => recent.get(m) ?? [];
  const figures: Figure[] = [];

  // Drift: the newest window's drift share, red when that window has dataset drift.
  const shareLast = lastPoint(pts(M.driftShare));
  const lastWindowStart = shareLast?.start ?? latest?.start ?? null;
  const drift = latest?.start === shareLast?.start ? latest?.result.drift : undefined;
  const datasetLast = pts(M.driftDataset).find((p) => p.start === shareLast?.start)?.value;
  const datasetDrift = drift ? drift.datasetDrift : datasetLast === 1;
  const driftShareThreshold = drift?.driftShare ?? 0.5;
  let driftLevel: Level = 'none';
  if (shareLast?.value !== null && shareLast?.value !== undefined) {
    driftLevel = datasetDrift ? 'alert' : shareLast.value >= driftShareThreshold / 2 ? 'warn' : 'ok';
  }
  const drifted = drift ? drift.columns.filter((c) => c.drifted).map((c) => c.column) : [];
  figures.push({
    key: 'drift',
    label: 'Drift share',
    level: driftLevel,
    text: shareLast ? formatValue(shareLast.value, 'share') : '—',
    detail: shareLast
      ? `${datasetDrift ? 'dataset drift' : 'no dataset drift'}${drift ? ` · ${drift.driftedCount} of ${drift.columnCount}` : ''}${drifted.length ? `: ${drifted.slice(0, 3).join(', ')}${drifted.length > 3 ? ', …' : ''}` : ''} · ${formatWindow(shareLast.start, '1h')}`
      : 'no evaluated window yet',
    spark: align(pts(M.driftShare), end),
    band: null,
    sparkLabel: `Drift share over the last ${SPARK_WINDOWS} hourly windows`,
  });

  // Quality: realized for the newest window when labels are in, else the CBPE estimate.
  if (qKey && realized && estimated) {
    const band = clampBand(
      bands.get(realized) ?? bands.get(estimated) ?? null,
      isUnitMetric(qKey) ? [0, 1] : null,
    );
    const r = lastPoint(pts(realized));
    const e = lastPoint(pts(estimated));
    const useEstimate = e !== undefined && (r === undefined || e.start > r.start);
    const shown = useEstimate ? e : r;
    const jShown = judge(shown?.value ?? null, band);
    const jRealized = useEstimate && r ? judge(r.value, band) : jShown;
    const level = worst(jShown.level, jRealized.level);
    const label = qualityLabel(qKey);
    figures.push({
      key: 'quality',
      label,
      level,
      text: shown
        ? `${formatValue(shown.value)}${useEstimate ? ' est.' : ''}${sigmaText(jShown.sigmas)}`
        : '—',
      detail: band
        ? `${label} · band ${formatValue(band.lower)}–${formatValue(band.upper)}${useEstimate ? ` · CBPE estimate; last realized ${r ? `${formatValue(r.value)} (${formatWindow(r.start, '1h')})` : 'none yet'}` : ''}`
        : `${label} · no reference band yet (needs 6 windows of history)`,
      spark: align(useEstimate ? mergeSeries(pts(realized), pts(estimated)) : pts(realized), end),
      band,
      sparkLabel: `${label} over the last ${SPARK_WINDOWS} hourly windows${useEstimate ? ' (realized, then estimated)' : ''}`,
    });
  } else {
    figures.push({
      key: 'quality',
      label: 'Quality',
      level: 'none',
      text: '—',
      detail: 'no labels or scores yet',
      spark: [],
      band: null,
      sparkLabel: 'quality',
    });
  }

  // Error rate and p95 latency: only a rise is bad; tiny absolute changes are ignored.
  for (const [key, metric, label, opts] of [
    ['errorRate', M.errorRate, 'Error rate', { side: 'high', minAbs: 0.01 }],
    ['latencyP95', M.latencyP95, 'p95 latency', { side: 'high', minRel: 0.25 }],
  ] as const) {
    const band = bands.get(metric) ?? null;
    const p = lastPoint(pts(metric));
    const j = judge(p?.value ?? null, band, opts);
    const fmt = FORMAT_OF[metric] ?? 'number';
    figures.push({
      key,
      label,
      level: p ? (band ? j.level : 'ok') : 'none',
      text: p ? `${formatValue(p.value, fmt)}${sigmaText(j.sigmas)}` : '—',
      detail: band
        ? `alert above ${formatValue(alertLimit(band, opts), fmt)}`
        : p
          ? 'no band yet'
          : 'no data',
      spark: align(pts(metric), end),
      band,
      sparkLabel: `${label} over the last ${SPARK_WINDOWS} hourly windows`,
    });
  }

  const age = lastTs === null ? null : now - lastTs;
  figures.push({
    key: 'lastRecord',
    label: 'Last record',
    level: age === null ? 'none' : age > STALE_MS ? 'warn' : 'ok',
    text: formatAgo(lastTs, now),
    detail: age !== null && age > STALE_MS ? 'no recent traffic' : '',
    spark: [],
    band: null,
    sparkLabel: '',
  });
  const lag = labelled.ts === null ? null : now - labelled.ts;
  figures.push({
    key: 'labelLag',
    label: 'Label lag',
    level: !labelled.anyLabel ? 'none' : lag === null || lag > LABEL_LAG_WARN_MS ? 'warn' : 'ok',
    text: !labelled.anyLabel ? 'no labels yet' : lag === null ? '> 7 d' : formatDuration(lag),
    detail: labelled.anyLabel ? 'newest labelled prediction' : 'quality shows CBPE estimates',
    spark: [],
    band: null,
    sparkLabel: '',
  });

  let level: Level = 'none';
  let alertCount = 0;
  let warnCount = 0;
  for (const f of figures) {
    if (f.key === 'lastRecord' || f.key === 'labelLag') {
      if (f.level === 'warn') warnCount++;
      continue;
    }
    level = worst(level, f.level);
    if (f.level === 'alert') alertCount++;
    if (f.level === 'warn') warnCount++;
  }
  if (level === 'ok' || level === 'none') {
    // Stale traffic or labels lower an otherwise fine model to a warning, never to red.
    if (figures.some((f) => (f.key === 'lastRecord' || f.key === 'labelLag') && f.level === 'warn'))
      level = 'warn';
  }
  return { name: model.name, level, figures, lastWindowStart, alertCount, warnCount };
}

/** Realized values where present, estimated values after the newest realized one. */
function mergeSeries(realized: readonly SeriesPoint[], estimated: readonly SeriesPoint[]): SeriesPoint[] {
  const last = lastPoint(realized)?.start ?? Number.NEGATIVE_INFINITY;
  return [...realized.filter((p) => p.value !== null), ...estimated.filter((p) => p.start > last)];
}

/** Worst first: level, then the number of alerts and warnings, then name. */
export function sortWorstFirst(rows: readonly ModelOverview[]): ModelOverview[] {
  return [...rows].sort(
    (a, b) =>
      LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
      b.alertCount - a.alertCount ||
      b.warnCount - a.warnCount ||
      a.name.localeCompare(b.name),
  );
}
