import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { type ReportResult, ReportResultSchema } from '../../../src/core/report/result-schema.ts';
import {
  CONCEPT_DRIFT_CHANGE,
  chunksSection,
  FALLBACK_METRICS,
  MAX_CHUNKS_LISTED,
} from '../../../src/renderers/html/chunks-section.ts';
import { renderHtml } from '../../../src/renderers/html/index.ts';
import { seriesChart } from '../../../src/renderers/html/series-chart.ts';
import { SORT_SCRIPT } from '../../../src/renderers/html/sort-script.ts';
import { loadFixture } from './load-fixture.ts';
import { loadModelFixture } from './load-model-fixtures.ts';

const fixturePath = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'fixtures',
  'html',
  'chunks-result.json',
);

/** A fresh, schema-validated copy of the car-loan chunks result (safe to mutate; the file is never written). */
function loadChunks(): ReportResult {
  return ReportResultSchema.parse(JSON.parse(readFileSync(fixturePath, 'utf8')));
}

/** Rounds every decimal number with more than 3 decimals to 3, so the snapshot ignores float noise. */
const normalise = (html: string) =>
  html.replace(/-?\d+\.\d{4,}/g, (m) => String(Number(Number(m).toFixed(3))));
const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
const section = (r: ReportResult) => chunksSection(r)!.value;
const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((c) => c.textContent.trim());
const chartOf = (doc: Document, metric: string) => doc.querySelector(`figure[data-metric="${metric}"] svg`)!;
const alertChunks = (svg: Element, kind?: string) =>
  [...svg.querySelectorAll('g.alert')]
    .filter((g) => kind === undefined || g.getAttribute('data-series')!.split(' ').includes(kind))
    .map((g) => Number(g.getAttribute('data-chunk')));

