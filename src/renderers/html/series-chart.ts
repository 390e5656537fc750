/**
 * A small static SVG line chart of one metric across the chunks of the current data (the "Over time"
 * section): x = chunk (its key as label, thinned when they would overlap), y = the metric, with
 * - the reference band (`chunkThresholds.<metric>`) as a grey shaded area; an open side (null) extends
 *   to the edge of the plot;
 * - per series a line with a marker per chunk; a series may carry its own band (the CBPE estimate's
 *   sampling-error band, `estimated.<metric>.lower/upper`), drawn as a lighter area of its colour;
 * - a red ▲ above the plot at every chunk where a series raised an alert, with the alerts in words in its
 *   `<title>`, and a red ring around each alerted point.
 *
 * Not colour-only: realized values are Okabe–Ito blue (#0072B2), a solid line with circles; estimated
 * values are Okabe–Ito orange (#E69F00), a dashed line with squares (the styles of `curve-chart.ts`).
 * The SVG has `role="img"` and a `<title>` describing the whole chart in words; every marker has its own
 * `<title>` (a tooltip). The page's CSP forbids `style` attributes, so colours are presentation
 * attributes plus classes of the existing stylesheet (`lr`/`lc`/`c` for the series, `na` and `drift`
 * with `fill="currentColor"` for the band and the alerts), which dark mode adjusts.
 * @module
 */
import { SERIES_STYLE, type Side } from './curve-chart.ts';
import { coord, formatNumber } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export type SeriesKind = 'realized' | 'estimated';

export interface ChunkSeries {
  readonly kind: SeriesKind;
  /** Names the series in tooltips and alerts, e.g. `estimated ROC AUC`. */
  readonly label: string;
  /** One value per chunk; null (or NaN) leaves a gap. */
  readonly values: readonly (number | null)[];
  /** The per-chunk band of this series (the CBPE sampling-error band), when it has one. */
  readonly lower?: readonly (number | null)[];
  readonly upper?: readonly (number | null)[];
  /** One flag per chunk: whether this series raised an alert there. */
  readonly alerts: readonly boolean[];
}

export interface ReferenceBand {
  /** null: open below (the band extends to the bottom of the plot). */
  readonly lower: number | null;
  /** null: open above (the band extends to the top of the plot). */
  readonly upper: number | null;
  /** Names the band in words, e.g. `reference band`. */
  readonly label: string;
}

export interface SeriesChartSpec {
  /** Unique in the page (used for `aria-labelledby`). */
  readonly id: string;
  /** The metric's name, drawn at the top left, e.g. `ROC AUC`. */
  readonly heading: string;
  /** The chunk keys, one per chunk (the x axis). */
  readonly labels: readonly string[];
  readonly series: readonly ChunkSeries[];
  /** Default none. */
  readonly band?: ReferenceBand | null;
  /** The range the metric can take (e.g. [0, 1] for a rate): the y axis never extends past it. Default unbounded. */
  readonly bounds?: readonly [number, number];
  /** Formats a value for labels and tooltips. Default `formatNumber`. */
  readonly format?: (x: number | null) => string;
  /** Width in CSS pixels. Default 400. */
  readonly width?: number;
  /** Height in CSS pixels. Default 190. */
  readonly height?: number;
}

const STYLE_OF: Readonly<Record<SeriesKind, Side>> = { realized: 'reference', estimated: 'current' };
/** The series' style in words, for the chart's `<title>`. */
export const SERIES_WORDS: Readonly<Record<SeriesKind, string>> = {
  realized: 'blue solid line with circles',
  estimated: 'orange dashed line with squares',
};
/** The stylesheet's `--drift` colour (light mode), the fallback of the alert marks. */
const ALERT_COLOR = '#b3261e';
const MUTED_COLOR = '#59636e';
/** Approximate width of one character of the 10px chart font. */
const CHAR_WIDTH = 5.6;
/** Chunk labels longer than this are cut with `…`. */
const MAX_LABEL_CHARS = 18;
/** Markers are drawn only when chunks are at least this far apart (px); the line alone otherwise. */
const MIN_MARKER_STEP = 6;
const MARKER = 3;

