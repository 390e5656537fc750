/**
 * The "Model quality" section (only when the result has `quality.task`): the headline metrics of the
 * task for the reference and the current data with the change and, where the result has one, the dummy
 * model's value; then per task
 * - binary: the 2×2 confusion matrices, ROC and precision–recall curves and the reliability
 *   (calibration) plot, reference and current overlaid;
 * - multiclass: per-class precision, recall, F1, ROC AUC and support, and the heat-shaded confusion
 *   matrices;
 * - regression: the error quantiles as a table and a box strip;
 * - ranking: the cut-off k.
 * A side whose metrics are `null` (no labels) shows `—`. Metrics are read defensively (`metric-values.ts`).
 * @module
 */
import type { ReportResult } from '../../core/report/result-schema.ts';
import { confusionMatrixTable } from './confusion-matrix-table.ts';
import { type CurveSeries, curveChart } from './curve-chart.ts';
import { type ErrorQuantiles, errorQuantileChart } from './error-quantile-chart.ts';
import { formatCount, formatNumber, formatShare } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { asRec, list, num, numbers, type Rec, rec, strings } from './metric-values.ts';
import { compare, HEADLINE_METRICS, type MetricDef, TASK_NAMES, type Task } from './model-metrics.ts';

/** Classes shown in a multiclass confusion matrix and per-class table before "… and N more". */
export const MAX_CLASSES_SHOWN = 30;

interface Sides {
  readonly ref: Rec | null;
  readonly cur: Rec | null;
}

export function modelSection(result: ReportResult): SafeHtml | null {
  const task = result.quality.task;
  if (task === undefined) return null;
  const sides: Sides = {
    ref: asRec(result.quality.reference.metrics),
    cur: asRec(result.quality.current.metrics),
  };
  const missing = [sides.ref === null && 'reference', sides.cur === null && 'current'].filter(Boolean);
  return html`<section id="model"><h2>Model quality <span class="muted">(${TASK_NAMES[task]})</span></h2>
${missing.length > 0 && html`<p class="note">No model-quality metrics for the ${missing.join(' and the ')} data (no labels or no predictions).</p>`}
${metricTable(task, sides)}
${details(task, sides)}
</section>`;
}

/** A signed difference with a real minus sign: `+0.01`, `−0.0139`. */
export function formatChange(x: number | null): string {
  if (x === null || Number.isNaN(x)) return '—';
  if (x === 0) return '0';
  return x > 0 ? `+${formatNumber(x)}` : `−${formatNumber(-x)}`;
}

function formatMetric(def: MetricDef, x: number | null): string {
  const s = formatNumber(x);
  return def.unit === 'percent' && x !== null && Number.isFinite(x) ? `${s}%` : s;
}

function metricTable(task: Task, { ref, cur }: Sides): SafeHtml {
  const k = num(cur, 'k') ?? num(ref, 'k');
  const beta = num(cur, 'beta') ?? num(ref, 'beta');
  const defs = HEADLINE_METRICS[task].filter(
    (d) =>
      (d.key !== 'fBeta' || (beta !== null && beta !== 1)) &&
      (num(ref, d.key) !== null || num(cur, d.key) !== null),
  );
  const dummy = rec(cur, 'dummy');
  const hasDummy = defs.some((d) => num(dummy, d.key) !== null);
  const label = (d: MetricDef) => {
    let l = d.label;
    if (k !== null) l = l.replace('@k', `@${k}`);
    if (d.key === 'fBeta' && beta !== null) l = `F-beta (β = ${formatNumber(beta)})`;
    return l;
  };
  const rows = defs.map((d) => {
    const r = num(ref, d.key);
    const c = num(cur, d.key);
    const verdict = compare(d, r, c);
    const change = r !== null && c !== null ? c - r : null;
    return html`<tr><th scope="row">${label(d)}</th><td class="num">${formatMetric(d, r)}</td><td class="num">${formatMetric(d, c)}</td><td class="num">${formatChange(change)}${d.unit === 'percent' && change !== null && change !== 0 && Number.isFinite(change) ? ' pp' : ''}${verdict === 1 ? html` <span class="ok">better</span>` : verdict === -1 ? html` <span class="warn">worse</span>` : ''}</td>${hasDummy && html`<td class="num">${formatMetric(d, num(dummy, d.key))}</td>`}</tr>`;
  });
  const rowsRef = num(ref, 'rows');
  const rowsCur = num(cur, 'rows');
  return html`<div class="scroll"><table id="model-metrics"><thead><tr><th>Metric</th><th class="num">Reference</th><th class="num">Current</th><th class="num">Change</th>${hasDummy && html`<th class="num">Dummy model <span class="muted">(current)</span></th>`}</tr></thead><tbody>
<tr><th scope="row">Rows evaluated</th><td class="num">${rowsRef === null ? '—' : formatCount(rowsRef)}</td><td class="num">${rowsCur === null ? '—' : formatCount(rowsCur)}</td><td></td>${hasDummy && html`<td></td>`}</tr>
${rows}</tbody></table></div>`;
}

