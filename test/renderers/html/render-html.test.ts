import { createHash } from 'node:crypto';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { type ReportResult, ReportResultSchema } from '../../../src/core/report/result-schema.ts';
import { CONTENT_SECURITY_POLICY, renderHtml } from '../../../src/renderers/html/index.ts';
import { MAX_ISSUES_LISTED } from '../../../src/renderers/html/issues-section.ts';
import { SORT_SCRIPT, SORT_SCRIPT_SHA256 } from '../../../src/renderers/html/sort-script.ts';
import { STYLES, STYLES_SHA256 } from '../../../src/renderers/html/styles.ts';
import { MAX_FILES_LISTED } from '../../../src/renderers/html/summary-section.ts';
import { loadFixture } from './load-fixture.ts';
import { syntheticResult } from './synthetic-result.ts';

/** Rounds every decimal number with more than 3 decimals to 3, so the snapshot ignores float noise. */
function normalise(html: string): string {
  return html.replace(/-?\d+\.\d{4,}/g, (m) => String(Number(Number(m).toFixed(3))));
}

function dom(html: string) {
  return parseHTML(html).document;
}

const bytes = (s: string) => new TextEncoder().encode(s).length;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

describe('renderHtml on the fixture', () => {
  const result = loadFixture();
  const html = renderHtml(result, { title: 'Customers drift report' });
  const doc = dom(html);

  it('uses a fixture that satisfies the result schema', () => {
    expect(() => ReportResultSchema.parse(result)).not.toThrow();
    expect(result.drift.columns).toHaveLength(6);
  });

  it('matches the file snapshot (numbers rounded to 3 decimals)', async () => {
    await expect(normalise(html)).toMatchFileSnapshot('./__snapshots__/report.html.snap');
  });

  it('is deterministic', () => {
    expect(renderHtml(loadFixture(), { title: 'Customers drift report' })).toBe(html);
  });

  it('has the title, the verdict in words and a navigation to every section', () => {
    expect(doc.querySelector('title')!.textContent).toBe('Customers drift report — driftwatch');
    expect(doc.querySelector('h1')!.textContent).toBe('Customers drift report');
    expect(doc.querySelector('.verdict')!.textContent).toBe('✓ No dataset drift');
    expect(doc.querySelector('#summary')!.textContent).toContain(
      '2 of 5 tested columns drifted: share 40% < threshold 50%.',
    );
    const links = [...doc.querySelectorAll('nav a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['#summary', '#drift', '#quality', '#contract', '#warnings']);
    for (const id of links) expect(doc.querySelector(id!)).not.toBeNull();
  });

  it('summarises the compared data', () => {
    const facts = doc.querySelector('#summary dl')!.textContent;
    expect(facts).toContain('10,000 rows × 7 columns');
    expect(facts).toContain('data/reference/part-0002.parquet');
    expect(facts).toContain('data/current.csv');
    expect(facts).toContain('2026-04-12T09:30:00.000Z');
    expect(facts).toContain('0.1.0');
  });

  it('lists every drift-tested column with method, statistic, threshold, verdict and chart', () => {
    const rows = [...doc.querySelectorAll('#drift-table tbody tr')];
    const cells = rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim()));
    expect(cells.map((c) => c[0])).toEqual(['age', 'income', 'city', 'plan', 'device_model', 'comment']);
    expect(cells[0]!.slice(1, 6)).toEqual([
      'num',
      'K-S p_value ks',
      '0.3125 p-value',
      'p ≤ 0.05',
      '✓ no drift',
    ]);
    expect(cells[1]!.slice(3, 6)).toEqual(['0.2318 distance', 'd ≥ 0.1', '▲ drift']);
    expect(cells[2]!.slice(3, 6)).toEqual(['1.235e-8 p-value', 'p < 0.05', '▲ drift']);
    expect(cells[5]!.slice(2, 7)).toEqual(['—', '—', '—', '– not tested', 'no data to chart']);
    expect(rows.map((r) => r.classList.contains('drifted'))).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(rows.map((r) => r.querySelectorAll('svg').length)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(doc.querySelector('#drift')!.textContent).toContain('Not drift-tested: signup_date (datetime)');
  });

  it('shows the data quality of both sides', () => {
    const dataset = doc.querySelector('#quality-dataset')!.textContent;
    expect(dataset).toContain('520 (0.743%)');
    expect(dataset).toContain('⚠ 3');
    const body = [...doc.querySelectorAll('#quality-columns tbody')];
    expect(body).toHaveLength(7);
    const age = [...body[0]!.querySelectorAll('tr')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent.trim()),
    );
    expect(age[0]).toEqual([
      'agenum',
      'reference',
      '0.2% (20)',
      '73',
      '18',
      '22.3',
      '33.9',
      '42',
      '50.1',
      '61.8',
      '90',
      '42.03',
      '11.99',
      '—',
    ]);
    expect(age[1]![0]).toBe('current');
    const date = [...body[6]!.querySelectorAll('tr')][0]!.textContent;
    expect(date).toContain('2023-01-01');
    expect(date).toContain('2023-07-02 12:00');
    expect(date).toContain('105.2 d');
    const shift = [...doc.querySelectorAll('#quality-shift tbody tr')].map((r) => r.textContent);
    expect(shift[1]).toContain('⚠ 1.24%');
    expect(shift[2]).toContain('⚠ 1.2%');
  });

  it('lists the contract violations and the warnings', () => {
    expect(doc.querySelector('#contract h2')!.textContent).toBe(
      'Data contract from contracts/customers.yaml',
    );
    expect(doc.querySelector('#contract')!.textContent).toContain('✗ 3 violations');
    expect(doc.querySelectorAll('#contract-table tbody tr')).toHaveLength(3);
    expect(doc.querySelector('#contract-table tbody tr:last-child td')!.textContent).toBe('(dataset)');
    const warnings = [...doc.querySelectorAll('#warnings-table tbody tr')].map((r) => r.textContent);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('DW_TEXT_DRIFT_UNSUPPORTED');
  });

  it('is small: tens of KB', () => {
    expect(bytes(html)).toBeLessThan(60_000);
  });
});

