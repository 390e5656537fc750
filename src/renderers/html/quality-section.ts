/**
 * The data-quality section: dataset-level facts for both sides; per column a reference row and a
 * current row (missing, distinct, range, quantiles, mean, std, top value); then, per column, the
 * current data against the reference (out-of-range, new-category and outlier shares). Problems on the
 * current side carry a `⚠` symbol, not only a colour.
 * @module
 */
import type { ColumnQuality, DatasetQuality, ReportResult } from '../../core/report/result-schema.ts';
import { formatCount, formatNumber, formatShare, formatValue } from './format.ts';
import { html, type SafeHtml } from './html.ts';

const MS_PER_DAY = 86_400_000;
/** Top values longer than this are shortened (the full value is in the cell's tooltip). */
export const MAX_VALUE_CHARS = 40;

export function qualitySection(result: ReportResult): SafeHtml {
  const ref = result.quality.reference;
  const cur = result.quality.current;
  const pairs = result.columns.map((c) => ({
    name: c.name,
    type: c.type,
    ref: own(ref.columns, c.name),
    cur: own(cur.columns, c.name),
  }));
  return html`<section id="quality"><h2>Data quality</h2>
<h3>Dataset</h3>
<div class="scroll"><table id="quality-dataset"><thead><tr><th></th><th>Reference</th><th>Current</th></tr></thead><tbody>
${datasetRows(ref.dataset, cur.dataset)}
</tbody></table></div>
<h3>Column statistics</h3>
<div class="scroll"><table id="quality-columns" class="wide"><thead><tr><th>Column</th><th>Side</th><th class="num">Missing</th><th class="num">Distinct</th><th class="num">Min</th><th class="num">p5</th><th class="num">p25</th><th class="num">Median</th><th class="num">p75</th><th class="num">p95</th><th class="num">Max</th><th class="num">Mean</th><th class="num">Std</th><th>Top value</th></tr></thead>
${pairs.map((p) => html`<tbody class="col"><tr><td class="name" rowspan="2">${p.name}<br><span class="muted">${p.type}</span></td>${statCells('reference', p.ref, false)}</tr><tr>${statCells('current', p.cur, true)}</tr></tbody>\n`)}</table></div>
<h3>Current data against the reference</h3>
<div class="scroll"><table id="quality-shift" class="sortable"><thead><tr><th>Column</th><th>Type</th><th class="num">Out of range</th><th class="num">New categories</th><th class="num">Outliers (reference)</th><th class="num">Outliers (current)</th></tr></thead><tbody>
${pairs.map((p) => shiftRow(p.name, p.type, p.ref, p.cur))}</tbody></table></div>
<p class="note">Out of range: share of values outside the reference [min, max]. New categories: share of values never seen in the reference. Outliers: share of values outside the reference quartiles ± 1.5·IQR.</p>
</section>`;
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | null {
  return Object.hasOwn(record, key) ? record[key]! : null;
}

function datasetRows(ref: DatasetQuality, cur: DatasetQuality): SafeHtml {
  const list = (names: readonly string[]) =>
    names.length === 0 ? html`—` : names.map((n, i) => html`${i > 0 ? ', ' : ''}<b>${n}</b>`);
  const pairs = (p: readonly (readonly [string, string])[]) =>
    p.length === 0 ? html`—` : p.map(([a, b], i) => html`${i > 0 ? ', ' : ''}<b>${a}</b> = <b>${b}</b>`);
  const flag = (bad: boolean, content: SafeHtml) =>
    bad ? html`<span class="warn">⚠</span> ${content}` : content;
  const row = (label: string, r: SafeHtml, c: SafeHtml) =>
    html`<tr><th scope="row">${label}</th><td>${r}</td><td>${c}</td></tr>`;
  return html`${row('Rows', html`${formatCount(ref.rows)}`, html`${formatCount(cur.rows)}`)}
${row('Columns', html`${formatCount(ref.columns)}`, html`${formatCount(cur.columns)}`)}
${row('Missing cells', html`${formatCount(ref.missingCells)} (${formatShare(ref.missingShare)})`, html`${formatCount(cur.missingCells)} (${formatShare(cur.missingShare)})`)}
${row('Duplicated rows', html`${formatCount(ref.duplicatedRows)}`, flag(cur.duplicatedRows > 0, html`${formatCount(cur.duplicatedRows)}`))}
${row('Empty columns', html`${list(ref.emptyColumns)}`, flag(cur.emptyColumns.length > 0, html`${list(cur.emptyColumns)}`))}
${row('Constant columns', html`${list(ref.constantColumns)}`, flag(cur.constantColumns.length > 0, html`${list(cur.constantColumns)}`))}
${row('Almost constant (≥ 95% one value)', html`${list(ref.almostConstantColumns)}`, flag(cur.almostConstantColumns.length > 0, html`${list(cur.almostConstantColumns)}`))}
${row('Duplicated columns', html`${pairs(ref.duplicatedColumns)}`, flag(cur.duplicatedColumns.length > 0, html`${pairs(cur.duplicatedColumns)}`))}`;
}

function statCells(side: string, q: ColumnQuality | null, isCurrent: boolean): SafeHtml {
  if (q === null)
    return html`<td>${side}</td><td colspan="12" class="na">column absent from the ${side} data</td>`;
  const v = (x: number | null) => html`<td class="num">${formatValue(x, q.dtype)}</td>`;
  const std =
    q.dtype === 'datetime' && q.std !== null ? `${formatNumber(q.std / MS_PER_DAY)} d` : formatNumber(q.std);
  const allMissing = isCurrent && q.count > 0 && q.missingCount === q.count;
  const missing = html`${formatShare(q.missingShare)}${q.missingCount > 0 && html` <span class="muted">(${formatCount(q.missingCount)})</span>`}`;
  return html`<td>${side}</td><td class="num">${allMissing ? html`<span class="warn">⚠ ${missing}</span>` : missing}</td><td class="num">${formatCount(q.distinctCount)}</td>${[q.min, q.q05, q.q25, q.q50, q.q75, q.q95, q.max, q.mean].map(v)}<td class="num">${std}</td><td class="top">${topValue(q)}</td>`;
}

function topValue(q: ColumnQuality): SafeHtml {
  const top = q.topValues[0];
  if (top === undefined) return html`—`;
  const chars = Array.from(top.value);
  const shown =
    chars.length > MAX_VALUE_CHARS ? `${chars.slice(0, MAX_VALUE_CHARS - 1).join('')}…` : top.value;
  return html`<code${shown !== top.value ? html` title="${top.value}"` : ''}>${shown}</code> <span class="muted">${formatShare(top.share)}</span>`;
}

function shiftRow(
  name: string,
  type: string,
  ref: ColumnQuality | null,
  cur: ColumnQuality | null,
): SafeHtml {
  const cell = (x: number | null | undefined, flagged: boolean) => {
    const value = x ?? null;
    const text =
      flagged && value !== null && value > 0
        ? html`<span class="warn">⚠ ${formatShare(value)}</span>`
        : html`${formatShare(value)}`;
    return html`<td class="num" data-v="${value === null ? 'NaN' : value}">${text}</td>`;
  };
  return html`<tr><td class="name">${name}</td><td>${type}</td>${cell(cur?.outOfRangeShare, true)}${cell(cur?.newCategoryShare, true)}${cell(ref?.outlierShare, false)}${cell(cur?.outlierShare, false)}</tr>\n`;
}
