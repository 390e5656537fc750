/**
 * The drift table: one row per tested column with its method, statistic, threshold and verdict
 * (a symbol and a word, not only colour) and its reference-vs-current distribution chart.
 * @module
 */
import type { ColumnDrift, ReportResult } from '../../core/report/result-schema.ts';
import { distributionChart } from './distribution-chart.ts';
import { formatNumber, formatOperator } from './format.ts';
import { html, type SafeHtml } from './html.ts';

/** The verdict cell: `▲ drift`, `✓ no drift` or `– not tested`. */
export function driftBadge(drifted: boolean | null): SafeHtml {
  if (drifted === null) return html`<span class="na">– not tested</span>`;
  return drifted ? html`<span class="drift"><b>▲ drift</b></span>` : html`<span class="ok">✓ no drift</span>`;
}

export function driftSection(result: ReportResult): SafeHtml {
  const d = result.drift;
  const tested = new Set(d.columns.map((c) => c.column));
  const untested = result.columns.filter((c) => !tested.has(c.name));
  const rows = d.columns.map((c, i) => row(c, i));
  return html`<section id="drift"><h2>Drift by column <span class="legend" aria-hidden="true"><span><span class="key r"></span>reference (left bars)</span><span><span class="key c"></span>current (right bars)</span></span></h2>
${
  d.columns.length === 0
    ? html`<p class="note">No column was tested for drift.</p>`
    : html`<div class="scroll"><table class="sortable" id="drift-table"><thead><tr><th>Column</th><th>Type</th><th>Method</th><th class="num">Statistic</th><th>Drift if</th><th>Verdict</th><th data-nosort>Reference vs current</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
}
${
  untested.length > 0 &&
  html`<p class="note">Not drift-tested: ${untested.map((c, i) => html`${i > 0 ? ', ' : ''}<b>${c.name}</b> (${c.type})`)} — datetime and id columns are profiled for data quality only; see the warnings for the others.</p>`
}
</section>`;
}

function row(c: ColumnDrift, index: number): SafeHtml {
  const kind = c.statisticKind === 'p_value' ? 'p-value' : c.statisticKind === 'distance' ? 'distance' : '';
  const adjusted = c.pValueAdjusted ?? null;
  const sortValue = adjusted ?? c.statistic;
  const statistic = html`${formatNumber(c.statistic)}${kind && html` <span class="muted">${kind}</span>`}${
    adjusted !== null && html`<br><span class="muted">adjusted</span> ${formatNumber(adjusted)}`
  }`;
  const threshold =
    c.threshold === null || c.operator === null
      ? '—'
      : `${c.statisticKind === 'p_value' ? 'p' : 'd'} ${formatOperator(c.operator)} ${formatNumber(c.threshold)}`;
  const method =
    c.method === null
      ? html`—`
      : html`${c.methodName ?? c.method} <code class="muted">${c.method}</code>${!c.exact && html` <span class="muted" title="Monte-Carlo permutation test: approximate">≈</span>`}`;
  const chart =
    c.distribution === null
      ? html`<span class="na">no data to chart</span>`
      : distributionChart(c.distribution, c.column, `chart-${index}`);
  return html`<tr${c.drifted ? html` class="drifted"` : ''}><td class="name">${c.column}</td><td>${c.type}</td><td>${method}</td><td class="num" data-v="${sortValue === null ? 'NaN' : sortValue}">${statistic}</td><td>${threshold}</td><td data-v="${c.drifted === null ? 'NaN' : c.drifted ? 1 : 0}">${driftBadge(c.drifted)}</td><td>${chart}</td></tr>
`;
}
