/**
 * The contract-violations section (only when a contract was given) and the warnings section.
 * Both lists are capped so a pathological input cannot produce a huge page; the JSON has them all.
 * @module
 */
import type { ReportResult } from '../../core/report/result-schema.ts';
import { formatCount } from './format.ts';
import { html, type SafeHtml } from './html.ts';

/** Violations and warnings listed before "… and N more". */
export const MAX_ISSUES_LISTED = 500;

export function contractSection(contract: NonNullable<ReportResult['contract']>): SafeHtml {
  const v = contract.violations;
  const source =
    contract.source === null ? '' : html` <span class="muted">from</span> <code>${contract.source}</code>`;
  if (v.length === 0) {
    return html`<section id="contract"><h2>Data contract${source}</h2><p class="ok">✓ All contract checks passed.</p></section>`;
  }
  const shown = v.slice(0, MAX_ISSUES_LISTED);
  return html`<section id="contract"><h2>Data contract${source}</h2>
<p class="drift"><b>✗ ${formatCount(v.length)} violation${v.length === 1 ? '' : 's'}</b></p>
<div class="scroll"><table class="sortable" id="contract-table"><thead><tr><th>Column</th><th>Check</th><th>Message</th></tr></thead><tbody>
${shown.map((x) => html`<tr><td class="name">${x.column ?? html`<span class="muted">(dataset)</span>`}</td><td><code>${x.check}</code></td><td class="msg">${x.message}</td></tr>\n`)}</tbody></table></div>
${more(v.length - shown.length)}</section>`;
}

export function warningsSection(warnings: ReportResult['warnings']): SafeHtml {
  if (warnings.length === 0)
    return html`<section id="warnings"><h2>Warnings</h2><p class="ok">✓ No warnings.</p></section>`;
  const shown = warnings.slice(0, MAX_ISSUES_LISTED);
  return html`<section id="warnings"><h2>Warnings <span class="muted">(${formatCount(warnings.length)})</span></h2>
<div class="scroll"><table class="sortable" id="warnings-table"><thead><tr><th>Code</th><th>Column</th><th>Message</th></tr></thead><tbody>
${shown.map((w) => html`<tr><td><code>${w.code}</code></td><td class="name">${w.column ?? html`<span class="muted">(dataset)</span>`}</td><td class="msg">${w.message}</td></tr>\n`)}</tbody></table></div>
${more(warnings.length - shown.length)}</section>`;
}

function more(n: number): SafeHtml {
  return n > 0 ? html`<p class="note">… and ${formatCount(n)} more (see the JSON result).</p>` : html``;
}
