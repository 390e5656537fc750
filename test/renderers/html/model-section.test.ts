import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../../../src/core/report/result-schema.ts';
import { heatClass } from '../../../src/renderers/html/confusion-matrix-table.ts';
import { renderHtml } from '../../../src/renderers/html/index.ts';
import { formatChange } from '../../../src/renderers/html/model-section.ts';
import { SORT_SCRIPT } from '../../../src/renderers/html/sort-script.ts';
import { loadFixture } from './load-fixture.ts';
import { loadModelFixture, loadTestRunFixture, loadVariant } from './load-model-fixtures.ts';

/** Rounds every decimal number with more than 3 decimals to 3, so the snapshot ignores float noise. */
function normalise(html: string): string {
  return html.replace(/-?\d+\.\d{4,}/g, (m) => String(Number(Number(m).toFixed(3))));
}

/** The markup of the given top-level sections, one per paragraph. */
function sections(html: string, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const m = new RegExp(`<section id="${id}">[\\s\\S]*?</section>`).exec(html);
      return m === null ? `<!-- no #${id} -->` : m[0];
    })
    .join('\n\n');
}

const dom = (html: string) => parseHTML(html).document;
const texts = (root: ParentNode, selector: string) =>
  [...root.querySelectorAll(selector)].map((e) => e.textContent.trim());
const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((c) => c.textContent.trim());
const bytes = (s: string) => new TextEncoder().encode(s).length;
/** NaN appears only as the sort key of empty cells (data-v="NaN") and in the sorting script. */
const noNaN = (html: string) => html.replace(SORT_SCRIPT, '').replaceAll('data-v="NaN"', '');

const MODEL_SECTIONS = ['model', 'segments', 'fairness'] as const;

