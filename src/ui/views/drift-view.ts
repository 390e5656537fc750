/**
 * The Drift tab: a heatmap of features × windows (prediction drift on top), each cell a link to that feature's
 * reference-versus-window distribution (the batch report's distribution chart), with the method, statistic and
 * threshold. Cells say "drift" with ▲ as well as with colour; the shade says how far past (or short of) the
 * threshold the statistic is.
 * @module
 */
import type { ColumnDrift } from '../../core/report/result-schema.ts';
import { distributionChart } from '../../renderers/html/distribution-chart.ts';
import { driftBadge } from '../../renderers/html/drift-section.ts';
import { formatCount, formatNumber, formatOperator } from '../../renderers/html/format.ts';
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import type { Granularity } from '../data/series-data.ts';
import { formatTime, formatWindow, shortWindowLabel } from './time-format.ts';

export type CellClass = 'c-none' | 'c-ok0' | 'c-ok1' | 'c-d1' | 'c-d2';

export interface HeatCell {
  readonly start: number;
  readonly statistic: number | null;
  readonly method: string | null;
  readonly kind: 'p_value' | 'distance' | null;
  readonly threshold: number | null;
  readonly operator: '<' | '<=' | '>=' | '>' | null;
  readonly drifted: boolean | null;
  readonly cls: CellClass;
  readonly href: string;
}

export interface HeatRow {
  /** The column in the window results (a feature, or `prediction`/`score`). */
  readonly column: string;
  /** Shown name, e.g. `income` or `prediction (model output)`. */
  readonly label: string;
  readonly prediction: boolean;
  readonly cells: readonly HeatCell[];
}

/**
 * How strongly a statistic is past its threshold, as a ratio where 1 is the threshold: for p-values
 * log(p)/log(threshold) (p = threshold/100 with threshold 0.05 is 2.5), for distances statistic/threshold.
 */
export function severity(statistic: number, kind: 'p_value' | 'distance', threshold: number): number {
  if (kind === 'p_value') {
    if (statistic <= 0) return Number.POSITIVE_INFINITY;
    if (threshold <= 0 || threshold >= 1) return 0;
    return Math.log(statistic) / Math.log(threshold);
  }
  return threshold > 0 ? statistic / threshold : 0;
}

export function cellClass(drifted: boolean | null, ratio: number | null): CellClass {
  if (drifted === null || ratio === null || Number.isNaN(ratio)) return 'c-none';
  if (drifted) return ratio >= 2 ? 'c-d2' : 'c-d1';
  return ratio >= 0.5 ? 'c-ok1' : 'c-ok0';
}

function cellWords(row: HeatRow, c: HeatCell, granularity: Granularity): string {
  const when = formatWindow(c.start, granularity);
  if (c.statistic === null) return `${row.label}, ${when}: no result`;
  const stat = `${c.kind === 'p_value' ? 'p' : 'd'} = ${formatNumber(c.statistic)}`;
  const thr =
    c.threshold !== null && c.operator !== null
      ? `, drift if ${c.kind === 'p_value' ? 'p' : 'd'} ${formatOperator(c.operator)} ${formatNumber(c.threshold)}`
      : '';
  const verdict = c.drifted === null ? 'not tested' : c.drifted ? '▲ drift' : 'no drift';
  return `${row.label}, ${when}: ${c.method ?? ''} ${stat}${thr} — ${verdict}`;
}

/** Column header labels, thinned so they do not overlap: every 6 h, every midnight, or every 7th midnight. */
function headerLabel(starts: readonly number[], i: number, granularity: Granularity): string {
  const t = starts[i]!;
  const n = starts.length;
  if (granularity === '1d') return n <= 31 || (n - 1 - i) % 7 === 0 ? shortWindowLabel(t, granularity) : '';
  const h = new Date(t).getUTCHours();
  if (n <= 48) return h % 6 === 0 ? shortWindowLabel(t, granularity) : '';
  if (n <= 24 * 14) return h === 0 ? shortWindowLabel(t, granularity) : '';
  return h === 0 && Math.floor(t / 86_400_000) % 7 === 0 ? shortWindowLabel(t, granularity) : '';
}

export interface HeatmapOptions {
  readonly starts: readonly number[];
  readonly rows: readonly HeatRow[];
  readonly granularity: Granularity;
  /** `start:column` of the open cell. */
  readonly selected: string | null;
  readonly truncated: boolean;
}