const finite = (x: number | null | undefined): x is number =>
  x !== null && x !== undefined && Number.isFinite(x);

export function seriesChart(spec: SeriesChartSpec): SafeHtml {
  const width = spec.width ?? 400;
  const height = spec.height ?? 190;
  const fmt = spec.format ?? formatNumber;
  const m = { top: 32, right: 14, bottom: 30, left: 50 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const n = spec.labels.length;
  const step = plotW / Math.max(n, 1);
  const bottom = m.top + plotH;
  const right = m.left + plotW;

  const [lo, hi] = yDomain(spec);
  const px = (i: number) => coord(m.left + (i + 0.5) * step);
  const py = (y: number) => coord(m.top + (1 - (Math.min(Math.max(y, lo), hi) - lo) / (hi - lo)) * plotH);

  // The reference band: an open side reaches the edge of the plot.
  const band = spec.band ?? null;
  let bandMarkup: SafeHtml | null = null;
  if (band !== null) {
    const top = finite(band.upper) ? py(band.upper) : m.top;
    const low = finite(band.lower) ? py(band.lower) : bottom;
    const edge = (y: number) =>
      html`<line class="diag" x1="${m.left}" x2="${right}" y1="${y}" y2="${y}" stroke="#888" stroke-dasharray="2 3"/>`;
    bandMarkup = html`<g><title>${bandText(band, fmt)}</title><rect class="na" x="${m.left}" y="${top}" width="${coord(plotW)}" height="${coord(Math.max(low - top, 0.5))}" color="${MUTED_COLOR}" fill="currentColor" fill-opacity="0.16"/>${finite(band.upper) && edge(top)}${finite(band.lower) && edge(low)}</g>`;
  }

  const grid = html`<line class="grid" x1="${m.left}" x2="${right}" y1="${m.top}" y2="${m.top}"/><text x="${m.left - 4}" y="${m.top + 3}" text-anchor="end">${fmt(hi)}</text><text x="${m.left - 4}" y="${bottom + 3}" text-anchor="end">${fmt(lo)}</text>`;

  const seriesBands = spec.series.map((s) => seriesBand(s, n, px, py));
  const withMarkers = step >= MIN_MARKER_STEP;
  const lines = spec.series.map((s) => {
    const st = SERIES_STYLE[STYLE_OF[s.kind]];
    const d = runs(n, (i) => finite(s.values[i]))
      .filter((r) => r.length > 1)
      .map((r) => r.map((i, j) => `${j === 0 ? 'M' : 'L'}${px(i)} ${py(s.values[i]!)}`).join(''))
      .join('');
    const line =
      d !== '' &&
      html`<path class="${st.cls}" fill="none" stroke="${st.color}" stroke-width="2"${st.dash && html` stroke-dasharray="${st.dash}"`} d="${d}"><title>${s.label}</title></path>`;
    const markers = Array.from({ length: n }, (_, i) => {
      const v = s.values[i];
      if (!finite(v)) return null;
      const alerted = s.alerts[i] === true;
      // An isolated point (no line through it) keeps its marker even when markers are thinned out.
      const isolated = !finite(s.values[i - 1]) && !finite(s.values[i + 1]);
      if (!withMarkers && !alerted && !isolated) return null;
      const lower = s.lower?.[i];
      const upper = s.upper?.[i];
      const range = finite(lower) && finite(upper) ? ` (${fmt(lower)} to ${fmt(upper)})` : '';
      const tip = `${spec.labels[i] ?? ''}: ${s.label} ${fmt(v)}${range}${alerted ? ` — ▲ alert: ${position(v, band)}` : ''}`;
      const x = px(i);
      const y = py(v);
      return html`<g><title>${tip}</title>${marker(s.kind, x, y)}${alerted && html`<circle class="drift" cx="${x}" cy="${y}" r="${MARKER + 2.5}" color="${ALERT_COLOR}" fill="none" stroke="currentColor" stroke-width="1.5"/>`}</g>`;
    });
    return html`<g>${line}${markers}</g>`;
  });

  // One ▲ per alerted chunk, in a strip between the heading and the plot, so it never hides a line.
  const alerts = Array.from({ length: n }, (_, i) => {
    const raised = spec.series.filter((s) => s.alerts[i] === true);
    if (raised.length === 0) return null;
    const words = raised.map(
      (s) => `${s.label} ${fmt(s.values[i] ?? null)} ${position(s.values[i] ?? null, band)}`,
    );
    const x = px(i);
    const y = m.top - 8;
    return html`<g class="alert" data-chunk="${i}" data-series="${raised.map((s) => s.kind).join(' ')}"><title>▲ alert at ${spec.labels[i] ?? ''}: ${words.join('; ')}</title><path class="drift" d="M${x} ${y - 4.5}L${coord(x + 4.5)} ${y + 3.5}L${coord(x - 4.5)} ${y + 3.5}Z" color="${ALERT_COLOR}" fill="currentColor"/></g>`;
  });

  // x axis: a tick per chunk, labels thinned (counted from the latest chunk, which is always labelled).
  const shown = spec.labels.map((l) => truncate(l, MAX_LABEL_CHARS));
  const widest = Math.max(0, ...shown.map((l) => Array.from(l).length * CHAR_WIDTH)) + 8;
  const every = Math.max(1, Math.ceil(widest / step));
  const ticks = Array.from({ length: n }, (_, i) => {
    const x = px(i);
    const tick =
      withMarkers && html`<line class="axis" x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 3}"/>`;
    if ((n - 1 - i) % every !== 0) return tick;
    const half = (Array.from(shown[i]!).length * CHAR_WIDTH) / 2;
    const cx = coord(Math.min(Math.max(x, half + 1), width - half - 1));
    return html`${tick}<text x="${cx}" y="${bottom + 14}" text-anchor="middle">${shown[i]!}</text>`;
  });
  const axes = html`<path class="axis" fill="none" d="M${m.left} ${m.top}V${bottom}H${right}"/>${ticks}<text class="axt" x="${coord(m.left + plotW / 2)}" y="${height - 3}" text-anchor="middle">chunk</text>`;
  const heading = html`<text class="axt" x="2" y="12" font-weight="600">${spec.heading}</text>`;

  return html`<svg class="chart series" role="img" aria-labelledby="${spec.id}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title id="${spec.id}">${describe(spec, fmt, lo, hi)}</title>${heading}${bandMarkup}${grid}${seriesBands}${lines}${axes}${alerts}</svg>`;
}

/** The y range: every value, series band and finite reference-band side, widened to round numbers. */
function yDomain(spec: SeriesChartSpec): [number, number] {
  const ys: number[] = [];
  for (const s of spec.series)
    for (const arr of [s.values, s.lower ?? [], s.upper ?? []])
      for (const v of arr) if (finite(v)) ys.push(v);
  if (spec.band) for (const v of [spec.band.lower, spec.band.upper]) if (finite(v)) ys.push(v);
  const [bmin, bmax] = spec.bounds ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  if (ys.length === 0) return Number.isFinite(bmin) && Number.isFinite(bmax) ? [bmin, bmax] : [0, 1];
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  const tick = niceStep((hi - lo) / 4);
  // Round outwards to a multiple of the tick (toPrecision drops float noise such as 0.9500000000000001).
  const clean = (x: number) => Number(x.toPrecision(12));
  lo = clean(Math.floor(lo / tick + 1e-9) * tick);
  hi = clean(Math.ceil(hi / tick - 1e-9) * tick);
  return [Math.max(lo, bmin), Math.min(hi, bmax)];
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `x`. */
function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  const f = x / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/** Maximal runs of consecutive indices where `ok` holds. */
function runs(n: number, ok: (i: number) => boolean): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ok(i)) cur.push(i);
    else if (cur.length > 0) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** The series' own band (lighter, in its colour): an area over each run, an error bar for a lone chunk. */
function seriesBand(
  s: ChunkSeries,
  n: number,
  px: (i: number) => number,
  py: (y: number) => number,
): SafeHtml | null {
  const { lower, upper } = s;
  if (lower === undefined || upper === undefined) return null;
  const st = SERIES_STYLE[STYLE_OF[s.kind]];
  const fill = s.kind === 'estimated' ? 'c' : 'r';
  const parts = runs(n, (i) => finite(lower[i]) && finite(upper[i])).map((r) => {
    if (r.length === 1) {
      const i = r[0]!;
      return html`<line class="${st.cls}" x1="${px(i)}" x2="${px(i)}" y1="${py(upper[i]!)}" y2="${py(lower[i]!)}" stroke="${st.color}" stroke-opacity="0.5" stroke-width="4"/>`;
    }
    const top = r.map((i, j) => `${j === 0 ? 'M' : 'L'}${px(i)} ${py(upper[i]!)}`).join('');
    const back = [...r]
      .reverse()
      .map((i) => `L${px(i)} ${py(lower[i]!)}`)
      .join('');
    return html`<path class="${fill}" d="${top}${back}Z" fill="${st.color}" fill-opacity="0.2"/>`;
  });
  return parts.length === 0 ? null : html`<g><title>${s.label}: sampling-error band</title>${parts}</g>`;
}

function marker(kind: SeriesKind, x: number, y: number): SafeHtml {
  const st = SERIES_STYLE[STYLE_OF[kind]];
  return kind === 'realized'
    ? html`<circle class="${st.cls}" cx="${x}" cy="${y}" r="${MARKER}" fill="${st.color}" stroke="${st.color}"/>`
    : html`<rect class="${st.cls}" x="${coord(x - MARKER)}" y="${coord(y - MARKER)}" width="${2 * MARKER}" height="${2 * MARKER}" fill="${st.color}" stroke="${st.color}"/>`;
}

/** Where a value lies relative to the band, in words (for alerts). */
export function position(v: number | null, band: ReferenceBand | null | undefined): string {
  if (!band || !finite(v)) return `outside the ${band?.label ?? 'reference band'}`;
  if (finite(band.lower) && v < band.lower) return `below the ${band.label}`;
  if (finite(band.upper) && v > band.upper) return `above the ${band.label}`;
  return `outside the ${band.label}`;
}

function bandText(band: ReferenceBand, fmt: (x: number | null) => string): string {
  const lower = finite(band.lower) ? fmt(band.lower) : null;
  const upper = finite(band.upper) ? fmt(band.upper) : null;
  if (lower !== null && upper !== null) return `${band.label}: ${lower} to ${upper}`;
  if (lower !== null) return `${band.label}: at least ${lower} (open above)`;
  if (upper !== null) return `${band.label}: at most ${upper} (open below)`;
  return `${band.label}: unbounded`;
}

/** The chart's accessible title: what it shows, each series' range and style, the band and the alerts. */
function describe(spec: SeriesChartSpec, fmt: (x: number | null) => string, lo: number, hi: number): string {
  const n = spec.labels.length;
  const span =
    n === 0
      ? 'no chunk'
      : n === 1
        ? `1 chunk, ${spec.labels[0]}`
        : `${n} chunks, ${spec.labels[0]} to ${spec.labels[n - 1]}`;
  const parts = [`${spec.heading} per chunk (${span}); y axis from ${fmt(lo)} to ${fmt(hi)}.`];
  for (const s of spec.series) {
    const vs = s.values.filter(finite);
    const range = vs.length === 0 ? 'no values' : `from ${fmt(Math.min(...vs))} to ${fmt(Math.max(...vs))}`;
    const extra = s.lower !== undefined ? ', with its sampling-error band as a lighter area' : '';
    parts.push(`${s.label}: ${SERIES_WORDS[s.kind]}, ${range}${extra}.`);
  }
  if (spec.band) parts.push(`Grey area: ${bandText(spec.band, fmt)}.`);
  const alerted = spec.labels.filter((_, i) => spec.series.some((s) => s.alerts[i] === true));
  parts.push(
    alerted.length === 0
      ? 'No alert.'
      : `Alerts (red ▲) at ${alerted.length} chunk${alerted.length === 1 ? '' : 's'}: ${alerted.join(', ')}.`,
  );
  return parts.join(' ');
}

/** Shortens a label by code points (never splits a surrogate pair). */
function truncate(s: string, maxChars: number): string {
  const chars = Array.from(s);
  return chars.length <= maxChars ? s : `${chars.slice(0, maxChars - 1).join('')}…`;
}