describe('renderHtml variants', () => {
  it('announces dataset drift in words and a symbol', () => {
    const r = loadFixture();
    r.drift = { ...r.drift, driftedCount: 3, share: 0.6, datasetDrift: true, correction: 'bh' };
    const doc = dom(renderHtml(r));
    expect(doc.querySelector('.verdict')!.textContent).toBe('⚠ Dataset drift detected');
    expect(doc.querySelector('header .pill')!.textContent).toBe('⚠ Dataset drift detected');
    expect(doc.querySelector('#summary')!.textContent).toContain(
      'share 60% ≥ threshold 50%. p-values corrected',
    );
    expect(doc.querySelector('title')!.textContent).toBe('Drift report — driftwatch');
  });

  it('omits the contract section without a contract and says when all checks passed', () => {
    const r = loadFixture();
    r.contract = null;
    const html = renderHtml(r);
    expect(html).not.toContain('id="contract"');
    expect(html).not.toContain('href="#contract"');
    r.contract = { source: null, violations: [] };
    expect(dom(renderHtml(r)).querySelector('#contract')!.textContent).toContain(
      '✓ All contract checks passed.',
    );
  });

  it('copes with nothing tested, no warnings and a column absent from one side', () => {
    const r = loadFixture();
    r.drift = { ...r.drift, columns: [], columnCount: 0, driftedCount: 0, share: 0 };
    r.warnings = [];
    delete r.quality.current.columns.comment;
    const html = renderHtml(r);
    const doc = dom(html);
    expect(doc.querySelector('#drift')!.textContent).toContain('No column was tested for drift.');
    expect(doc.querySelector('#summary')!.textContent).toContain('No column could be tested for drift.');
    expect(doc.querySelector('#warnings')!.textContent).toContain('✓ No warnings.');
    expect(doc.querySelector('#quality-columns')!.textContent).toContain(
      'column absent from the current data',
    );
    // NaN appears only as the sort key of empty cells (data-v="NaN") and in the sorting script.
    expect(html.replace(SORT_SCRIPT, '').replaceAll('data-v="NaN"', '')).not.toMatch(
      /NaN|undefined|Infinity/,
    );
  });

  it('shows the adjusted p-value and marks Monte-Carlo methods', () => {
    const r = loadFixture();
    r.drift.columns[0] = { ...r.drift.columns[0]!, pValueAdjusted: 0.9, exact: false };
    const cell = dom(renderHtml(r)).querySelector('#drift-table tbody tr td:nth-child(4)')!;
    expect(cell.textContent).toBe('0.3125 p-valueadjusted 0.9');
    expect(cell.getAttribute('data-v')).toBe('0.9');
    expect(dom(renderHtml(r)).querySelector('#drift-table tbody tr td:nth-child(3)')!.textContent).toContain(
      '≈',
    );
  });

  it('caps very long file, violation and warning lists', () => {
    const r = loadFixture();
    r.reference.files = Array.from({ length: 5000 }, (_, i) => `data/reference/part-${i}.parquet`);
    r.warnings = Array.from({ length: 3000 }, (_, i) => ({
      code: 'DW_X',
      column: `c${i}`,
      message: 'm'.repeat(100),
    }));
    r.contract!.violations = Array.from({ length: 3000 }, (_, i) => ({
      column: `c${i}`,
      check: 'range_check',
      message: 'm',
    }));
    const html = renderHtml(r);
    const doc = dom(html);
    expect(doc.querySelectorAll('#summary code')).toHaveLength(MAX_FILES_LISTED + 1);
    expect(doc.querySelector('#summary')!.textContent).toContain(
      `… and ${(5000 - MAX_FILES_LISTED).toLocaleString('en-US')} more`,
    );
    expect(doc.querySelectorAll('#warnings-table tbody tr')).toHaveLength(MAX_ISSUES_LISTED);
    expect(doc.querySelectorAll('#contract-table tbody tr')).toHaveLength(MAX_ISSUES_LISTED);
    expect(doc.querySelector('#warnings')!.textContent).toContain('… and 2,500 more (see the JSON result)');
    expect(bytes(html)).toBeLessThan(1_000_000);
  });
});

