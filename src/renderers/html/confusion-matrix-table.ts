/**
 * A confusion matrix as an HTML table: actual classes in rows, predicted classes in columns, each cell
 * with its count and its share of the actual class's rows (so the diagonal reads as per-class recall).
 * Cells are shaded by that share in 6 steps (classes `hm0`…`hm5` of the stylesheet: the page's CSP forbids
 * inline `style` attributes), and the numbers are always written out, so nothing is colour-only.
 * @module
 */
import { formatCount, formatShare } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export interface ConfusionMatrixTableOptions {
  /** Table id, unique in the page. */
  readonly id: string;
  /** Caption, e.g. `Current (10,000 rows)`. */
  readonly caption: string;
  /** Class labels, in the order of the matrix rows and columns. */
  readonly labels: readonly string[];
  /** `matrix[actual][predicted]` counts. */
  readonly matrix: readonly (readonly number[])[];
  /** Optional short names per cell (`TN`, `FP`, …), same shape as `matrix`. */
  readonly cellNames?: readonly (readonly string[])[];
}

/** Shading steps: share → class `hm0` (none) … `hm5` (darkest). */
export const HEAT_STEPS = 5;

/** The shading class of a row share in [0, 1]; `hm0` for 0 or an unknown share. */
export function heatClass(share: number): string {
  if (!(share > 0)) return 'hm0';
  return `hm${Math.min(HEAT_STEPS, Math.max(1, Math.ceil(share * HEAT_STEPS)))}`;
}

export function confusionMatrixTable(o: ConfusionMatrixTableOptions): SafeHtml {
  const k = o.labels.length;
  const rows = o.labels.map((label, i) => {
    const counts = Array.from({ length: k }, (_, j) => o.matrix[i]?.[j] ?? 0);
    const total = counts.reduce((s, c) => s + c, 0);
    const cells = counts.map((c, j) => {
      const share = total > 0 ? c / total : Number.NaN;
      const name = o.cellNames?.[i]?.[j];
      const tip = `actual ${label}, predicted ${o.labels[j]}: ${formatCount(c)} rows (${formatShare(share)} of actual ${label})`;
      return html`<td class="num ${heatClass(share)}${i === j ? ' diag' : ''}" title="${tip}">${name !== undefined && html`<span class="cmn">${name}</span> `}${formatCount(c)}<br><span class="muted">${formatShare(share)}</span></td>`;
    });
    return html`<tr><th scope="row">${label}</th>${cells}<td class="num muted">${formatCount(total)}</td></tr>`;
  });
  return html`<table class="cm" id="${o.id}"><caption>${o.caption}</caption><thead><tr><th scope="col"><span class="muted">actual ↓ predicted →</span></th>${o.labels.map((l) => html`<th scope="col" class="num">${l}</th>`)}<th scope="col" class="num muted">rows</th></tr></thead><tbody>${rows}</tbody></table>`;
}
