/**
 * A small static SVG line chart on the unit square, for the model-quality curves (ROC, precision–recall,
 * reliability): reference and current overlaid, with axes, ticks at 0, 0.25, …, 1, axis titles and a legend.
 *
 * Not colour-only: reference is Okabe–Ito blue (#0072B2) drawn as a solid line, current is Okabe–Ito
 * orange (#E69F00) drawn dashed; where markers are drawn (reliability), reference points are circles and
 * current points squares. The legend repeats the line style. The SVG has `role="img"` and a `<title>`
 * with the chart's content in words; every series and marker has its own `<title>` (a tooltip).
 * Colours are set both as presentation attributes (so the chart survives without the stylesheet) and by
 * class in the stylesheet (so dark mode can adjust them).
 * @module
 */
import { CURRENT_COLOR, REFERENCE_COLOR } from './distribution-chart.ts';
import { coord } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export type Side = 'reference' | 'current';

export interface CurveSeries {
  readonly side: Side;
  /** Legend text, e.g. `reference (AUC 0.97)`. */
  readonly label: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** When given, a marker is drawn at each point with this tooltip (same length as `x`). */
  readonly markers?: readonly string[];
}

export interface CurveChartSpec {
  /** Unique in the page (used for `aria-labelledby`). */
  readonly id: string;
  /** The accessible summary of the chart (the SVG's `<title>`). */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly CurveSeries[];
  /** A dotted y = x line with this legend text (chance for ROC, perfect calibration). Default none. */
  readonly diagonal?: string;
  /** Corner of the plot that holds the legend. Default `'bottom-right'`. */
  readonly legend?: 'bottom-right' | 'bottom-left' | 'top-left';
  /** Width in CSS pixels. Default 300. */
  readonly width?: number;
  /** Height in CSS pixels. Default 292. */
  readonly height?: number;
}

/** Line style per side: colour and dash pattern (current dashed, so the curves differ without colour). */
export const SERIES_STYLE: Readonly<Record<Side, { color: string; dash: string | null; cls: string }>> = {
  reference: { color: REFERENCE_COLOR, dash: null, cls: 'lr' },
  current: { color: CURRENT_COLOR, dash: '7 4', cls: 'lc' },
};

const TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Approximate width of one character of the 10px chart font. */
const CHAR_WIDTH = 5.6;
const MARKER = 3.2;

export function curveChart(spec: CurveChartSpec): SafeHtml {
  const width = spec.width ?? 300;
  const height = spec.height ?? 292;
  const m = { top: 10, right: 12, bottom: 40, left: 46 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const px = (x: number) => coord(m.left + clamp01(x) * plotW);
  const py = (y: number) => coord(m.top + (1 - clamp01(y)) * plotH);
  const bottom = m.top + plotH;

  const grid = TICKS.map(
    (t) =>
      html`<line class="grid" x1="${px(t)}" x2="${px(t)}" y1="${m.top}" y2="${bottom}"/><line class="grid" x1="${m.left}" x2="${m.left + plotW}" y1="${py(t)}" y2="${py(t)}"/><text x="${px(t)}" y="${bottom + 13}" text-anchor="middle">${t}</text><text x="${m.left - 4}" y="${py(t) + 3}" text-anchor="end">${t}</text>`,
  );
  const axes = html`<path class="axis" fill="none" d="M${m.left} ${m.top}V${bottom}H${m.left + plotW}"/><text class="axt" x="${coord(m.left + plotW / 2)}" y="${height - 6}" text-anchor="middle">${spec.xLabel}</text><text class="axt" transform="translate(12 ${coord(m.top + plotH / 2)}) rotate(-90)" text-anchor="middle">${spec.yLabel}</text>`;
  const diagonal =
    spec.diagonal !== undefined &&
    html`<line class="diag" x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#888" stroke-dasharray="2 3"/>`;

  const series = spec.series.map((s) => {
    const st = SERIES_STYLE[s.side];
    const pts: [number, number][] = [];
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const x = s.x[i]!;
      const y = s.y[i]!;
      if (Number.isFinite(x) && Number.isFinite(y)) pts.push([px(x), py(y)]);
    }
    const d = pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join('');
    const line =
      pts.length > 1 &&
      html`<path class="${st.cls}" fill="none" stroke="${st.color}" stroke-width="2"${st.dash && html` stroke-dasharray="${st.dash}"`} d="${d}"><title>${s.label}</title></path>`;
    const markers =
      s.markers !== undefined &&
      Array.from({ length: n }, (_, i) => {
        const x = s.x[i]!;
        const y = s.y[i]!;
        if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
        return html`<g>${marker(s.side, px(x), py(y))}<title>${s.markers?.[i] ?? ''}</title></g>`;
      });
    return html`<g>${line}${markers}</g>`;
  });

  const entries: { label: string; sample: SafeHtml }[] = spec.series.map((s) => ({
    label: s.label,
    sample: legendSample(s.side, s.markers !== undefined),
  }));
  if (spec.diagonal !== undefined)
    entries.push({
      label: spec.diagonal,
      sample: html`<line class="diag" x1="0" x2="22" y1="0" y2="0" stroke="#888" stroke-dasharray="2 3"/>`,
    });
  const rowH = 14;
  const boxW = 34 + Math.max(0, ...entries.map((e) => Array.from(e.label).length * CHAR_WIDTH));
  const boxH = entries.length * rowH + 6;
  const corner = spec.legend ?? 'bottom-right';
  const lx = corner === 'bottom-right' ? m.left + plotW - boxW - 4 : m.left + 4;
  const ly = corner === 'top-left' ? m.top + 4 : bottom - boxH - 4;
  const legend =
    entries.length > 0 &&
    html`<g class="legend" transform="translate(${coord(lx)} ${coord(ly)})"><rect class="lbg" width="${coord(boxW)}" height="${boxH}" rx="3" fill="#fff" fill-opacity="0.85"/>${entries.map((e, i) => html`<g transform="translate(6 ${10 + i * rowH})">${e.sample}<text x="28" y="3.5">${e.label}</text></g>`)}</g>`;

  return html`<svg class="chart curve" role="img" aria-labelledby="${spec.id}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title id="${spec.id}">${spec.title}</title>${grid}${diagonal}${series}${axes}${legend}</svg>`;
}

function marker(side: Side, x: number, y: number): SafeHtml {
  const st = SERIES_STYLE[side];
  return side === 'reference'
    ? html`<circle class="${st.cls}" cx="${x}" cy="${y}" r="${MARKER}" fill="${st.color}" stroke="${st.color}"/>`
    : html`<rect class="${st.cls}" x="${coord(x - MARKER)}" y="${coord(y - MARKER)}" width="${2 * MARKER}" height="${2 * MARKER}" fill="${st.color}" stroke="${st.color}"/>`;
}

function legendSample(side: Side, withMarker: boolean): SafeHtml {
  const st = SERIES_STYLE[side];
  return html`<line class="${st.cls}" x1="0" x2="22" y1="0" y2="0" stroke="${st.color}" stroke-width="2"${st.dash && html` stroke-dasharray="${st.dash}"`}/>${withMarker && marker(side, 11, 0)}`;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