describe('model-quality sections on the binary fixture', () => {
  const result = loadModelFixture();
  const html = renderHtml(result, { title: 'Car loan model report' });
  const doc = dom(html);

  it('matches the file snapshot of the new sections (numbers rounded to 3 decimals)', async () => {
    await expect(normalise(sections(html, MODEL_SECTIONS))).toMatchFileSnapshot(
      './__snapshots__/model-sections.html.snap',
    );
  });

  it('is deterministic, self-contained and uses no inline style attribute (the CSP forbids them)', () => {
    expect(renderHtml(loadModelFixture(), { title: 'Car loan model report' })).toBe(html);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(noNaN(html)).not.toMatch(/NaN|undefined|Infinity|\[object/);
    expect(bytes(html)).toBeLessThan(200_000);
  });

  it('adds the sections after the summary and links them from the navigation', () => {
    const links = texts(doc, 'nav a');
    expect(links).toEqual([
      'Summary',
      'Model quality',
      'Segments',
      'Fairness',
      'Drift (5/10)',
      'Data quality',
      'Warnings (0)',
    ]);
    const ids = [...doc.querySelectorAll('main > section')].map((s) => s.id);
    expect(ids).toEqual(['summary', 'model', 'segments', 'fairness', 'drift', 'quality', 'warnings']);
    for (const a of doc.querySelectorAll('nav a'))
      expect(doc.querySelector(a.getAttribute('href')!)).not.toBeNull();
  });

  it('tabulates the headline metrics: reference, current, change with a word, dummy baseline', () => {
    const rows = [...doc.querySelectorAll('#model-metrics tbody tr')].map(cells);
    expect(rows.map((r) => r[0])).toEqual([
      'Rows evaluated',
      'Accuracy',
      'Precision',
      'Recall',
      'F1',
      'ROC AUC',
      'PR AUC (average precision)',
      'Log loss',
      'Brier score',
      'True positive rate',
      'True negative rate',
      'False positive rate',
      'False negative rate',
      'Expected calibration error',
    ]);
    expect(rows[0]).toEqual(['Rows evaluated', '10,000', '10,000', '', '']);
    // accuracy: reference 0.9428, current 0.915 → −0.0278, worse; dummy accuracy 0.49996472 → 0.5.
    expect(rows[1]).toEqual(['Accuracy', '0.9428', '0.915', '−0.0278 worse', '0.5']);
    // Lower is better for log loss: a rise is "worse".
    expect(rows[7]).toEqual(['Log loss', '0.2791', '0.2821', '+0.002968 worse', '0.6931']);
    expect(rows[13]![4]).toBe('—');
    expect(doc.querySelector('#model')!.textContent).toContain(
      'Positive class 1. Decision threshold 0.5. Best threshold by F1: reference 0.44 (F1 0.9488), current 0.58 (F1 0.9221).',
    );
  });

  it('shows both 2×2 confusion matrices with TN/FP/FN/TP counts and row shares', () => {
    for (const [id, [tn, fp, fn, tp], caption] of [
      ['cm-reference', ['4,855', '208', '364', '4,573'], 'Reference (10,000 rows)'],
      ['cm-current', ['4,623', '349', '501', '4,527'], 'Current (10,000 rows)'],
    ] as const) {
      const t = doc.querySelector(`#${id}`)!;
      expect(t.querySelector('caption')!.textContent).toBe(caption);
      expect(texts(t, 'thead th')).toEqual(['actual ↓ predicted →', '0 (negative)', '1 (positive)', 'rows']);
      const body = [...t.querySelectorAll('tbody tr')].map(cells);
      expect(body[0]![0]).toBe('0 (negative)');
      expect(body[0]![1]).toMatch(new RegExp(`^TN ${tn}\\d`));
      expect(body[0]![2]).toMatch(new RegExp(`^FP ${fp}\\d`));
      expect(body[1]![1]).toMatch(new RegExp(`^FN ${fn}\\d`));
      expect(body[1]![2]).toMatch(new RegExp(`^TP ${tp}\\d`));
    }
    // Current: 4,623 of 4,972 actual negatives = 93%; shading in 5 steps by that share.
    const tnCell = doc.querySelector('#cm-current tbody tr td')!;
    expect(tnCell.textContent).toBe('TN 4,62393%');
    expect(tnCell.classList.contains('hm5')).toBe(true);
    expect(tnCell.getAttribute('title')).toBe(
      'actual 0 (negative), predicted 0 (negative): 4,623 rows (93% of actual 0 (negative))',
    );
  });

  it('draws the ROC, PR and reliability curves as accessible inline SVG, not colour-only', () => {
    const charts = [...doc.querySelectorAll('#model svg.curve')];
    expect(charts.map((c) => c.getAttribute('aria-labelledby'))).toEqual([
      'roc-chart',
      'pr-chart',
      'rel-chart',
    ]);
    for (const c of charts) {
      expect(c.getAttribute('role')).toBe('img');
      const title = c.querySelector(`title#${c.getAttribute('aria-labelledby')}`)!.textContent;
      expect(title).toMatch(/reference .*blue, solid line.*current .*orange, dashed line/);
      // Axes with tick labels 0 … 1 on both axes and two axis titles.
      expect(texts(c, ':scope > text').filter((t) => t === '0.5')).toHaveLength(2);
      expect(c.querySelectorAll('text.axt')).toHaveLength(2);
      const ref = c.querySelector('path.lr')!;
      const cur = c.querySelector('path.lc')!;
      expect(ref.getAttribute('stroke')).toBe('#0072B2');
      expect(ref.hasAttribute('stroke-dasharray')).toBe(false);
      expect(cur.getAttribute('stroke')).toBe('#E69F00');
      expect(cur.getAttribute('stroke-dasharray')).toBe('7 4');
      // The legend repeats the line styles.
      expect(c.querySelectorAll('.legend line.lc[stroke-dasharray="7 4"]')).toHaveLength(1);
    }
    const [roc, pr, rel] = charts as [Element, Element, Element];
    expect(roc.querySelector('title')!.textContent).toBe(
      'ROC curve, true positive rate against false positive rate. reference (AUC 0.9727): blue, solid line; current (AUC 0.9588): orange, dashed line; dotted diagonal: chance.',
    );
    expect(texts(roc, '.legend text')).toEqual(['reference (AUC 0.9727)', 'current (AUC 0.9588)', 'chance']);
    expect(texts(pr, '.legend text')).toEqual(['reference (AP 0.9655)', 'current (AP 0.9526)']);
    expect(roc.querySelectorAll('line.diag')).toHaveLength(2); // the diagonal and its legend sample
    expect(pr.querySelectorAll('line.diag')).toHaveLength(0);
    // ROC from (0, 0) at the bottom-left corner of the plot (x 46, y 10 + 242) to (1, 1) at the top-right.
    const d = roc.querySelector('path.lr')!.getAttribute('d')!;
    expect(d.startsWith('M46 252L')).toBe(true);
    expect(d.endsWith('L288 10')).toBe(true);
    expect(d.split(/[ML]/).filter(Boolean)).toHaveLength(102);
    // Reliability: 10 bins per side, reference circles and current squares, each with a tooltip.
    expect(rel.querySelectorAll('circle.lr')).toHaveLength(11); // 10 + legend
    expect(rel.querySelectorAll('rect.lc')).toHaveLength(11);
    expect(rel.querySelector('g > title')!.textContent).toBe(
      'reference: mean score 0.00193, positives 2.39%, 1,000 rows',
    );
    expect(doc.querySelector('#model figure:last-child figcaption')!.textContent).toBe(
      'Reliability curve (10 equal-count bins) — expected calibration error reference 0.02905, current 0.04524',
    );
  });

  it('lists the segments worst first with the ranking metric, degradation, verdict and drift share', () => {
    const segments = result.quality.segments!;
    const rows = [...doc.querySelectorAll('#segments-table tbody tr')];
    expect(rows).toHaveLength(segments.length);
    expect(texts(doc, '#segments-table thead th')).toEqual([
      '#',
      'Segment',
      'Value',
      'Rows',
      'Reference',
      'Current',
      'Degradation',
      '±1.96·SE',
      'Verdict',
      'better ← → worse',
      'Drift share',
      'Accuracy (current)',
      'Precision (current)',
    ]);
    expect(cells(rows[0]!).slice(0, 10)).toEqual([
      '1',
      'salary_range × size_of_downpayment',
      '0 - 20K € × 30%',
      '867',
      '0.9457',
      '0.919',
      '+0.02666',
      '—',
      '▼ worse',
      'degradation +0.02666 (worse)',
    ]);
    expect(cells(rows[4]!)[10]).toBe('50%');
    expect(cells(rows[0]!)[10]).toBe('—');
    expect(cells(rows.at(-1)!)[8]).toBe('✓ not worse');
    expect(doc.querySelector('#segments')!.textContent).toContain('ranked by how much worse ROC AUC is');
    expect(rows.map((r) => r.querySelectorAll('svg').length)).toEqual(segments.map(() => 1));
  });

  it('tabulates fairness per sensitive column with the four-fifths verdict in words', () => {
    const groups = [...doc.querySelectorAll('#fairness-0-groups tbody tr')].map(cells);
    expect(groups).toEqual([
      ['true (privileged)', '8,016', '49.2%', '88.6%', '8.19%', '91.8%', '90.2%', '1'],
      ['false', '1,984', '47.1%', '96.3%', '2.59%', '97.1%', '96.9%', '0.9586'],
    ]);
    const overall = Object.fromEntries(
      [...doc.querySelectorAll('#fairness-0-overall tbody tr')].map((r) => {
        const c = cells(r);
        return [c[0], c[1]];
      }),
    );
    expect(overall).toEqual({
      'Demographic parity difference': '0.02037',
      'Demographic parity ratio': '0.9586',
      'Disparate impact': '0.9586',
      'Four-fifths rule': '✓ passes: lowest selection-rate ratio 0.9586 ≥ 0.8 against true',
      'Equal-opportunity difference': '0.07696',
      'Equalized-odds difference': '0.07696',
      'Predictive-parity difference': '0.05283',
      'Generalized entropy (α = 2)': '0.0437',
    });
    expect(doc.querySelector('#fairness-0 h3')!.textContent).toBe('repaid_loan_on_prev_car (10,000 rows)');
    expect(texts(doc, '#fairness-0-clarify thead th')).toEqual([
      'Group',
      'DPPL',
      'DI',
      'DCAcc',
      'DCR',
      'RD',
      'DAR',
      'DRR',
      'AD',
      'TE',
      'FT',
    ]);
    expect(doc.querySelector('#fairness-0-clarify tbody td:last-child')!.getAttribute('title')).toBe(
      'skipped: noFeatures',
    );
  });
});

describe('model-quality variants', () => {
  it('flags small, noisy and reference-less segments in words and shows the sampling error', () => {
    const r = loadModelFixture();
    const s = r.quality.segments!;
    s[0] = { ...s[0]!, tooFewRows: true, standardError: 0.01, withinNoise: true };
    s[1] = { ...s[1]!, standardError: 0.002, withinNoise: false };
    s[2] = { ...s[2]!, degradation: null, referenceMetrics: null };
    const doc = dom(renderHtml(r));
    const rows = [...doc.querySelectorAll('#segments-table tbody tr')];
    expect(cells(rows[0]!).slice(7, 9)).toEqual(['±0.0196', '⚠ too few rows≈ within noise']);
    expect(rows[0]!.classList.contains('small')).toBe(true);
    expect(cells(rows[1]!).slice(7, 9)).toEqual(['±0.00392', '▼ worse']);
    expect(cells(rows[2]!).slice(4, 9)).toEqual(['—', '0.9273', '—', '—', '– no reference']);
    expect(doc.querySelector('#segments .note')!.textContent).toContain(
      '⚠ 1 segment has too few rows to be read as a finding.',
    );
    // The band is drawn around the bar and named in its tooltip.
    expect(rows[0]!.querySelector('svg title')!.textContent).toBe(
      'degradation +0.02666 (worse), ±1.96·SE 0.0196',
    );
    expect(rows[0]!.querySelectorAll('svg line')).toHaveLength(2);
  });

  it('says when the four-fifths rule fails or does not apply, and reads Clarify infinities', () => {
    const r = loadModelFixture();
    const f = r.fairness![0]! as { overall: Record<string, unknown>; groups: Record<string, unknown>[] };
    f.overall.fourFifthsRule = {
      passed: false,
      ratio: 0.61,
      threshold: 0.8,
      referenceGroup: 'true',
      failingGroups: ['false', 'unknown'],
    };
    (f.groups[0]!.clarify as Record<string, unknown>).di = 'Infinity';
    let doc = dom(renderHtml(r));
    expect(doc.querySelector('#fairness-0-overall')!.textContent).toContain(
      '✗ fails: lowest selection-rate ratio 0.61 < 0.8 against true; failing: false, unknown',
    );
    expect(cells(doc.querySelector('#fairness-0-clarify tbody tr')!)[2]).toBe('∞');
    f.overall.fourFifthsRule = {
      passed: null,
      ratio: null,
      threshold: 0.8,
      referenceGroup: null,
      failingGroups: [],
    };
    doc = dom(renderHtml(r));
    expect(doc.querySelector('#fairness-0-overall')!.textContent).toContain('– not applicable');
  });

  it('renders a side without labels as — with a note', () => {
    const r = loadModelFixture();
    r.quality.reference.metrics = null;
    const html = renderHtml(r);
    const doc = dom(html);
    expect(doc.querySelector('#model .note')!.textContent).toBe(
      'No model-quality metrics for the reference data (no labels or no predictions).',
    );
    expect(cells(doc.querySelector('#model-metrics tbody tr:nth-child(2)')!)).toEqual([
      'Accuracy',
      '—',
      '0.915',
      '—',
      '0.5',
    ]);
    expect(doc.querySelector('#cm-reference')).toBeNull();
    expect(texts(doc, '#roc-chart ~ .legend text, svg[aria-labelledby=roc-chart] .legend text')).toEqual([
      'current (AUC 0.9588)',
      'chance',
    ]);
    expect(noNaN(html)).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('multiclass: macro/weighted/micro metrics, per-class table and heat-shaded confusion matrices', async () => {
    const html = renderHtml(loadVariant('multiclass'));
    await expect(normalise(sections(html, ['model', 'segments']))).toMatchFileSnapshot(
      './__snapshots__/model-multiclass.html.snap',
    );
    const doc = dom(html);
    expect(doc.querySelector('#model h2')!.textContent).toBe('Model quality (multiclass classification)');
    const labels = [...doc.querySelectorAll('#model-metrics tbody tr')].map((r) => cells(r)[0]);
    expect(labels).toContain('ROC AUC (one-vs-rest, macro)');
    expect(labels).toContain('F1 (micro)');
    expect(doc.querySelectorAll('#model svg.curve')).toHaveLength(0);
    const a = [...doc.querySelectorAll('#model-classes tbody')[0]!.querySelectorAll('tr')].map(cells);
    expect(a[1]).toEqual(['current', '0.9453', '0.9482', '0.9468', '0.9883', '985']);
    const cm = doc.querySelector('#cm-current')!;
    expect(texts(cm, 'thead th')).toEqual(['actual ↓ predicted →', 'a', 'b', 'c', 'rows']);
    const row = [...cm.querySelectorAll('tbody tr')[0]!.querySelectorAll('td')];
    expect(row.map((td) => td.textContent)).toEqual(['93494.8%', '262.64%', '252.54%', '985']);
    expect(row.map((td) => [...td.classList].find((c) => /^hm\d$/.test(c)))).toEqual([
      'hm5',
      'hm1',
      'hm1',
      undefined,
    ]);
    expect(row[0]!.classList.contains('diag')).toBe(true);
    expect(texts(doc, '#segments-table thead th')[4]).toBe('Reference');
    expect(doc.querySelector('#segments')!.textContent).toContain('how much worse F1 (macro) is');
  });

  it('regression: error metrics (MAPE in percent and as a fraction) and error quantiles', async () => {
    const html = renderHtml(loadVariant('regression'));
    await expect(normalise(sections(html, ['model']))).toMatchFileSnapshot(
      './__snapshots__/model-regression.html.snap',
    );
    const doc = dom(html);
    const rows = Object.fromEntries(
      [...doc.querySelectorAll('#model-metrics tbody tr')].map((r) => [cells(r)[0], cells(r).slice(1)]),
    );
    expect(rows['MAPE (percent, Evidently)']).toEqual(['8.334%', '9.016%', '+0.6815 pp worse', '16.98%']);
    expect(rows['MAPE (fraction, scikit-learn)']!.slice(0, 2)).toEqual(['0.08334', '0.09016']);
    expect(rows['Mean error (prediction − target)']![2]).toMatch(/worse$/);
    const q = [...doc.querySelectorAll('#model-error-quantiles tbody tr')].map(cells);
    expect(q[1]).toEqual(['Current', '-12.04', '-2.345', '4.418', '11.05', '20.81']);
    const chart = doc.querySelector('svg.eq')!;
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.querySelector('title')!.textContent).toContain(
      'current: q05 -12.04, q25 -2.345, median 4.418, q75 11.05, q95 20.81',
    );
    expect(texts(chart, 'g > text')).toEqual(['reference', 'current']);
    expect(chart.querySelector('rect.lc')!.getAttribute('stroke-dasharray')).toBe('4 3');
    expect(texts(doc, '#segments-table thead th')[4]).toBe('Reference');
    expect(doc.querySelector('#segments')!.textContent).toContain('how much worse Mean absolute error is');
  });

  it('ranking: the metrics at k', () => {
    const r = loadModelFixture();
    r.quality.task = 'ranking';
    const m = {
      k: 5,
      ndcgAtK: 0.7,
      precisionAtK: 0.3,
      recallAtK: 0.6,
      mapAtK: 0.5,
      mrr: 0.8,
      hitRateAtK: 0.9,
    };
    r.quality.reference.metrics = m;
    r.quality.current.metrics = { ...m, ndcgAtK: 0.65 };
    r.quality.segments = [];
    const doc = dom(renderHtml(r));
    expect(cells(doc.querySelector('#model-metrics tbody tr:nth-child(2)')!)).toEqual([
      'NDCG@5',
      '0.7',
      '0.65',
      '−0.05 worse',
    ]);
    expect(doc.querySelector('#model')!.textContent).toContain('Ranking metrics at the cut-off k = 5.');
    expect(doc.querySelector('#segments')).toBeNull();
    expect(texts(doc, 'nav a')).not.toContain('Segments');
  });

  it('survives odd metric shapes without throwing', () => {
    const r = loadModelFixture();
    r.quality.current.metrics = {
      accuracy: 'high',
      confusionMatrix: [1, 2],
      rocCurve: { fpr: 'x', tpr: null },
      reliability: [null, 3, { meanScore: 'NaN' }],
      classes: 7,
    };
    r.fairness = [{ column: 'g', groups: 'none', overall: [] }, 42 as unknown as Record<string, unknown>];
    const html = renderHtml(r);
    expect(dom(html).querySelector('#model')).not.toBeNull();
    expect(dom(html).querySelectorAll('#fairness .fair')).toHaveLength(1);
  });
});

describe('tests section', () => {
  const result = loadTestRunFixture();
  const html = renderHtml(result, { title: 'Car loan model tests' });
  const doc = dom(html);

  it('matches the file snapshot (numbers rounded to 3 decimals)', async () => {
    await expect(normalise(sections(html, ['tests']))).toMatchFileSnapshot(
      './__snapshots__/tests-section.html.snap',
    );
  });

  it('comes first, with a navigation entry and a header pill', () => {
    const ids = [...doc.querySelectorAll('main > section')].map((s) => s.id);
    expect(ids[0]).toBe('tests');
    expect(doc.querySelector('nav a')!.getAttribute('href')).toBe('#tests');
    expect(doc.querySelector('nav a')!.textContent).toBe('Tests (4 failed)');
    expect(texts(doc, 'header .pill')).toEqual(['✗ 4 tests failed', '⚠ Dataset drift detected']);
  });

  it('summarises the counts and lists every test, failures first, status in words and symbols', () => {
    expect(doc.querySelector('#tests .verdict')!.textContent).toBe('✗ 4 tests failed');
    expect(doc.querySelector('#tests-counts')!.textContent).toMatch(
      /^54 tests: 41 passed, 4 failed, 9 warnings, 0 errors\./,
    );
    const rows = [...doc.querySelectorAll('#tests-table tbody tr, #tests-passed-table tbody tr')].map(cells);
    expect(rows).toHaveLength(54);
    expect(doc.querySelectorAll('#tests-table tbody tr')).toHaveLength(13);
    expect(doc.querySelector('#tests-passed summary')!.textContent).toBe('✓ 41 passed tests');
    expect(doc.querySelector('#tests-passed')!.hasAttribute('open')).toBe(false);
    expect(texts(doc, '#tests-table thead th')).toEqual([
      'Status',
      'Severity',
      'Test',
      'Metric',
      'Condition',
      'Threshold',
      'Actual',
      'Message',
    ]);
    expect(rows.map((r) => r[0])).toEqual([
      ...Array(4).fill('✗ fail'),
      ...Array(9).fill('⚠ warning'),
      ...Array(41).fill('✓ pass'),
    ]);
    expect(rows[0]).toEqual([
      '✗ fail',
      'critical',
      'share of drifted columns below 0.5',
      'drift.share',
      '< lt',
      '0.5',
      '0.5',
      'actual 0.5, expected < 0.5',
    ]);
    expect(rows[1]!.slice(2, 7)).toEqual([
      'Brier score within ±20% of reference',
      'quality.current.metrics.brier',
      '= eq',
      '0.04451 ± 0.008902',
      '0.06969',
    ]);
    expect(rows[4]!.slice(4, 7)).toEqual(['= eq', 'false', 'true']);
    // A reference threshold with zero tolerance shows as a plain number.
    expect(rows.find((r) => r[2] === 'same number of columns as reference')!.slice(5, 7)).toEqual([
      '11',
      '11',
    ]);
    expect(doc.querySelectorAll('#tests-table tr.failed')).toHaveLength(4);
  });

  it('formats between, is_in, string and error outcomes; a passing run says so', () => {
    const r = loadTestRunFixture();
    r.tests = [
      {
        name: 'b',
        metric: 'drift.share',
        condition: 'between',
        threshold: [0, 0.5],
        actual: 0.2,
        status: 'pass',
        severity: 'critical',
        message: 'ok',
      },
      {
        name: 'i',
        metric: 'drift.correction',
        condition: 'is_in',
        threshold: ['none', 'bh'],
        actual: 'none',
        status: 'pass',
        severity: 'warning',
        message: 'ok',
      },
      {
        name: 'e',
        metric: 'quality.current.metrics.nope',
        condition: 'gt',
        threshold: null,
        actual: null,
        status: 'error',
        severity: 'warning',
        message: 'no such metric',
      },
    ];
    r.testSummary = { total: 3, passed: 2, failed: 0, warnings: 0, errors: 1, ok: true };
    const doc = dom(renderHtml(r));
    const rows = [...doc.querySelectorAll('#tests-table tbody tr, #tests-passed-table tbody tr')].map(cells);
    expect(rows.map((x) => x.slice(0, 1).concat(x.slice(4, 7)))).toEqual([
      ['⊘ error', '> gt', '—', '—'],
      ['✓ pass', 'between', '[0, 0.5]', '0.2'],
      ['✓ pass', 'in is_in', '{"none", "bh"}', '"none"'],
    ]);
    expect(doc.querySelector('#tests .verdict')!.textContent).toBe('✓ Tests passed');
    expect(doc.querySelectorAll('#tests-table tbody tr')).toHaveLength(1);
    expect(doc.querySelector('#tests-passed summary')!.textContent).toBe('✓ 2 passed tests');
    expect(texts(doc, 'header .pill')[0]).toBe('✓ Tests passed');
    expect(doc.querySelector('nav a')!.textContent).toBe('Tests (2/3)');
  });
});

describe('absence for plain drift results', () => {
  it('adds nothing to a result without model data or tests', () => {
    const html = renderHtml(loadFixture());
    for (const id of ['tests', 'model', 'segments', 'fairness']) {
      expect(html).not.toContain(`id="${id}"`);
      expect(html).not.toContain(`href="#${id}"`);
    }
    expect(html).not.toContain('svg class="chart curve"');
    expect(dom(html).querySelectorAll('header .pill')).toHaveLength(1);
  });

  it('drops the model sections when the task is absent, and empty segment or fairness lists', () => {
    const r = loadModelFixture();
    r.quality.segments = [];
    r.fairness = [];
    let html = renderHtml(r);
    expect(html).toContain('id="model"');
    expect(html).not.toContain('id="segments"');
    expect(html).not.toContain('id="fairness"');
    delete r.quality.task;
    html = renderHtml(r);
    expect(html).not.toContain('id="model"');
  });
});

describe('escaping in the model, segments, fairness and tests sections', () => {
  const evil = '<script>alert(1)</script>';
  const attr = '"><img src=x onerror=alert(2)>';
  const both = `${evil}${attr}&amp;`;

  function evilResult(): ReportResult & ReturnType<typeof loadTestRunFixture> {
    const r = loadTestRunFixture();
    const cur = r.quality.current.metrics as Record<string, unknown>;
    cur.classes = [both, attr];
    const s = r.quality.segments!;
    s[0] = { ...s[0]!, segment: [both, attr], value: [attr, both] };
    s[4] = { ...s[4]!, segment: both, value: both, rankedBy: both };
    const f = r.fairness![0]! as {
      column: string;
      groups: Record<string, unknown>[];
      overall: Record<string, unknown>;
    };
    f.column = both;
    f.groups[0]!.group = both;
    f.overall.privileged = both;
    f.overall.disparateImpactGroup = attr;
    f.overall.fourFifthsRule = {
      passed: false,
      ratio: 0.5,
      threshold: 0.8,
      referenceGroup: both,
      failingGroups: [both],
    };
    (f.groups[1]!.clarify as Record<string, unknown>).error = both;
    r.tests = [
      {
        ...r.tests[0]!,
        name: both,
        metric: attr,
        message: both,
        actual: both,
        threshold: [both, attr],
        condition: 'is_in',
      },
      ...r.tests.slice(1),
    ];
    return r;
  }

  it('renders every user-provided string as text, never as markup', () => {
    const html = renderHtml(evilResult());
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain(evil);
    const doc = dom(html);
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelector('#model .note code')!.textContent).toBe(attr);
    expect(texts(doc, '#cm-current thead th').slice(1, 3)).toEqual([
      `${both} (negative)`,
      `${attr} (positive)`,
    ]);
    const seg = cells(doc.querySelector('#segments-table tbody tr')!);
    expect(seg.slice(1, 3)).toEqual([`${both} × ${attr}`, `${attr} × ${both}`]);
    expect(cells(doc.querySelectorAll('#segments-table tbody tr')[4]!)[4]).toBe(both);
    expect(doc.querySelector('#fairness-0 h3')!.textContent.startsWith(both)).toBe(true);
    expect(cells(doc.querySelector('#fairness-0-groups tbody tr')!)[0]).toBe(`${both} (privileged)`);
    expect(doc.querySelector('#fairness-0-overall')!.textContent).toContain(
      `against ${both}; failing: ${both}`,
    );
    expect(cells(doc.querySelectorAll('#fairness-0-clarify tbody tr')[1]!)[1]).toBe(both);
    const test = cells(doc.querySelector('#tests-table tbody tr')!);
    expect(test.slice(2, 4)).toEqual([both, attr]);
    expect(test[5]).toBe(`{${JSON.stringify(both)}, ${JSON.stringify(attr)}}`);
    expect(test[6]).toBe(JSON.stringify(both));
    expect(test[7]).toBe(both);
  });
});

describe('helpers', () => {
  it('formats signed changes with a real minus sign', () => {
    expect(formatChange(0.0123456)).toBe('+0.01235');
    expect(formatChange(-0.5)).toBe('−0.5');
    expect(formatChange(0)).toBe('0');
    expect(formatChange(null)).toBe('—');
    expect(formatChange(Number.NaN)).toBe('—');
  });

  it('shades confusion-matrix cells in 5 steps', () => {
    expect([0, 0.01, 0.2, 0.21, 0.5, 0.8, 0.81, 1, Number.NaN].map(heatClass)).toEqual([
      'hm0',
      'hm1',
      'hm1',
      'hm2',
      'hm3',
      'hm4',
      'hm5',
      'hm5',
      'hm0',
    ]);
  });
});