describe('"Over time" section on the car-loan chunks (10 × 5 000 rows, the last five drift)', () => {
  const result = loadChunks();
  const html = section(result);
  const doc = dom(html);

  it('matches the file snapshot (numbers rounded to 3 decimals)', async () => {
    await expect(normalise(html)).toMatchFileSnapshot('./__snapshots__/chunks-section.html.snap');
  });

  it('is deterministic, has no style attribute and no NaN/undefined', () => {
    expect(section(loadChunks())).toBe(html);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html.replaceAll('data-v="NaN"', '')).not.toMatch(/NaN|undefined|Infinity|\[object/);
  });

  it('is part of the page after the model sections, linked from the navigation', () => {
    const page = parseHTML(renderHtml(result, { title: 'Car loan over time' })).document;
    const ids = [...page.querySelectorAll('main > section')].map((s) => s.id);
    // (The fixture has no segments: `quality.segments` is empty.)
    expect(ids).toEqual(['summary', 'model', 'chunks', 'drift', 'quality', 'warnings']);
    const links = [...page.querySelectorAll('nav a')].map((a) => a.textContent);
    expect(links).toContain('Over time');
    expect(page.querySelector('nav a[href="#chunks"]')).not.toBeNull();
    expect(page.querySelector('#chunks h2')!.textContent).toBe(
      'Over time (10 chunks of the current data, ▲ 5 with alerts)',
    );
  });

  it('charts the CBPE metrics that have a reference band, in headline order, then the drift share', () => {
    const metrics = [...doc.querySelectorAll('figure')].map((f) => f.getAttribute('data-metric'));
    expect(metrics).toEqual([
      'accuracy',
      'precision',
      'recall',
      'f1',
      'rocAuc',
      'prAuc',
      'tnr',
      'drift.share',
    ]);
    // Unique ids, each SVG titled by its own <title>.
    const svgs = [...doc.querySelectorAll('figure svg')];
    const ids = svgs.map((s) => s.getAttribute('aria-labelledby'));
    expect(new Set(ids).size).toBe(svgs.length);
    for (const s of svgs) {
      expect(s.getAttribute('role')).toBe('img');
      expect(
        s.querySelector(`title#${s.getAttribute('aria-labelledby')}`)!.textContent.length,
      ).toBeGreaterThan(50);
    }
  });

  it('marks estimated ROC AUC alerts exactly on chunks 5–9, as in the result', () => {
    const roc = chartOf(doc, 'rocAuc');
    expect(alertChunks(roc, 'estimated')).toEqual([5, 6, 7, 8, 9]);
    const expected = result.chunks!.flatMap((c, i) => (c.estimated!.rocAuc!.alert ? [i] : []));
    expect(expected).toEqual([5, 6, 7, 8, 9]);
    // The ▲ is a red mark with the alert in words.
    const first = roc.querySelector('g.alert[data-chunk="5"]')!;
    expect(first.querySelector('path.drift')!.getAttribute('fill')).toBe('currentColor');
    expect(first.querySelector('title')!.textContent).toBe(
      '▲ alert at [25000:29999]: realized ROC AUC 0.96 below the reference band; estimated ROC AUC 0.9611 below the reference band',
    );
    // Each alerted point gets a red ring: 5 realized + 5 estimated.
    expect(roc.querySelectorAll('circle.drift')).toHaveLength(10);
    // PR AUC never left its band.
    expect(alertChunks(chartOf(doc, 'prAuc'))).toEqual([]);
    expect(doc.querySelector('figure[data-metric="prAuc"] figcaption')!.textContent).toBe('✓ no alert');
    expect(doc.querySelector('figure[data-metric="rocAuc"] figcaption')!.textContent).toBe(
      '▲ alerts in chunks: 5 realized, 5 estimated',
    );
  });

  it('tells realized and estimated apart by colour, dash and marker, with the sampling-error band', () => {
    const roc = chartOf(doc, 'rocAuc');
    const realized = roc.querySelector('path.lr')!;
    const estimated = roc.querySelector('path.lc')!;
    expect(realized.getAttribute('stroke')).toBe('#0072B2');
    expect(realized.hasAttribute('stroke-dasharray')).toBe(false);
    expect(estimated.getAttribute('stroke')).toBe('#E69F00');
    expect(estimated.getAttribute('stroke-dasharray')).toBe('7 4');
    expect(roc.querySelectorAll('circle.lr')).toHaveLength(10);
    expect(roc.querySelectorAll('rect.lc')).toHaveLength(10);
    const band = roc.querySelector('path.c')!;
    expect(band.getAttribute('fill-opacity')).toBe('0.2');
    expect(band.parentElement!.querySelector('title')!.textContent).toBe(
      'estimated ROC AUC: sampling-error band',
    );
    const tip = [...roc.querySelectorAll('g > title')].map((t) => t.textContent);
    expect(tip).toContain('[0:4999]: estimated ROC AUC 0.9707 (0.9653 to 0.9762)');
    expect(tip).toContain('[0:4999]: realized ROC AUC 0.971');
    expect(tip).toContain(
      '[45000:49999]: estimated ROC AUC 0.9613 (0.9559 to 0.9668) — ▲ alert: below the reference band',
    );
  });

  it('shades the reference band between chunkThresholds.rocAuc lower and upper, with min/max axis labels', () => {
    const roc = chartOf(doc, 'rocAuc');
    const rect = roc.querySelector('rect.na')!;
    expect(rect.parentElement!.querySelector('title')!.textContent).toBe('reference band: 0.9633 to 0.9787');
    // y axis 0.95 … 0.98 over the plot from y = 32 to y = 160 (128 px).
    const y = (v: number) => 32 + ((0.98 - v) / 0.03) * 128;
    expect(Number(rect.getAttribute('y'))).toBeCloseTo(y(0.9786597341713761), 0);
    expect(Number(rect.getAttribute('y')) + Number(rect.getAttribute('height'))).toBeCloseTo(
      y(0.963316535948479),
      0,
    );
    const labels = [...roc.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toEqual(
      expect.arrayContaining(['ROC AUC', '0.98', '0.95', 'chunk', '[0:4999]', '[45000:49999]']),
    );
    expect(roc.querySelector('title')!.textContent).toBe(
      'ROC AUC per chunk (10 chunks, [0:4999] to [45000:49999]); y axis from 0.95 to 0.98. realized ROC AUC: blue solid line with circles, from 0.9576 to 0.9763. estimated ROC AUC: orange dashed line with squares, from 0.9611 to 0.9714, with its sampling-error band as a lighter area. Grey area: reference band: 0.9633 to 0.9787. Alerts (red ▲) at 5 chunks: [25000:29999], [30000:34999], [35000:39999], [40000:44999], [45000:49999].',
    );
  });

  it('thins the chunk labels so they do not overlap, always labelling the latest chunk', () => {
    const roc = chartOf(doc, 'rocAuc');
    const xs = [...roc.querySelectorAll('text')].filter((t) => t.textContent.startsWith('['));
    expect(xs.map((t) => t.textContent)).toEqual([
      '[0:4999]',
      '[15000:19999]',
      '[30000:34999]',
      '[45000:49999]',
    ]);
    // A tick per chunk on the x axis.
    expect(roc.querySelectorAll('line.axis')).toHaveLength(10);
  });

  it('charts the drift share against the dataset-drift threshold, alerts where the chunk drifted', () => {
    const drift = chartOf(doc, 'drift.share');
    expect(alertChunks(drift)).toEqual([5, 6, 7, 8, 9]);
    expect(drift.querySelector('rect.na')!.parentElement!.querySelector('title')!.textContent).toBe(
      'no-drift zone (share below 50%): at most 50% (open below)',
    );
    const labels = [...drift.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['Drift share', '0%', '60%']));
    expect(doc.querySelector('figure[data-metric="drift.share"] figcaption')!.textContent).toBe(
      '▲ alerts in chunks: 5',
    );
  });

  it('tabulates the chunks with rows, start/end, drift share, drifted columns and each alert in words', () => {
    const rows = [...doc.querySelectorAll('#chunks-table tbody tr')];
    expect(rows).toHaveLength(10);
    expect(cells(rows[0]!)).toEqual(['[0:4999]', '5,000', '0', '5,000', '0%', 'none', '✓ none']);
    const last = cells(rows[9]!);
    expect(last.slice(0, 6)).toEqual([
      '[45000:49999]',
      '5,000',
      '45,000',
      '50,000',
      '50%',
      'car_value, salary_range, loan_length, repaid_loan_on_prev_car, y_pred_proba',
    ]);
    const alerts = [...rows[5]!.querySelectorAll('td:last-child')][0]!.innerHTML.split('<br>');
    expect(alerts.map((a) => dom(a).body.textContent)).toEqual([
      '▲ dataset drift: 5 columns drifted, share 50% ≥ 50%',
      '▲ realized below the reference band: Accuracy 0.9146 (< 0.9359), Precision 0.9224 (< 0.9467), Recall 0.9051 (< 0.9171), F1 0.9137 (< 0.9347), ROC AUC 0.96 (< 0.9633), True negative rate 0.9241 (< 0.9488)',
      '▲ estimated below the reference band: ROC AUC 0.9611 (< 0.9633), Accuracy 0.9107 (< 0.9359), Precision 0.9413 (< 0.9467), Recall 0.884 (< 0.9171), F1 0.9118 (< 0.9347), True negative rate 0.9399 (< 0.9488)',
    ]);
    // Every alert string of the result is accounted for (1 + 6 + 6 = 13).
    expect(result.chunks![5]!.alerts).toHaveLength(13);
    expect(rows.map((r) => r.classList.contains('drifted'))).toEqual([
      ...Array(5).fill(false),
      ...Array(5).fill(true),
    ]);
  });

  it('explains the estimation and its calibration', () => {
    expect(doc.querySelector('p.note')!.textContent).toContain(
      'scores recalibrated with isotonic regression on the reference (expected calibration error 0.02797 → 0.003066).',
    );
  });

  it('tabulates concept drift: reference correlations and the largest change per feature, none flagged here', () => {
    const rows = [...doc.querySelectorAll('#concept-drift-table tbody tr')].map(cells);
    expect(rows.map((r) => r[0])).toEqual([
      'car_value',
      'debt_to_income_ratio',
      'loan_length',
      'driver_tenure',
      'y_pred_proba',
    ]);
    expect(rows[4]).toEqual([
      'y_pred_proba',
      '0.9045',
      '0.8168',
      '−0.05922 at [45000:49999]',
      '−0.02427 at [45000:49999]',
      '✓ stable',
    ]);
    expect(rows.every((r) => r[5] === '✓ stable')).toBe(true);
  });
});