function details(task: Task, sides: Sides): SafeHtml | null {
  switch (task) {
    case 'binary':
      return binaryDetails(sides);
    case 'multiclass':
      return multiclassDetails(sides);
    case 'regression':
      return regressionDetails(sides);
    case 'ranking': {
      const k = num(sides.cur, 'k') ?? num(sides.ref, 'k');
      return k === null ? null : html`<p class="note">Ranking metrics at the cut-off k = ${k}.</p>`;
    }
  }
}

// ---------------------------------------------------------------------------------------------- binary

function binaryDetails({ ref, cur }: Sides): SafeHtml {
  const classes = strings(cur, 'classes') ?? strings(ref, 'classes');
  const neg = classes?.[0];
  const pos = classes?.[1];
  const threshold = num(cur, 'threshold') ?? num(ref, 'threshold');
  const best = (m: Rec | null) => {
    const b = rec(m, 'bestF1Threshold');
    const t = num(b, 'threshold');
    return t === null ? '—' : `${formatNumber(t)} (F1 ${formatNumber(num(b, 'f1'))})`;
  };
  const facts = html`<p class="note">${pos !== undefined && html`Positive class <code>${pos}</code>. `}${threshold !== null && html`Decision threshold ${formatNumber(threshold)}. `}Best threshold by F1: reference ${best(ref)}, current ${best(cur)}.</p>`;

  const labels = [
    neg === undefined ? 'negative' : `${neg} (negative)`,
    pos === undefined ? 'positive' : `${pos} (positive)`,
  ];
  const matrix = (side: string, m: Rec | null) => {
    const cm = rec(m, 'confusionMatrix');
    if (cm === null) return null;
    const [tn, fp, fn, tp] = ['tn', 'fp', 'fn', 'tp'].map((key) => num(cm, key) ?? 0) as [
      number,
      number,
      number,
      number,
    ];
    return confusionMatrixTable({
      id: `cm-${side}`,
      caption: `${side === 'reference' ? 'Reference' : 'Current'} (${formatCount(tn + fp + fn + tp)} rows)`,
      labels,
      matrix: [
        [tn, fp],
        [fn, tp],
      ],
      cellNames: [
        ['TN', 'FP'],
        ['FN', 'TP'],
      ],
    });
  };
  const matrices = [matrix('reference', ref), matrix('current', cur)].filter((x) => x !== null);

  return html`${facts}
${
  matrices.length > 0 &&
  html`<h3>Confusion matrix</h3>
<div class="figs">${matrices}</div>
<p class="note">Rows: actual class; columns: predicted class. Each cell: count and share of the actual class's rows (shading follows that share).</p>`
}
${curves(ref, cur)}`;
}

function curves(ref: Rec | null, cur: Rec | null): SafeHtml | null {
  const auc = (m: Rec | null, key: string) => formatNumber(num(m, key));
  const sides = [
    { side: 'reference' as const, m: ref },
    { side: 'current' as const, m: cur },
  ];
  const styleWords = { reference: 'blue, solid line', current: 'orange, dashed line' };

  const roc: CurveSeries[] = [];
  const pr: CurveSeries[] = [];
  const rel: CurveSeries[] = [];
  for (const { side, m } of sides) {
    const rc = rec(m, 'rocCurve');
    const fpr = numbers(rc, 'fpr');
    const tpr = numbers(rc, 'tpr');
    if (fpr !== null && tpr !== null && fpr.length > 1)
      roc.push({ side, label: `${side} (AUC ${auc(m, 'rocAuc')})`, x: fpr, y: tpr });
    const pc = rec(m, 'prCurve');
    const recall = numbers(pc, 'recall');
    const precision = numbers(pc, 'precision');
    if (recall !== null && precision !== null && recall.length > 1)
      pr.push({ side, label: `${side} (AP ${auc(m, 'prAuc')})`, x: recall, y: precision });
    const bins = list(m, 'reliability').map(asRec);
    if (bins.length > 0) {
      const x = bins.map((b) => num(b, 'meanScore') ?? Number.NaN);
      const y = bins.map((b) => num(b, 'fractionPositive') ?? Number.NaN);
      const markers = bins.map(
        (b) =>
          `${side}: mean score ${formatNumber(num(b, 'meanScore'))}, positives ${formatShare(num(b, 'fractionPositive'))}, ${formatCount(num(b, 'count') ?? 0)} rows`,
      );
      rel.push({ side, label: `${side} (ECE ${auc(m, 'ece')})`, x, y, markers });
    }
  }
  if (roc.length + pr.length + rel.length === 0) return null;
  const describe = (series: readonly CurveSeries[]) =>
    series.map((s) => `${s.label}: ${styleWords[s.side]}`).join('; ');
  const binCount = Math.max(list(ref, 'reliability').length, list(cur, 'reliability').length);
  const figure = (chart: SafeHtml, caption: SafeHtml) =>
    html`<figure>${chart}<figcaption>${caption}</figcaption></figure>`;
  const figs: SafeHtml[] = [];
  if (roc.length > 0)
    figs.push(
      figure(
        curveChart({
          id: 'roc-chart',
          title: `ROC curve, true positive rate against false positive rate. ${describe(roc)}; dotted diagonal: chance.`,
          xLabel: 'False positive rate',
          yLabel: 'True positive rate',
          series: roc,
          diagonal: 'chance',
          legend: 'bottom-right',
        }),
        html`<b>ROC curve</b> — AUC reference ${auc(ref, 'rocAuc')}, current ${auc(cur, 'rocAuc')}`,
      ),
    );
  if (pr.length > 0)
    figs.push(
      figure(
        curveChart({
          id: 'pr-chart',
          title: `Precision–recall curve, precision against recall. ${describe(pr)}.`,
          xLabel: 'Recall',
          yLabel: 'Precision',
          series: pr,
          legend: 'bottom-left',
        }),
        html`<b>Precision–recall curve</b> — average precision reference ${auc(ref, 'prAuc')}, current ${auc(cur, 'prAuc')}`,
      ),
    );
  if (rel.length > 0)
    figs.push(
      figure(
        curveChart({
          id: 'rel-chart',
          title: `Reliability (calibration) curve: share of positives against the mean score in ${binCount} equal-count score bins. ${describe(rel)}, reference points are circles and current points squares; dotted diagonal: perfect calibration.`,
          xLabel: 'Mean predicted score',
          yLabel: 'Fraction of positives',
          series: rel,
          diagonal: 'perfectly calibrated',
          legend: 'top-left',
        }),
        html`<b>Reliability curve</b> (${binCount} equal-count bins) — expected calibration error reference ${auc(ref, 'ece')}, current ${auc(cur, 'ece')}`,
      ),
    );
  return html`<h3>Curves</h3>
