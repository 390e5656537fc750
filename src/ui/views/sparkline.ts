/**
 * A badge's sparkline: a tiny static SVG of the figure's recent windows, the reference band as a grey strip,
 * and the latest value as a dot coloured by its level (the badge next to it says the level in words).
 * @module
 */
import { coord } from '../../renderers/html/format.ts';
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import type { Band, Level } from '../band.ts';

export interface SparklineSpec {
  readonly values: readonly (number | null)[];
  readonly band?: Band | null;
  readonly level: Level;
  /** Accessible description, e.g. `drift share over the last 48 hourly windows, from 0 to 0.33`. */
  readonly label: string;
  /** Default 112 × 26. */
  readonly width?: number;
  readonly height?: number;
}

export function sparkline(s: SparklineSpec): SafeHtml {
  const w = s.width ?? 112;
  const h = s.height ?? 26;
  const pad = 3;
  const finite = s.values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0)
    return html`<svg class="spark" role="img" aria-label="${s.label}: no data" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"></svg>`;
  const band = s.band ?? null;
  const ys = band ? [...finite, band.lower, band.upper] : finite;
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (hi - lo < 1e-12) {
    lo -= 0.5;
    hi += 0.5;
  }
  const n = s.values.length;
  const px = (i: number) => coord(pad + (n <= 1 ? (w - 2 * pad) / 2 : (i / (n - 1)) * (w - 2 * pad)));
  const py = (v: number) => coord(pad + (1 - (v - lo) / (hi - lo)) * (h - 2 * pad));
  let d = '';
  let pen = false;
  s.values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${px(i)} ${py(v)}`;
    pen = true;
  });
  let last = n - 1;
  while (last >= 0 && (s.values[last] === null || !Number.isFinite(s.values[last]!))) last--;
  const bandRect =
    band &&
    html`<rect class="band" x="${pad}" y="${py(Math.min(band.upper, hi))}" width="${w - 2 * pad}" height="${coord(Math.max(py(Math.max(band.lower, lo)) - py(Math.min(band.upper, hi)), 0.5))}"/>`;
  return html`<svg class="spark" role="img" aria-label="${s.label}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${bandRect}<path class="line" d="${d}"/>${last >= 0 && html`<circle class="dot-${s.level}" cx="${px(last)}" cy="${py(s.values[last]!)}" r="2.8"/>`}</svg>`;
}