describe('escaping', () => {
  const evil = '<script>alert(1)</script>';
  const attr = '"><img src=x onerror=alert(2)>';
  const both = `${evil}${attr}&amp;`;

  function evilResult(): ReportResult {
    const r = loadFixture();
    const rename = (name: string) => (name === 'city' ? both : name);
    r.driftwatchVersion = attr;
    r.generatedAt = evil;
    r.reference.files = [both];
    r.columns = r.columns.map((c) => ({ ...c, name: rename(c.name) }));
    r.drift.columns = r.drift.columns.map((c) => ({
      ...c,
      column: rename(c.column),
      methodName: c.methodName && both,
    }));
    for (const side of [r.quality.reference, r.quality.current]) {
      side.columns = Object.fromEntries(Object.entries(side.columns).map(([k, v]) => [rename(k), v]));
      side.dataset.constantColumns = [both];
      side.dataset.duplicatedColumns = [[both, attr]];
      side.columns[both]!.topValues = [{ value: both, count: 1, share: 0.5 }];
    }
    const city = r.drift.columns[2]!;
    if (city.distribution?.kind === 'categories')
      city.distribution.keys = city.distribution.keys.map(() => both);
    r.contract = { source: both, violations: [{ column: both, check: attr, message: both }] };
    r.warnings = [{ code: attr, column: both, message: both }];
    return r;
  }

  it('renders every user-provided string as text, never as markup', () => {
    const html = renderHtml(evilResult(), { title: both });
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain(evil);
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;',
    );
    const doc = dom(html);
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelector('h1')!.textContent).toBe(both);
    expect(doc.querySelector('title')!.textContent).toBe(`${both} — driftwatch`);
    expect(doc.querySelector('#drift-table tbody tr:nth-child(3) td')!.textContent).toBe(both);
    expect(doc.querySelector('meta[name=generator]')!.getAttribute('content')).toBe(`driftwatch ${attr}`);
    const chart = doc.querySelector('#drift-table tbody tr:nth-child(3) svg')!;
    expect(chart.querySelector('title')!.textContent).toContain(`Distribution of ${both}`);
    expect(chart.querySelector('g title')!.textContent).toContain(both);
    expect(doc.querySelector('#warnings-table td')!.textContent).toBe(attr);
    expect(doc.querySelector('#contract h2 code')!.textContent).toBe(both);
  });

  it('keeps a shortened long top value in a title attribute, escaped', () => {
    const r = loadFixture();
    const long = `${attr}${'x'.repeat(60)}`;
    r.quality.current.columns.city!.topValues = [{ value: long, count: 1, share: 0.1 }];
    const doc = dom(renderHtml(r));
    const code = doc.querySelector('#quality-columns code[title]')!;
    expect(code.getAttribute('title')).toBe(long);
    expect(code.textContent.endsWith('…')).toBe(true);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });
});

describe('self-containment', () => {
  const html = renderHtml(loadFixture());

  it('references no external resource', () => {
    const refs = [...html.matchAll(/\b(?:src|href|action|xlink:href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(ref).toMatch(/^(#|data:)/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(STYLES).not.toMatch(/url\(|@import|@font-face/);
    expect(SORT_SCRIPT).not.toMatch(/fetch|XMLHttpRequest|import\(|src/);
  });

  it('lists the SHA-256 of its inline style and script in the Content-Security-Policy', () => {
    expect(STYLES_SHA256).toBe(sha256(STYLES));
    expect(SORT_SCRIPT_SHA256).toBe(sha256(SORT_SCRIPT));
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(html).toContain(`<style>${STYLES}</style>`);
    expect(html).toContain(`<script>${SORT_SCRIPT}</script>`);
    expect(dom(html).querySelector('meta[http-equiv=Content-Security-Policy]')!.getAttribute('content')).toBe(
      CONTENT_SECURITY_POLICY,
    );
  });
});

describe('a realistic 25-column result (100k rows per side)', () => {
  const result = ReportResultSchema.parse(syntheticResult(100_000));

  it('renders well under 1 MB', () => {
    const html = renderHtml(result);
    expect(result.columns).toHaveLength(25);
    expect(dom(html).querySelectorAll('#drift-table svg')).toHaveLength(22);
    expect(bytes(html)).toBeLessThan(1_000_000);
    // Regression guard: ~140 KB today, dominated by 22 charts of 20–21 bins with per-bin tooltips.
    expect(bytes(html)).toBeLessThan(250_000);
  });
});