<div class="figs">${figs}</div>`;
}

// ------------------------------------------------------------------------------------------ multiclass

function multiclassDetails({ ref, cur }: Sides): SafeHtml {
  const cmCur = rec(cur, 'confusionMatrix');
  const cmRef = rec(ref, 'confusionMatrix');
  const byRef = rec(ref, 'byClass');
  const byCur = rec(cur, 'byClass');
  const labels = strings(cmCur, 'labels') ?? strings(cmRef, 'labels') ?? Object.keys(byCur ?? byRef ?? {});
  const shown = labels.slice(0, MAX_CLASSES_SHOWN);
  const more = labels.length - shown.length;
  const moreNote =
    more > 0 && html`<p class="note">… and ${formatCount(more)} more classes (see the JSON result).</p>`;

  const cell = (m: Rec | null, key: string) => html`<td class="num">${formatNumber(num(m, key))}</td>`;
  const classRows = shown.map((label) => {
    const r = rec(byRef, label);
    const c = rec(byCur, label);
    const support = (m: Rec | null) => {
      const s = num(m, 'support');
      return s === null ? '—' : formatCount(s);
    };
    return html`<tbody class="col"><tr><th scope="row" rowspan="2" class="name">${label}</th><td>reference</td>${['precision', 'recall', 'f1', 'rocAuc'].map((key) => cell(r, key))}<td class="num">${support(r)}</td></tr><tr><td>current</td>${['precision', 'recall', 'f1', 'rocAuc'].map((key) => cell(c, key))}<td class="num">${support(c)}</td></tr></tbody>`;
  });
  const perClass =
    shown.length > 0 &&
    html`<h3>Per class</h3>
