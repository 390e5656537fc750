/**
 * A time-series panel: a `<figure>` with the series as data (JSON in `data-chart`, drawn by uPlot in the
 * browser: zoom, cursor synced across the page's panels) and, until then or without JavaScript, a static
 * rendering — the batch report's SVG series chart (`series-chart.ts`, with its reference band and alert marks)
 * for one or two series, a summary in words otherwise. The caption names every line's colour *and* style.
 * @module
 */
import { formatNumber, formatShare } from '../../renderers/html/format.ts';
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import { type ChunkSeries, seriesChart } from '../../renderers/html/series-chart.ts';
import type { Band } from '../band.ts';
import type { Granularity } from '../data/series-data.ts';
import { shortWindowLabel } from './time-format.ts';

export type ValueFormat = 'number' | 'share' | 'ms';

/** Okabe–Ito line styles: colour, dash and marker, in the order series are given. */
export const LINE_STYLES = [
  { color: '#0072B2', dash: null, marker: 'circle', words: 'blue solid line', key: 'k-blue' },
  { color: '#E69F00', dash: [7, 4], marker: 'square', words: 'orange dashed line', key: 'k-orange' },
  { color: '#D55E00', dash: [2, 3], marker: 'circle', words: 'vermillion dotted line', key: 'k-verm' },
  { color: '#009E73', dash: [10, 3, 2, 3], marker: 'square', words: 'green dash-dot line', key: 'k-green' },
] as const;

export interface PanelSeries {
  readonly label: string;
  /** One value per window start in `PanelSpec.x`; null leaves a gap. */
  readonly values: readonly (number | null)[];
  /** Estimated figures (CBPE) draw as the report's estimated style. Default false. */
  readonly estimated?: boolean;
}

export interface PanelSpec {
  /** Unique in the page. */
  readonly id: string;
  readonly title: string;
  /** Window starts, ms. */
  readonly x: readonly number[];
  readonly granularity: Granularity;
  readonly series: readonly PanelSeries[];
  readonly band?: Band | null;
  /** Per window: whether a figure there is outside the band. */
  readonly alerts?: readonly boolean[];
  /** The series the alerts are about (marked on it). Default: the first series with a value at the window. */
  readonly alertSeries?: number;
  readonly format?: ValueFormat;
  /** The values' possible range, e.g. [0, 1] for shares. */
  readonly bounds?: readonly [number, number];
  /** Extra caption text. */
  readonly note?: SafeHtml | string | null;
}

export function formatValue(x: number | null | undefined, f: ValueFormat = 'number'): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (f === 'share') return formatShare(x);
  if (f === 'ms') return `${formatNumber(x)} ms`;
  return formatNumber(x);
}

/** An element id from any text: characters outside [A-Za-z0-9_-] become `_`. */
export function safeId(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function chartPanel(spec: PanelSpec): SafeHtml {
  const p = { ...spec, id: safeId(spec.id) };
  const fmt = p.format ?? 'number';
  const band = p.band ?? null;
  const alerts = p.alerts ?? [];
  // The value at each alerted window: the first series with a value there (realized before estimated).
  const alertMarks: { i: number; v: number; s: number }[] = [];
  alerts.forEach((a, i) => {
    if (!a) return;
    const only = p.alertSeries;
    if (only !== undefined) {
      const v = p.series[only]?.values[i];
      if (v !== null && v !== undefined && Number.isFinite(v)) alertMarks.push({ i, v, s: only });
      return;
    }
    for (let k = 0; k < p.series.length; k++) {
      const v = p.series[k]!.values[i];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        alertMarks.push({ i, v, s: k });
        return;
      }
    }
  });
  const data = {
    x: p.x.map((t) => t / 1000),
    format: fmt,
    ...(p.bounds ? { bounds: p.bounds } : {}),
    ...(band ? { band: { lower: band.lower, upper: band.upper } } : {}),
    alerts: alertMarks.map(({ i, v }) => ({ i, v })),
    series: p.series.map((s, i) => {
      const st = s.estimated ? LINE_STYLES[1] : LINE_STYLES[i % LINE_STYLES.length]!;
      return {
        label: s.label,
        values: s.values.map((v) => (v === null || !Number.isFinite(v) ? null : v)),
        color: st.color,
        ...(st.dash ? { dash: st.dash } : {}),
        marker: st.marker,
      };
    }),
  };
  const hasData = p.series.some((s) => s.values.some((v) => v !== null && Number.isFinite(v)));
  const legend = p.series.map((s, i) => {
    const st = s.estimated ? LINE_STYLES[1] : LINE_STYLES[i % LINE_STYLES.length]!;
    const vs = s.values.filter((v): v is number => v !== null && Number.isFinite(v));
    const last = lastValue(s.values);
    return html`<span class="nw"><span class="key-line ${st.key}" aria-hidden="true"></span>${s.label} (${st.words})${vs.length > 0 && html`: latest ${formatValue(last, fmt)}, range ${formatValue(Math.min(...vs), fmt)}–${formatValue(Math.max(...vs), fmt)}`}</span>`;
  });
  const alertCount = alertMarks.length;
  const caption = html`${legend.map((l, i) => html`${i > 0 && '; '}${l}`)}${band && html`; <span class="nw"><span class="k-band" aria-hidden="true"></span>grey area: reference band (mean ± 3σ of the baseline) ${formatValue(band.lower, fmt)} to ${formatValue(band.upper, fmt)}</span>`}${alertCount > 0 && html`; <span class="k-alert" aria-hidden="true">▲</span> ${alertCount} window${alertCount === 1 ? '' : 's'} outside the band`}.${p.note && html` ${p.note}`}`;
  return html`<figure class="chart-panel" id="${p.id}" data-metric="${spec.id}" data-chart="${JSON.stringify(data)}"><h3>${p.title}</h3>${hasData ? html`<div class="plot"></div><div class="static">${staticChart(p, fmt, alertMarks)}</div>` : html`<p class="na">No data in this range.</p>`}<figcaption>${caption}</figcaption></figure>`;
}

function lastValue(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return v;
  }
  return null;
}

/** The static rendering: the report's SVG series chart for up to two series, else words. */
function staticChart(p: PanelSpec, fmt: ValueFormat, alerted: readonly { i: number; s: number }[]): SafeHtml {
  if (p.series.length > 2)
    return html`<p class="muted">${p.series.map((s, i) => html`${i > 0 && '; '}${s.label}: latest ${formatValue(lastValue(s.values), fmt)}`)}</p>`;
  const alertSet = new Set(alerted.map((a) => `${a.s}:${a.i}`));
  const series: ChunkSeries[] = p.series.map((s, k) => ({
    kind: s.estimated || k === 1 ? 'estimated' : 'realized',
    label: s.label,
    values: s.values,
    alerts: s.values.map((_, j) => alertSet.has(`${k}:${j}`)),
  }));
  return seriesChart({
    id: `${p.id}-svg`,
    heading: p.title,
    labels: p.x.map((t) => shortWindowLabel(t, p.granularity)),
    series,
    band: p.band ? { lower: p.band.lower, upper: p.band.upper, label: 'reference band' } : null,
    ...(p.bounds ? { bounds: p.bounds } : {}),
    format: (x) => formatValue(x, fmt),
    width: 520,
    height: 200,
  });
}