export function heatmap(o: HeatmapOptions): SafeHtml {
  const last = o.starts.length - 1;
  const driftedRows = o.rows.filter((r) => r.cells.some((c) => c.drifted === true));
  return html`<section id="drift-heatmap" aria-labelledby="hm-title"><h2 id="hm-title">Drift by feature and ${o.granularity === '1h' ? 'hour' : 'day'}</h2>
<p class="sub">${
    driftedRows.length === 0
      ? 'No feature drifted in this range.'
      : html`<b class="lvl-alert">▲ Drift</b> in ${driftedRows.length} of ${o.rows.length} row${o.rows.length === 1 ? '' : 's'}: ${driftedRows.map((r, i) => html`${i > 0 && ', '}<b>${r.label}</b>`)}.`
  } Select a cell (arrow keys move between cells) to see that window's distribution against the reference.${o.truncated && ' Only the newest windows are shown; narrow the range to see older ones.'}</p>
<div class="heatwrap"><table class="heatmap" id="heatmap" data-granularity="${o.granularity}"><caption class="sr-only">Drift statistic per feature (rows) and window (columns); ▲ marks drift</caption>
<thead><tr><th scope="col"><span class="sr-only">Feature</span></th>${o.starts.map((t, i) => html`<th scope="col" title="${formatWindow(t, o.granularity)}"><span>${headerLabel(o.starts, i, o.granularity)}</span></th>`)}</tr></thead>
<tbody>${o.rows.map((row, r) => {
    const n = row.cells.filter((c) => c.drifted === true).length;
    return html`<tr${row.prediction && html` class="pred"`} data-feature="${row.column}" data-drifted="${n}"><th scope="row" title="${row.label}">${row.label}${n > 0 && html` <span class="lvl-alert" title="${n} drifted window${n === 1 ? '' : 's'}">▲${n}</span>`}</th>${row.cells.map(
      (c, i) => {
        const key = `${c.start}:${row.column}`;
        return html`<td><a class="cell ${c.cls}" href="${c.href}" data-r="${r}" data-c="${i}" data-last="${last}" data-start="${c.start}" data-drifted="${c.drifted === true ? '1' : c.drifted === false ? '0' : ''}" aria-label="${cellWords(row, c, o.granularity)}" title="${cellWords(row, c, o.granularity)}"${o.selected === key && html` aria-selected="true"`}>${c.drifted === true ? '▲' : c.statistic === null ? '·' : ''}</a></td>`;
      },
    )}</tr>`;
  })}</tbody></table></div>
<div class="hm-legend" aria-label="Legend"><span><span class="sw c-ok0"></span>no drift</span><span><span class="sw c-ok1"></span>no drift, near the threshold</span><span><span class="sw c-d1">▲</span>drift</span><span><span class="sw c-d2">▲</span>drift, far past the threshold (p-value 100× smaller or distance 2× larger)</span><span><span class="sw c-none">·</span>no result (not evaluated, no reference, or not tested)</span></div>
</section>`;
}

export interface CellDetailOptions {
  readonly feature: string;
  readonly granularity: Granularity;
  readonly start: number;
  readonly column: ColumnDrift | null;
  /** Why there is no column (window not evaluated, …). */
  readonly missing: string | null;
  readonly window: {
    readonly rows: number;
    readonly status: string;
    readonly revision: number;
    readonly evaluatedAt: number | null;
  } | null;
  readonly reference: string | null;
}

/** The open cell: verdict, method, statistic, threshold, and the distribution chart. */
export function cellDetail(o: CellDetailOptions): SafeHtml {
  const title = html`<h2 id="cell-title">${o.feature} — ${o.granularity === '1h' ? 'hour' : 'day'} ${formatWindow(o.start, o.granularity)}</h2>`;
  const c = o.column;
  if (c === null)
    return html`<section class="panel" aria-labelledby="cell-title" data-feature="${o.feature}" data-start="${o.start}">${title}<p class="na">${o.missing ?? 'No result for this window.'}</p></section>`;
  const kind = c.statisticKind === 'p_value' ? 'p-value' : c.statisticKind === 'distance' ? 'distance' : '';
  const threshold =
    c.threshold === null || c.operator === null
      ? '—'
      : `drift if ${c.statisticKind === 'p_value' ? 'p' : 'd'} ${formatOperator(c.operator)} ${formatNumber(c.threshold)}`;
  return html`<section class="panel" aria-labelledby="cell-title" data-feature="${o.feature}" data-start="${o.start}">${title}
<div class="grid2"><dl class="facts">
<dt>Verdict</dt><dd>${driftBadge(c.drifted)}</dd>
<dt>Method</dt><dd>${c.method === null ? '—' : html`${c.methodName ?? c.method} <code class="muted">${c.method}</code>${!c.exact && ' (Monte-Carlo, approximate)'}`}</dd>
<dt>Statistic</dt><dd>${formatNumber(c.statistic)} <span class="muted">${kind}</span>${c.pValueAdjusted !== null && c.pValueAdjusted !== undefined && html` <span class="muted">adjusted</span> ${formatNumber(c.pValueAdjusted)}`}</dd>
<dt>Threshold</dt><dd>${threshold}</dd>
<dt>Column type</dt><dd>${c.type}</dd>
<dt>Values</dt><dd>reference ${formatCount(c.referenceRows)} · window ${formatCount(c.currentRows)}</dd>
${o.reference && html`<dt>Reference</dt><dd>${o.reference}</dd>`}
${o.window && html`<dt>Window</dt><dd>${formatCount(o.window.rows)} records · ${o.window.status}${o.window.revision > 1 && ` (revision ${o.window.revision})`}${o.window.evaluatedAt !== null && ` · evaluated ${formatTime(o.window.evaluatedAt)}`}</dd>`}
</dl>
<figure class="dist"><figcaption class="legend"><span><span class="key r"></span>reference (left bars)</span> <span><span class="key c"></span>this window (right bars)</span></figcaption>${
    c.distribution === null
      ? html`<p class="na">No distribution to chart.</p>`
      : distributionChart(c.distribution, c.column, 'cell-chart', { width: 560, height: 200 })
  }</figure></div></section>`;
}