describe('concept-drift flag: max |Δ| over the chunks > CONCEPT_DRIFT_CHANGE (0.1)', () => {
  it('flags a feature whose correlation moved by more than 0.1 in one chunk, and only that one', () => {
    expect(CONCEPT_DRIFT_CHANGE).toBe(0.1);
    const r = loadChunks();
    const ref = r.conceptDrift!.reference;
    ref.loan_length = { pearson: 0.25, spearman: 0.25 };
    ref.car_value = { pearson: 0.25, spearman: 0.25 };
    for (const c of r.chunks!) {
      c.correlations!.loan_length = { pearson: 0.3, spearman: 0.2 }; // |Δ| = 0.05: stable
      c.correlations!.car_value = { pearson: 0.3, spearman: 0.2 };
    }
    r.chunks![7]!.correlations!.car_value = { pearson: 0.26, spearman: 0.1 }; // Spearman Δ = −0.15
    r.chunks![8]!.correlations!.driver_tenure = { pearson: null, spearman: null };
    const doc = dom(section(r));
    const rows = [...doc.querySelectorAll('#concept-drift-table tbody tr')];
    const byName = new Map(rows.map((row) => [cells(row)[0], row]));
    expect(cells(byName.get('car_value')!)).toEqual([
      'car_value',
      '0.25',
      '0.25',
      '+0.05 at [0:4999]',
      '−0.15 at [35000:39999]',
      '▲ changed',
    ]);
    expect(byName.get('car_value')!.getAttribute('class')).toBe('drifted');
    expect(cells(byName.get('loan_length')!)[5]).toBe('✓ stable');
    expect(rows.filter((row) => cells(row)[5] === '▲ changed')).toHaveLength(1);
    expect(doc.body.textContent).toContain('1 feature changed.');
  });

  it('says "no data" when no chunk has the correlation', () => {
    const r = loadChunks();
    for (const c of r.chunks!) delete c.correlations!.car_value;
    const row = [...dom(section(r)).querySelectorAll('#concept-drift-table tbody tr')][0]!;
    expect(cells(row)).toEqual(['car_value', '0.03104', '0.0006498', '—', '—', '– no data']);
  });
});

