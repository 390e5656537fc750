/**
 * The "Fairness" section (only when the result has `fairness`): per `--sensitive` column, the per-group
 * rates (selection rate, TPR, FPR, precision, accuracy, disparate impact against the privileged group),
 * the overall gaps (demographic parity difference and ratio, disparate impact, the four-fifths rule with a
 * `✓ passes` / `✗ fails` verdict in words, equal-opportunity, equalized-odds and predictive-parity
 * differences) and, folded in a `<details>` element, SageMaker Clarify's post-training metrics per group
 * (each group against all other rows). Values are read defensively (`metric-values.ts`).
 * @module
 */
import type { ReportResult } from '../../core/report/result-schema.ts';
import { formatCount, formatNumber, formatShare } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { asRec, bool, field, list, num, type Rec, rec, str, strings } from './metric-values.ts';

/** Groups listed per column before "… and N more". */
export const MAX_GROUPS_SHOWN = 50;

const CLARIFY: readonly (readonly [string, string, string])[] = [
  ['dppl', 'DPPL', 'difference in positive proportions in predicted labels'],
  ['di', 'DI', 'disparate impact (ratio of predicted positive proportions)'],
  ['dcAcc', 'DCAcc', 'difference in conditional acceptance'],
  ['dcr', 'DCR', 'difference in conditional rejection'],
  ['rd', 'RD', 'recall difference'],
  ['dar', 'DAR', 'difference in acceptance rates (precision)'],
  ['drr', 'DRR', 'difference in rejection rates'],
  ['ad', 'AD', 'accuracy difference'],
  ['te', 'TE', 'treatment equality'],
  ['ft', 'FT', 'flip test'],
];

export function fairnessSection(result: ReportResult): SafeHtml | null {
  const entries = (result.fairness ?? []).map(asRec).filter((x) => x !== null);
  if (entries.length === 0) return null;
  return html`<section id="fairness"><h2>Fairness</h2>
<p class="note">Per sensitive column: outcome rates per group on the current data and the gaps between groups (Fairlearn's definitions: largest minus smallest group value; ratio: smallest over largest).</p>
${entries.map((e, i) => columnBlock(e, i))}
</section>`;
}

function columnBlock(e: Rec, index: number): SafeHtml {
  const column = str(e, 'column') ?? `sensitive column ${index + 1}`;
  const rows = num(e, 'rows');
  const missing = num(e, 'missingGroupRows');
  const hasTarget = bool(e, 'hasTarget');
  const overall = rec(e, 'overall');
  const privileged = str(overall, 'privileged');
  const groups = list(e, 'groups')
    .map(asRec)
    .filter((g) => g !== null);
  const shown = groups.slice(0, MAX_GROUPS_SHOWN);
  const rate = (g: Rec, key: string) => {
    const x = num(g, key);
    return html`<td class="num" data-v="${x === null || Number.isNaN(x) ? 'NaN' : x}">${formatShare(x)}</td>`;
  };
  const groupRows = shown.map((g) => {
    const name = str(g, 'group') ?? '';
    const flags = [
      name === privileged && privileged !== null && html` <span class="muted">(privileged)</span>`,
      bool(g, 'tooFewRows') === true && html` <span class="warn">⚠ too few rows</span>`,
      bool(g, 'compared') === false && html` <span class="muted">(not compared)</span>`,
    ];
    const di = num(g, 'disparateImpact');
    return html`<tr><td class="name">${name}${flags}</td><td class="num" data-v="${num(g, 'rows') ?? 0}">${formatCount(num(g, 'rows') ?? 0)}</td>${rate(g, 'selectionRate')}${rate(g, 'tpr')}${rate(g, 'fpr')}${rate(g, 'precision')}${rate(g, 'accuracy')}<td class="num" data-v="${di === null || Number.isNaN(di) ? 'NaN' : di}">${formatNumber(di)}</td></tr>\n`;
  });
  const id = `fairness-${index}`;
  return html`<div class="fair" id="${id}"><h3>${column} <span class="muted">(${rows === null ? '' : `${formatCount(rows)} rows`}${missing !== null && missing > 0 ? `, ${formatCount(missing)} without a group` : ''})</span></h3>
${hasTarget === false && html`<p class="note">No target: only prediction-based metrics (selection rate, demographic parity, disparate impact).</p>`}
<div class="scroll"><table class="sortable" id="${id}-groups"><thead><tr><th>Group</th><th class="num">Rows</th><th class="num">Selection rate</th><th class="num">TPR</th><th class="num">FPR</th><th class="num">Precision</th><th class="num">Accuracy</th><th class="num">Disparate impact</th></tr></thead><tbody>
${groupRows}</tbody></table></div>
${groups.length > shown.length && html`<p class="note">… and ${formatCount(groups.length - shown.length)} more groups (see the JSON result).</p>`}
${overall !== null && overallTable(overall, `${id}-overall`)}
${clarifyTable(shown, `${id}-clarify`)}
</div>`;
}

