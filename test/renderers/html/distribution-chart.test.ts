import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../../src/core/report/result-schema.ts';
import { distributionChart } from '../../../src/renderers/html/distribution-chart.ts';

function svg(d: Distribution, column = 'x') {
  const markup = distributionChart(d, column, 'c1').value;
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  return { markup, root: document.querySelector('svg')! };
}

const rects = (root: Element, cls: 'r' | 'c') => [...root.querySelectorAll(`rect.${cls}`)];
const heights = (root: Element, cls: 'r' | 'c') =>
  rects(root, cls).map((r) => Number(r.getAttribute('height')));

describe('distributionChart', () => {
  const histogram: Distribution = {
    kind: 'histogram',
    edges: [0, 1, 2, 3, 4],
    reference: [0.1, 0.4, 0.5, 0],
    current: [0, 0.2, 0.3, 0.5],
  };

  it('draws a reference and a current bar per histogram bin, scaled to the largest share', () => {
    const { root } = svg(histogram);
    expect(rects(root, 'r')).toHaveLength(4);
    expect(rects(root, 'c')).toHaveLength(4);
    // Plot height 84 − 8 − 16 = 60 px for the largest share 0.5.
    expect(heights(root, 'r')).toEqual([12, 48, 60, 0]);
    expect(heights(root, 'c')).toEqual([0, 24, 36, 60]);
    // Reference on the left of each pair.
    const xr = rects(root, 'r').map((r) => Number(r.getAttribute('x')));
    const xc = rects(root, 'c').map((r) => Number(r.getAttribute('x')));
    for (const [i, x] of xr.entries()) expect(x).toBeLessThan(xc[i]!);
  });

  it('is accessible: role img, a labelled title, a tooltip per bin, min/max axis labels', () => {
    const { root } = svg(histogram, 'age');
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-labelledby')).toBe('c1');
    const title = root.querySelector('title#c1')!.textContent;
    expect(title).toBe(
      'Distribution of age, reference (blue, left bars) vs current (orange, right bars): 4 bins from 0 to 4; largest shift at [3, 4]: reference 0%, current 50%',
    );
    const tips = [...root.querySelectorAll('g > title')].map((t) => t.textContent);
    expect(tips).toEqual([
      '[0, 1): reference 10%, current 0%',
      '[1, 2): reference 40%, current 20%',
      '[2, 3): reference 50%, current 30%',
      '[3, 4]: reference 0%, current 50%',
    ]);
    const labels = [...root.querySelectorAll('svg > text')].map((t) => t.textContent);
    expect(labels).toEqual(['50%', '0', '0', '4']);
  });

  it('keeps tiny shares visible (at least 1 px) and zero shares flat', () => {
    const { root } = svg({
      kind: 'histogram',
      edges: [0, 1, 2],
      reference: [1e-6, 1 - 1e-6],
      current: [0, 1],
    });
    expect(heights(root, 'r')).toEqual([1, 60]);
    expect(heights(root, 'c')).toEqual([0, 60]);
  });

  it('labels up to 6 categories and adds an "other" bar', () => {
    const { root } = svg({
      kind: 'categories',
      keys: ['a', 'b', 'a very long category name'],
      reference: [0.5, 0.3, 0.1],
      current: [0.4, 0.4, 0.1],
      otherReference: 0.1,
      otherCurrent: 0.1,
    });
    expect(rects(root, 'r')).toHaveLength(4);
    const labels = [...root.querySelectorAll('svg > text')].map((t) => t.textContent).slice(2);
    expect(labels[0]).toBe('a');
    expect(labels[2]!.endsWith('…')).toBe(true);
    expect(labels[3]).toBe('other');
    expect(root.querySelector('g:last-of-type title')!.textContent).toBe('other: reference 10%, current 10%');
  });

  it('summarises many categories instead of labelling each, and drops an empty "other"', () => {
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    const shares = keys.map(() => 1 / 20);
    const { root } = svg({
      kind: 'categories',
      keys,
      reference: shares,
      current: shares,
      otherReference: 0,
      otherCurrent: 0,
    });
    expect(rects(root, 'c')).toHaveLength(20);
    const labels = [...root.querySelectorAll('svg > text')].map((t) => t.textContent);
    expect(labels[2]).toBe('top 20 categories');
  });

  it('caps the bar width for few categories', () => {
    const { root } = svg({
      kind: 'categories',
      keys: ['false', 'true'],
      reference: [0.6, 0.4],
      current: [0.5, 0.5],
      otherReference: 0,
      otherCurrent: 0,
    });
    for (const r of [...rects(root, 'r'), ...rects(root, 'c')])
      expect(Number(r.getAttribute('width'))).toBeLessThanOrEqual(24);
  });

  it('never emits NaN for degenerate input', () => {
    const cases: Distribution[] = [
      { kind: 'histogram', edges: [5, 6], reference: [0], current: [0] },
      { kind: 'histogram', edges: [], reference: [], current: [] },
      { kind: 'categories', keys: [], reference: [], current: [], otherReference: 0, otherCurrent: 0 },
    ];
    for (const d of cases) expect(svg(d).markup).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('does not split a surrogate pair when truncating a label', () => {
    const { root } = svg({
      kind: 'categories',
      keys: ['😀'.repeat(60)],
      reference: [1],
      current: [1],
      otherReference: 0,
      otherCurrent: 0,
    });
    const label = [...root.querySelectorAll('svg > text')][2]!.textContent;
    expect(label).toMatch(/^(😀)+…$/u);
  });
});