describe('"Over time" section: absence and variants', () => {
  it('is absent without chunks (drift-only and model reports) and with an empty chunk list', () => {
    for (const r of [loadFixture(), loadModelFixture()]) {
      expect(r.chunks).toBeUndefined();
      expect(chunksSection(r)).toBeNull();
      const page = renderHtml(r);
      expect(page).not.toContain('id="chunks"');
      expect(page).not.toContain('Over time');
    }
    const r = loadChunks();
    r.chunks = [];
    expect(chunksSection(r)).toBeNull();
    expect(renderHtml(r)).not.toContain('id="chunks"');
  });

  it('escapes chunk keys, column and feature names, unknown alerts and metric names', () => {
    const r = loadChunks();
    const evil = '<script>alert(1)</script>';
    const c = r.chunks![9]!;
    c.key = evil;
    c.start = '"><img src=x onerror=alert(2)>';
    c.drift.driftedColumns = ['<img src=x onerror=alert(3)>', 'a&b'];
    c.alerts.push('<b>custom</b>', 'quality.<i>x</i>');
    c.estimated!['<u>m</u>'] = { value: 0.5, lower: 0.4, upper: 0.6, alert: true };
    r.conceptDrift!.reference['<svg onload=alert(4)>'] = { pearson: 0.1, spearman: 0.1 };
    const html = renderHtml(r);
    const chunks = /<section id="chunks">[\s\S]*?<\/section>/.exec(html)![0];
    expect(html.replace(SORT_SCRIPT, '')).not.toMatch(/<script>alert|<img|<b>custom|<i>x|<u>m|<svg onload/);
    expect(chunks).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(chunks).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(chunks).toContain('&lt;img src=x onerror=alert(3)&gt;');
    expect(chunks).toContain('a&amp;b');
    expect(chunks).toContain('<code>&lt;b&gt;custom&lt;/b&gt;</code>');
    expect(chunks).toContain('&lt;svg onload=alert(4)&gt;');
    expect(chunks).toContain('figure data-metric="&lt;u&gt;m&lt;/u&gt;"');
  });

  it('leaves gaps where labels have not arrived: the realized line stops, the estimate continues', () => {
    const r = loadChunks();
    for (const c of r.chunks!.slice(7)) {
      c.quality = null;
      c.alerts = c.alerts.filter((a) => !a.startsWith('quality.'));
    }
    const html = section(r);
    expect(html.replaceAll('data-v="NaN"', '')).not.toMatch(/NaN|undefined/);
    const roc = chartOf(dom(html), 'rocAuc');
    expect(roc.querySelectorAll('circle.lr')).toHaveLength(7);
    expect(roc.querySelectorAll('rect.lc')).toHaveLength(10);
    expect(roc.querySelector('path.lr')!.getAttribute('d')!.match(/[ML]/g)).toHaveLength(7);
    expect(alertChunks(roc, 'realized')).toEqual([5, 6]);
    expect(alertChunks(roc, 'estimated')).toEqual([5, 6, 7, 8, 9]);
  });

  it('falls back to the first headline metrics with realized values when nothing has an estimate or band', () => {
    const r = loadChunks();
    delete r.chunkThresholds;
    delete r.estimation;
    for (const c of r.chunks!) c.estimated = null;
    const doc = dom(section(r));
    const metrics = [...doc.querySelectorAll('figure')].map((f) => f.getAttribute('data-metric'));
    expect(FALLBACK_METRICS).toBe(4);
    expect(metrics).toEqual(['accuracy', 'precision', 'recall', 'f1', 'drift.share']);
    expect(doc.querySelector('figure[data-metric="f1"] rect.na')).toBeNull();
    expect(doc.body.textContent).not.toContain('CBPE');
    expect(doc.body.textContent).not.toContain('estimated (CBPE');
  });

  it(`lists the latest ${MAX_CHUNKS_LISTED} chunks and thins the x labels of a long series`, () => {
    const r = loadChunks();
    const base = r.chunks![0]!;
    r.chunks = Array.from({ length: 130 }, (_, i) => ({
      ...structuredClone(base),
      key: `2024-W${String(i).padStart(3, '0')}`,
      start: `2024-01-01T00:00:00Z#${i}`,
      end: `2024-01-08T00:00:00Z#${i}`,
    }));
    const doc = dom(section(r));
    const rows = [...doc.querySelectorAll('#chunks-table tbody tr')].map(cells);
    expect(rows).toHaveLength(MAX_CHUNKS_LISTED);
    expect(rows[0]![0]).toBe('2024-W030');
    expect(rows.at(-1)![0]).toBe('2024-W129');
    expect(doc.body.textContent).toContain('… and 30 earlier chunks (see the JSON result).');
    expect(doc.body.textContent).toContain('Start and end are UTC times');
    const roc = chartOf(doc, 'rocAuc');
    const xs = [...roc.querySelectorAll('text')]
      .map((t) => t.textContent)
      .filter((t) => t.startsWith('2024'));
    expect(xs.length).toBeGreaterThan(2);
    expect(xs.length).toBeLessThanOrEqual(8);
    expect(xs.at(-1)).toBe('2024-W129');
    // 130 chunks in 336 px: too dense for markers, the lines alone remain.
    expect(roc.querySelectorAll('circle.lr')).toHaveLength(0);
  });
});

