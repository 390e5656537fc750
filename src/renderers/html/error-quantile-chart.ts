/**
 * Regression error quantiles (prediction − target) as a static SVG box strip: per side a whisker from
 * q05 to q95, a box from q25 to q75 and a tick at the median, with a dotted line at zero error.
 * Each row is labelled with its side in words (reference above, current below; current dashed),
 * so the chart does not rely on colour; the `<title>` lists the five quantiles of both sides.
 * @module
 */
import { SERIES_STYLE, type Side } from './curve-chart.ts';
import { coord, formatNumber } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export interface ErrorQuantiles {
  readonly q05: number;
  readonly q25: number;
  readonly q50: number;
  readonly q75: number;
  readonly q95: number;
}

const KEYS = ['q05', 'q25', 'q50', 'q75', 'q95'] as const;
/** The end labels are dropped when closer than this (px) to the zero label. */
const MIN_LABEL_GAP = 40;

export function errorQuantileChart(
  sides: readonly { readonly side: Side; readonly q: ErrorQuantiles }[],
  id: string,
  width = 460,
): SafeHtml {
  const shown = sides.filter((s) => KEYS.every((k) => Number.isFinite(s.q[k])));
  const rowH = 30;
  const m = { top: 8, right: 14, bottom: 22, left: 70 };
  const height = m.top + m.bottom + rowH * Math.max(shown.length, 1);
  const values = shown.flatMap((s) => [s.q.q05, s.q.q95]);
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.04;
  lo -= pad;
  hi += pad;
  const plotW = width - m.left - m.right;
  const px = (x: number) => coord(m.left + ((x - lo) / (hi - lo)) * plotW);
  const bottom = m.top + rowH * shown.length;
  const rows = shown.map((s, i) => {
    const st = SERIES_STYLE[s.side];
    const y = m.top + i * rowH + rowH / 2;
    const dash = st.dash && html` stroke-dasharray="4 3"`;
    const tip = `${s.side}: q05 ${formatNumber(s.q.q05)}, q25 ${formatNumber(s.q.q25)}, median ${formatNumber(s.q.q50)}, q75 ${formatNumber(s.q.q75)}, q95 ${formatNumber(s.q.q95)}`;
    return html`<g><title>${tip}</title><text x="${m.left - 6}" y="${y + 3.5}" text-anchor="end">${s.side}</text><line class="${st.cls}" x1="${px(s.q.q05)}" x2="${px(s.q.q95)}" y1="${y}" y2="${y}" stroke="${st.color}" stroke-width="1.5"${dash}/><rect class="${st.cls} box" x="${px(s.q.q25)}" y="${y - 8}" width="${coord(Math.max(px(s.q.q75) - px(s.q.q25), 1))}" height="16" fill="${st.color}" fill-opacity="0.25" stroke="${st.color}" stroke-width="1.5"${dash}/><line class="${st.cls}" x1="${px(s.q.q50)}" x2="${px(s.q.q50)}" y1="${y - 8}" y2="${y + 8}" stroke="${st.color}" stroke-width="3"/></g>`;
  });
  const title =
    shown.length === 0
      ? 'Error quantiles: not available'
      : `Error (prediction − target) quantiles, box q25–q75, whiskers q05–q95, tick at the median. ${shown
          .map(
            (s) =>
              `${s.side}: ${KEYS.map((k) => `${k === 'q50' ? 'median' : k} ${formatNumber(s.q[k])}`).join(', ')}`,
          )
          .join('; ')}`;
  return html`<svg class="chart eq" role="img" aria-labelledby="${id}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title id="${id}">${title}</title><line class="diag" x1="${px(0)}" x2="${px(0)}" y1="${m.top}" y2="${bottom}" stroke="#888" stroke-dasharray="2 3"/>${rows}<line class="axis" x1="${m.left}" x2="${m.left + plotW}" y1="${bottom}" y2="${bottom}"/>${Math.abs(px(0) - m.left) > MIN_LABEL_GAP && html`<text x="${m.left}" y="${bottom + 14}">${formatNumber(lo + pad)}</text>`}<text x="${px(0)}" y="${bottom + 14}" text-anchor="middle">0</text>${Math.abs(m.left + plotW - px(0)) > MIN_LABEL_GAP && html`<text x="${m.left + plotW}" y="${bottom + 14}" text-anchor="end">${formatNumber(hi - pad)}</text>`}</svg>`;
}