<div class="scroll"><table id="model-classes"><thead><tr><th>Class</th><th>Side</th><th class="num">Precision</th><th class="num">Recall</th><th class="num">F1</th><th class="num">ROC AUC <span class="muted">(one-vs-rest)</span></th><th class="num">Support</th></tr></thead>${classRows}</table></div>`;

  const matrix = (side: 'reference' | 'current', cm: Rec | null, m: Rec | null) => {
    const l = strings(cm, 'labels');
    const rows = list(cm, 'matrix').map((row) =>
      Array.isArray(row) ? row.map((x) => (typeof x === 'number' ? x : 0)) : [],
    );
    if (l === null || rows.length === 0) return null;
    const k = Math.min(l.length, MAX_CLASSES_SHOWN);
    const total = num(m, 'rows') ?? rows.flat().reduce((s, x) => s + x, 0);
    return confusionMatrixTable({
      id: `cm-${side}`,
      caption: `${side === 'reference' ? 'Reference' : 'Current'} (${formatCount(total)} rows)`,
      labels: l.slice(0, k),
      matrix: rows.slice(0, k).map((r) => r.slice(0, k)),
    });
  };
  const matrices = [matrix('reference', cmRef, ref), matrix('current', cmCur, cur)].filter((x) => x !== null);
  return html`${perClass}
${
  matrices.length > 0 &&
  html`<h3>Confusion matrix</h3>
<div class="figs">${matrices}</div>
<p class="note">Rows: actual class; columns: predicted class. Each cell: count and share of the actual class's rows (shading follows that share; the diagonal is the per-class recall).</p>`
}
${moreNote}`;
}

// ------------------------------------------------------------------------------------------ regression

const QUANTILES = [
  ['q05', '5%'],
  ['q25', '25%'],
  ['q50', 'median'],
  ['q75', '75%'],
  ['q95', '95%'],
] as const;

function quantiles(m: Rec | null): ErrorQuantiles | null {
  const q = rec(m, 'errorQuantiles');
  if (q === null) return null;
  const v = (key: string) => num(q, key) ?? Number.NaN;
  return { q05: v('q05'), q25: v('q25'), q50: v('q50'), q75: v('q75'), q95: v('q95') };
}

function regressionDetails({ ref, cur }: Sides): SafeHtml | null {
  const qr = quantiles(ref);
  const qc = quantiles(cur);
  if (qr === null && qc === null) return null;
  const row = (side: string, q: ErrorQuantiles | null) =>
    html`<tr><th scope="row">${side}</th>${QUANTILES.map(([key]) => html`<td class="num">${formatNumber(q?.[key] ?? null)}</td>`)}</tr>`;
  const sides = [
    ...(qr === null ? [] : [{ side: 'reference' as const, q: qr }]),
    ...(qc === null ? [] : [{ side: 'current' as const, q: qc }]),
  ];
  return html`<h3>Error quantiles <span class="muted">(prediction − target)</span></h3>
<div class="scroll"><table id="model-error-quantiles"><thead><tr><th></th>${QUANTILES.map(([, l]) => html`<th class="num">${l}</th>`)}</tr></thead><tbody>${row('Reference', qr)}${row('Current', qc)}</tbody></table></div>
${errorQuantileChart(sides, 'eq-chart')}
<p class="note">Box: 25%–75% of the errors; whiskers: 5%–95%; thick tick: median; dotted line: zero error. Negative errors are under-predictions.</p>`;
}
