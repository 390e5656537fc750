/**
 * The "Tests" section of a `driftwatch test` run (only when the result has `tests`): the run's verdict in
 * words and a symbol, the counts, and a table of every test with its status (`✓ pass`, `✗ fail`,
 * `⚠ warning`, `⊘ error`: a symbol and a word, not only colour), severity, name, metric path, condition,
 * the threshold as compared, the actual value and the message. Problems are listed (fail, error, then
 * warning; suite order within each) in one table; the passed tests follow in a second table folded in a
 * `<details>` element (it opens without JavaScript). The JSON result keeps the suite order.
 * @module
 */
import type { ReportResult } from '../../core/report/result-schema.ts';
import type {
  Condition,
  ResolvedThreshold,
  Scalar,
  SuiteSummary,
  TestOutcome,
  TestStatus,
} from '../../core/suite/suite-types.ts';
import { formatCount, formatNumber } from './format.ts';
import { html, type SafeHtml } from './html.ts';

/** What `driftwatch test` adds to the report result (see `TestRunResult` in `src/cli/test-command.ts`). */
export interface TestRunFields {
  readonly tests: readonly TestOutcome[];
  readonly testSummary: SuiteSummary;
}

/** A report result, possibly from a test run. */
export type RenderableResult = ReportResult & Partial<TestRunFields>;

/** Tests listed before "… and N more". */
export const MAX_TESTS_SHOWN = 2000;

const STATUS: Readonly<Record<TestStatus, { text: string; cls: string; order: number }>> = {
  fail: { text: '✗ fail', cls: 'drift', order: 0 },
  error: { text: '⊘ error', cls: 'drift', order: 1 },
  warning: { text: '⚠ warning', cls: 'warn', order: 2 },
  pass: { text: '✓ pass', cls: 'ok', order: 3 },
};

const CONDITION_SYMBOLS: Readonly<Record<Condition, string>> = {
  eq: '=',
  not_eq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'between',
  is_in: 'in',
  not_in: 'not in',
};

/** The status cell: symbol and word. */
export function statusBadge(status: TestStatus): SafeHtml {
  const s = STATUS[status] ?? { text: String(status), cls: 'na' };
  return html`<span class="${s.cls}">${status === 'fail' ? html`<b>${s.text}</b>` : s.text}</span>`;
}

/** The run's verdict in words and a symbol, for the section and the page header. */
export function testVerdictText(summary: SuiteSummary): string {
  if (summary.ok) return summary.total === 0 ? '✓ No tests' : '✓ Tests passed';
  const critical = summary.failed;
  return critical > 0 ? `✗ ${critical} test${critical === 1 ? '' : 's'} failed` : '✗ Tests failed';
}

export function hasTests(result: RenderableResult): result is ReportResult & TestRunFields {
  return Array.isArray(result.tests) && result.testSummary !== undefined;
}

function scalar(x: Scalar): SafeHtml {
  if (typeof x === 'number') return html`${formatNumber(x)}`;
  if (typeof x === 'boolean') return html`<code>${String(x)}</code>`;
  return html`<code>${JSON.stringify(x)}</code>`;
}

/** The threshold as compared: number, `[low, high]`, a list, or `value ± tolerance`. */
export function formatThreshold(t: ResolvedThreshold | null, condition: Condition): SafeHtml {
  if (t === null) return html`<span class="na">—</span>`;
  if (Array.isArray(t)) {
    const items = (t as readonly Scalar[]).map((x, i) => html`${i > 0 ? ', ' : ''}${scalar(x)}`);
    return condition === 'between' ? html`[${items}]` : html`{${items}}`;
  }
  if (typeof t === 'object') {
    const o = t as { readonly value: number; readonly tolerance: number };
    return o.tolerance === 0
      ? html`${formatNumber(o.value)}`
      : html`${formatNumber(o.value)} ± ${formatNumber(o.tolerance)}`;
  }
  return scalar(t as Scalar);
}

export function testsSection(result: ReportResult & TestRunFields): SafeHtml {
  const s = result.testSummary;
  const ordered = result.tests
    .map((t, i) => ({ t, i }))
    .sort((a, b) => (STATUS[a.t.status]?.order ?? 9) - (STATUS[b.t.status]?.order ?? 9) || a.i - b.i);
  const shown = ordered.slice(0, MAX_TESTS_SHOWN).map(({ t }) => t);
  const problems = shown.filter((t) => t.status !== 'pass');
  const passed = shown.filter((t) => t.status === 'pass');
  return html`<section id="tests"><h2>Tests</h2>
<p class="verdict ${s.ok ? 'ok' : 'drift'}">${testVerdictText(s)}</p>
<p id="tests-counts">${formatCount(s.total)} test${s.total === 1 ? '' : 's'}: <span class="ok">${formatCount(s.passed)} passed</span>, <span class="${s.failed > 0 ? 'drift' : 'muted'}">${formatCount(s.failed)} failed</span>, <span class="${s.warnings > 0 ? 'warn' : 'muted'}">${formatCount(s.warnings)} warning${s.warnings === 1 ? '' : 's'}</span>, <span class="${s.errors > 0 ? 'drift' : 'muted'}">${formatCount(s.errors)} error${s.errors === 1 ? '' : 's'}</span>. <span class="muted">A critical test that fails or errors fails the run (exit code 1); warnings do not.</span></p>
${problems.length > 0 && table('tests-table', problems)}
${
  passed.length > 0 &&
  html`<details id="tests-passed"><summary>✓ ${formatCount(passed.length)} passed test${passed.length === 1 ? '' : 's'}</summary>
${table('tests-passed-table', passed)}</details>`
}
${result.tests.length > shown.length && html`<p class="note">… and ${formatCount(result.tests.length - shown.length)} more (see the JSON result).</p>`}
</section>`;
}

function table(id: string, tests: readonly TestOutcome[]): SafeHtml {
  return html`<div class="scroll"><table class="sortable tests" id="${id}"><thead><tr><th>Status</th><th>Severity</th><th>Test</th><th>Metric</th><th>Condition</th><th class="num">Threshold</th><th class="num">Actual</th><th>Message</th></tr></thead><tbody>
${tests.map(row)}</tbody></table></div>`;
}

/** The condition as a symbol with its suite name (`< lt`), or the name alone when it is a word. */
function condition(c: Condition): SafeHtml {
  const symbol = CONDITION_SYMBOLS[c] ?? c;
  return symbol === c ? html`<code>${c}</code>` : html`${symbol} <code class="muted">${c}</code>`;
}

function row(t: TestOutcome): SafeHtml {
  const failed = t.status === 'fail' || t.status === 'error';
  const actualKey = typeof t.actual === 'number' ? t.actual : 'NaN';
  return html`<tr${failed && html` class="failed"`}><td class="nw" data-v="${STATUS[t.status]?.order ?? 9}">${statusBadge(t.status)}</td><td>${t.severity}</td><td class="name">${t.name}</td><td class="path"><code>${t.metric}</code></td><td class="nw">${condition(t.condition)}</td><td class="num nw">${formatThreshold(t.threshold, t.condition)}</td><td class="num" data-v="${actualKey}">${t.actual === null ? html`<span class="na">—</span>` : scalar(t.actual)}</td><td class="msg">${t.message}</td></tr>
`;
}
