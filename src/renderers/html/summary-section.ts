/**
 * The report's summary: the dataset drift verdict (in words and a symbol, not only colour), the
 * drifted count and share against the threshold, and what was compared (files, rows, when, version).
 * @module
 */
import type { ReportResult } from '../../core/report/result-schema.ts';
import { formatCount, formatNumber, formatShare } from './format.ts';
import { html, type SafeHtml } from './html.ts';

/** Files listed per side before "… and N more" (a partitioned dataset may have thousands). */
export const MAX_FILES_LISTED = 20;

/** The verdict in words with a symbol: `⚠ Dataset drift` / `✓ No dataset drift`. */
export function verdictText(result: ReportResult): string {
  return result.drift.datasetDrift ? '⚠ Dataset drift detected' : '✓ No dataset drift';
}

export function summarySection(result: ReportResult): SafeHtml {
  const d = result.drift;
  const reached = d.share >= d.driftShare;
  const tested =
    d.columnCount === 0
      ? 'No column could be tested for drift.'
      : `${d.driftedCount} of ${d.columnCount} tested column${d.columnCount === 1 ? '' : 's'} drifted: share ${formatShare(d.share)} ${reached ? '≥' : '<'} threshold ${formatShare(d.driftShare)}.`;
  const correction =
    d.correction === 'none'
      ? ''
      : ` p-values corrected for multiple testing (${d.correction === 'bh' ? 'Benjamini–Hochberg' : 'Bonferroni'}).`;
  return html`<section id="summary"><h2>Summary</h2>
<p class="verdict ${d.datasetDrift ? 'drift' : 'ok'}">${verdictText(result)}</p>
<p>${tested}${correction}</p>
<dl class="facts">
<dt>Reference</dt><dd>${side(result.reference)}</dd>
<dt>Current</dt><dd>${side(result.current)}</dd>
<dt>Generated</dt><dd>${result.generatedAt}</dd>
<dt>driftwatch</dt><dd>${result.driftwatchVersion} <span class="muted">(result schema v${result.schemaVersion}; compared in ${formatNumber(result.timings.computeMs)} ms)</span></dd>
</dl></section>`;
}

function side(info: ReportResult['reference']): SafeHtml {
  const counts = `${formatCount(info.rows)} rows × ${formatCount(info.columns)} columns`;
  if (info.files.length === 0) return html`${counts}`;
  const shown = info.files.slice(0, MAX_FILES_LISTED);
  const more = info.files.length - shown.length;
  return html`${counts} — ${shown.map((f, i) => html`${i > 0 ? ', ' : ''}<code>${f}</code>`)}${more > 0 ? ` … and ${formatCount(more)} more` : ''}`;
}