/** The four-fifths rule verdict in words: `✓ passes`, `✗ fails` or `– not applicable`. */
export function fourFifthsVerdict(rule: Rec | null): SafeHtml {
  const passed = bool(rule, 'passed');
  const ratio = num(rule, 'ratio');
  const threshold = num(rule, 'threshold') ?? 0.8;
  const refGroup = str(rule, 'referenceGroup');
  const against = refGroup === null ? '' : html` against <b>${refGroup}</b>`;
  if (passed === true)
    return html`<span class="ok">✓ passes</span>: lowest selection-rate ratio ${formatNumber(ratio)} ≥ ${formatNumber(threshold)}${against}`;
  if (passed === false) {
    const failing = strings(rule, 'failingGroups') ?? [];
    return html`<span class="drift"><b>✗ fails</b></span>: lowest selection-rate ratio ${formatNumber(ratio)} < ${formatNumber(threshold)}${against}${failing.length > 0 && html`; failing: ${failing.map((g, i) => html`${i > 0 ? ', ' : ''}<b>${g}</b>`)}`}`;
  }
  return html`<span class="na">– not applicable</span> (fewer than two groups compared, or no positive prediction)`;
}

function overallTable(o: Rec, id: string): SafeHtml {
  const row = (label: string, value: SafeHtml | string, what: string) =>
    html`<tr><th scope="row">${label}</th><td class="num">${value}</td><td class="muted">${what}</td></tr>`;
  const n = (key: string) => formatNumber(num(o, key));
  const diGroup = str(o, 'disparateImpactGroup');
  const privileged = str(o, 'privileged');
  const ge = num(o, 'generalizedEntropy');
  return html`<div class="scroll"><table id="${id}"><thead><tr><th>Overall</th><th class="num">Value</th><th>Definition</th></tr></thead><tbody>
${row('Demographic parity difference', n('demographicParityDifference'), 'largest − smallest selection rate')}
${row('Demographic parity ratio', n('demographicParityRatio'), 'smallest ÷ largest selection rate')}
${row('Disparate impact', n('disparateImpact'), `lowest selection rate ÷ that of the privileged group${privileged === null ? '' : ` (${privileged})`}${diGroup === null ? '' : `; lowest: ${diGroup}`}`)}
<tr><th scope="row">Four-fifths rule</th><td colspan="2">${fourFifthsVerdict(rec(o, 'fourFifthsRule'))}</td></tr>
${row('Equal-opportunity difference', n('equalOpportunityDifference'), 'largest − smallest TPR')}
${row('Equalized-odds difference', n('equalizedOddsDifference'), 'larger of the TPR and FPR differences')}
${row('Predictive-parity difference', n('predictiveParityDifference'), 'largest − smallest precision')}
${ge !== null && row('Generalized entropy (α = 2)', formatNumber(ge), 'inequality of individual benefits (Clarify GE)')}
</tbody></table></div>`;
}

function clarifyTable(groups: readonly Rec[], id: string): SafeHtml | null {
  const withClarify = groups.filter((g) => rec(g, 'clarify') !== null);
  if (withClarify.length === 0) return null;
  const rows = withClarify.map((g) => {
    const c = rec(g, 'clarify');
    const error = field(c, 'error');
    const cells =
      typeof error === 'string'
        ? html`<td colspan="${CLARIFY.length}" class="na">${error}</td>`
        : CLARIFY.map(([key]) => {
            const skipped = key === 'ft' && num(c, 'ft') === null ? str(c, 'ftSkipped') : null;
            return html`<td class="num"${skipped !== null && html` title="skipped: ${skipped}"`}>${formatNumber(num(c, key))}</td>`;
          });
    return html`<tr><td class="name">${str(g, 'group') ?? ''}</td>${cells}</tr>`;
  });
  return html`<details><summary>SageMaker Clarify post-training metrics (each group against all other rows)</summary>
<div class="scroll"><table id="${id}"><thead><tr><th>Group</th>${CLARIFY.map(([, code, what]) => html`<th class="num"><abbr title="${what}">${code}</abbr></th>`)}</tr></thead><tbody>${rows}</tbody></table></div></details>`;
}