describe('seriesChart', () => {
  const labels = ['a', 'b', 'c'];
  const base = { id: 't', heading: 'M', labels } as const;

  it('extends an open band side to the edge of the plot', () => {
    const svg = dom(
      seriesChart({
        ...base,
        series: [{ kind: 'realized', label: 'm', values: [0.2, 0.4, 0.6], alerts: [false, false, true] }],
        band: { lower: null, upper: 0.5, label: 'band' },
        bounds: [0, 1],
      }).value,
    ).querySelector('svg')!;
    const rect = svg.querySelector('rect.na')!;
    // Plot: y from 32 to 160; y axis 0.2 … 0.6 (the data range, on ticks of 0.1): 0.5 sits at 64.
    expect(Number(rect.getAttribute('y'))).toBe(64);
    expect(Number(rect.getAttribute('y')) + Number(rect.getAttribute('height'))).toBe(160);
    expect(svg.querySelectorAll('line.diag')).toHaveLength(1); // only the finite side has an edge line
    expect(alertChunks(svg)).toEqual([2]);
    expect(svg.querySelector('g.alert title')!.textContent).toBe('▲ alert at c: m 0.6 above the band');
  });

  it('draws an isolated point, an error bar for a lone band, and survives no values at all', () => {
    const one = seriesChart({
      ...base,
      series: [
        {
          kind: 'estimated',
          label: 'e',
          values: [null, 0.5, null],
          lower: [null, 0.4, null],
          upper: [null, 0.6, null],
          alerts: [false, false, false],
        },
      ],
    }).value;
    const svg = dom(one).querySelector('svg')!;
    expect(svg.querySelectorAll('rect.lc')).toHaveLength(1);
    expect(svg.querySelector('path.lc')).toBeNull();
    expect(svg.querySelector('line.lc[stroke-width="4"]')).not.toBeNull();
    const empty = seriesChart({
      ...base,
      series: [{ kind: 'realized', label: 'r', values: [null, null, null], alerts: [false, false, false] }],
    }).value;
    expect(empty).not.toMatch(/NaN|undefined|Infinity/);
    expect(empty).toContain('r: blue solid line with circles, no values.');
  });
});
