/**
 * A column's reference-vs-current distribution as a small static SVG paired bar chart: per bin (or
 * category) a reference bar on the left and a current bar on the right, scaled to the largest share.
 *
 * Hand-made instead of Observable Plot (the library picked in ecosystem.md §8) because of the CLI's
 * time budget (1.0 s for the whole 100k × 25 run): measured on this machine (Node 20, 2 cores),
 * importing `@observablehq/plot` takes ~280 ms and `linkedom` ~250 ms, and 25 two-series histograms
 * then take another ~180–260 ms, ~750–900 ms in all, against a budget of ~300 ms for the charts.
 * These charts take well under 10 ms for 25 columns and need no dependency.
 *
 * Accessibility: the SVG has `role="img"` and a `<title>` summarising the chart (range and the bin
 * with the largest shift); every bin has its own `<title>` (a tooltip) with both shares. Colours are
 * Okabe–Ito blue (reference) and orange (current), which colour-blind readers can tell apart; the
 * side is also given by position (reference always left) and the legend.
 * @module
 */
import type { Distribution } from '../../core/report/result-schema.ts';
import { coord, formatNumber, formatShare } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export interface ChartOptions {
  /** Width in CSS pixels. Default 280. */
  readonly width?: number;
  /** Height in CSS pixels. Default 84. */
  readonly height?: number;
}

/** Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"). */
export const REFERENCE_COLOR = '#0072B2';
export const CURRENT_COLOR = '#E69F00';

/** Categorical charts label every bar only when there are at most this many. */
const MAX_LABELLED_CATEGORIES = 6;
/** Widest bar in pixels (with two or three categories, wider bars only look heavy). */
const MAX_BAR_WIDTH = 24;
/** Approximate width of one character of the 10px axis font, for truncating labels. */
const CHAR_WIDTH = 5.8;
/** Shares below this count as zero for the "other" bar (it is computed as 1 − sum). */
const OTHER_EPSILON = 1e-12;

interface Group {
  readonly label: string;
  readonly reference: number;
  readonly current: number;
}

/**
 * Renders the chart. `id` must be unique in the page (used for `aria-labelledby`).
 */
export function distributionChart(
  distribution: Distribution,
  column: string,
  id: string,
  options: ChartOptions = {},
): SafeHtml {
  const width = options.width ?? 280;
  const height = options.height ?? 84;
  const margin = { top: 8, right: 6, bottom: 16, left: 34 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const groups = toGroups(distribution);
  const n = Math.max(groups.length, 1);
  const ymax = Math.max(...groups.map((g) => Math.max(g.reference, g.current)), 0);
  const gw = plotW / n;
  // Each bin holds a reference bar and a current bar side by side, 80% of the bin, centred.
  const bw = Math.min(gw * 0.4, MAX_BAR_WIDTH);
  const pad = (gw - 2 * bw) / 2;
  const barHeight = (share: number) => (share <= 0 || ymax <= 0 ? 0 : Math.max((share / ymax) * plotH, 1));
  const baseline = margin.top + plotH;

  const bars = groups.map((g, i) => {
    const x = margin.left + i * gw;
    const hr = barHeight(g.reference);
    const hc = barHeight(g.current);
    return html`<g><title>${g.label}: reference ${formatShare(g.reference)}, current ${formatShare(g.current)}</title><rect class="r" x="${coord(x + pad)}" y="${coord(baseline - hr)}" width="${coord(bw)}" height="${coord(hr)}"/><rect class="c" x="${coord(x + pad + bw)}" y="${coord(baseline - hc)}" width="${coord(bw)}" height="${coord(hc)}"/></g>`;
  });

  const labelY = height - 4;
  let xLabels: SafeHtml;
  if (distribution.kind === 'histogram') {
    const e = distribution.edges;
    xLabels = html`<text x="${margin.left}" y="${labelY}">${formatNumber(e[0] ?? null)}</text><text x="${width - margin.right}" y="${labelY}" text-anchor="end">${formatNumber(e[e.length - 1] ?? null)}</text>`;
  } else if (groups.length <= MAX_LABELLED_CATEGORIES) {
    const maxChars = Math.max(2, Math.floor(gw / CHAR_WIDTH));
    xLabels = html`${groups.map((g, i) => html`<text x="${coord(margin.left + (i + 0.5) * gw)}" y="${labelY}" text-anchor="middle">${truncate(g.label, maxChars)}</text>`)}`;
  } else {
    const other = groups[groups.length - 1]!.label === 'other';
    xLabels = html`<text x="${margin.left}" y="${labelY}">top ${distribution.keys.length} categories${other ? ' + other' : ''}</text>`;
  }

  const titleText = describe(distribution, groups, column);
  return html`<svg class="chart" role="img" aria-labelledby="${id}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title id="${id}">${titleText}</title><line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top}" y2="${margin.top}"/><text x="${margin.left - 3}" y="${margin.top + 3}" text-anchor="end">${formatShare(ymax)}</text><text x="${margin.left - 3}" y="${baseline}" text-anchor="end">0</text>${bars}<line class="axis" x1="${margin.left}" x2="${width - margin.right}" y1="${baseline}" y2="${baseline}"/>${xLabels}</svg>`;
}

function toGroups(d: Distribution): Group[] {
  if (d.kind === 'histogram') {
    const n = Math.min(d.edges.length - 1, d.reference.length, d.current.length);
    const groups: Group[] = [];
    for (let i = 0; i < n; i++) {
      // numpy.histogram bins are half-open except the last one, which includes its right edge.
      const close = i === n - 1 ? ']' : ')';
      groups.push({
        label: `[${formatNumber(d.edges[i]!)}, ${formatNumber(d.edges[i + 1]!)}${close}`,
        reference: d.reference[i]!,
        current: d.current[i]!,
      });
    }
    return groups;
  }
  const n = Math.min(d.keys.length, d.reference.length, d.current.length);
  const groups: Group[] = [];
  for (let i = 0; i < n; i++)
    groups.push({ label: d.keys[i]!, reference: d.reference[i]!, current: d.current[i]! });
  if (d.otherReference > OTHER_EPSILON || d.otherCurrent > OTHER_EPSILON) {
    groups.push({ label: 'other', reference: d.otherReference, current: d.otherCurrent });
  }
  return groups;
}

/** The chart's accessible title: what it shows and where the largest shift is. */
function describe(d: Distribution, groups: readonly Group[], column: string): string {
  const what =
    d.kind === 'histogram'
      ? `${groups.length} bins from ${formatNumber(d.edges[0] ?? null)} to ${formatNumber(d.edges[d.edges.length - 1] ?? null)}`
      : `${d.keys.length} most frequent categories${groups.length > d.keys.length ? ' and other' : ''}`;
  let biggest: Group | null = null;
  for (const g of groups) {
    if (biggest === null || Math.abs(g.current - g.reference) > Math.abs(biggest.current - biggest.reference))
      biggest = g;
  }
  const shift =
    biggest === null
      ? ''
      : `; largest shift at ${biggest.label}: reference ${formatShare(biggest.reference)}, current ${formatShare(biggest.current)}`;
  return `Distribution of ${column}, reference (blue, left bars) vs current (orange, right bars): ${what}${shift}`;
}

/** Shortens a label by code points (never splits a surrogate pair). */
function truncate(s: string, maxChars: number): string {
  const chars = Array.from(s);
  return chars.length <= maxChars ? s : `${chars.slice(0, maxChars - 1).join('')}…`;
}
