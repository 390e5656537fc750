/**
 * Frequent items: exact counts up to the distinct-value cap; beyond it the SpaceSaving / Misra–Gries bounds
 * count(x) ≤ f(x) ≤ count(x) + maxError with maxError ≤ N/(k+1) (Agarwal et al. 2012, §3), for every item,
 * after updates and merges, checked against exact counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeFrequentItems, SpaceSaving } from '../../../src/core/sketch/space-saving.ts';

function exactCounts(items: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function summaryOf(items: readonly string[], capacity: number): SpaceSaving {
  const s = new SpaceSaving({ capacity });
  for (const x of items) s.update(x);
  return s;
}

/** The guarantee, for every item seen (and a never-seen one). */
function expectBounds(s: SpaceSaving, items: readonly string[]): void {
  const truth = exactCounts(items);
  expect(s.total).toBe(items.length);
  expect(s.maxError).toBeLessThanOrEqual(items.length / (s.capacity + 1) + 1e-9);
  for (const [item, f] of [...truth, ['never seen', 0] as const]) {
    expect(s.count(item), item).toBeLessThanOrEqual(f);
    expect(s.upperBound(item), item).toBeGreaterThanOrEqual(f - 1e-9);
  }
  expect(s.size).toBeLessThanOrEqual(2 * s.capacity);
  expect(s.items().length).toBeLessThanOrEqual(s.capacity);
}

describe('SpaceSaving frequent items', () => {
  it('counts exactly (first-seen order) while the distinct values fit the capacity', () => {
    const s = new SpaceSaving({ capacity: 3 });
    for (const x of ['b', 'a', 'b', 'c', 'b']) s.update(x);
    s.update('a', 4);
    expect(s.exact).toBe(true);
    expect(s.maxError).toBe(0);
    expect(s.items()).toEqual([
      { item: 'b', count: 3, upperBound: 3 },
      { item: 'a', count: 5, upperBound: 5 },
      { item: 'c', count: 1, upperBound: 1 },
    ]);
    expect(s.toJSON()).toEqual({
      kind: 'frequent-items',
      capacity: 3,
      total: 9,
      exact: true,
      items: [
        ['b', 3],
        ['a', 5],
        ['c', 1],
      ],
    });
  });

  it('switches to the sketch one distinct value past the capacity and keeps the heavy hitters', () => {
    const items: string[] = [];
    for (let i = 0; i < 20_000; i++) items.push(i % 4 === 0 ? 'hot' : i % 10 === 1 ? 'warm' : `cold-${i}`);
    const s = summaryOf(items, 50);
    expect(s.exact).toBe(false);
    expectBounds(s, items);
    const top = s
      .items()
      .slice(0, 2)
      .map((i) => i.item);
    expect(top).toEqual(['hot', 'warm']);
    // sketched items come count-descending
    const counts = s.items().map((i) => i.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('weighted updates keep the bounds (as merges of one-counter summaries)', () => {
    const s = new SpaceSaving({ capacity: 4 });
    const truth: string[] = [];
    for (let i = 0; i < 200; i++) {
      const item = `v${(i * 7) % 13}`;
      const w = 1 + (i % 5);
      s.update(item, w);
      for (let j = 0; j < w; j++) truth.push(item);
    }
    expectBounds(s, truth);
  });

  const stream = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('').slice(0, 18)), {
    maxLength: 400,
  });
  const skewed = fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('x', 'y') },
      { weight: 3, arbitrary: fc.string({ maxLength: 3 }) },
    ),
    { maxLength: 400 },
  );
  const capacity = fc.integer({ min: 1, max: 12 });

  it('merge(sketch(a), sketch(b)) has the bounds of a ∪ b, and equals the exact summary when it fits', () => {
    fc.assert(
      fc.property(fc.oneof(stream, skewed), fc.oneof(stream, skewed), capacity, (a, b, k) => {
        const merged = summaryOf(a, k).merge(summaryOf(b, k));
        const all = [...a, ...b];
        expectBounds(merged, all);
        const whole = summaryOf(all, k);
        expect(merged.exact).toBe(whole.exact);
        if (whole.exact) {
          expect(new Map(merged.toJSON().items)).toEqual(new Map(whole.toJSON().items));
        }
      }),
    );
  });

  it('merges are associative within the bounds (exactly when exact) and JSON round-trips', () => {
    fc.assert(
      fc.property(skewed, stream, skewed, capacity, (a, b, c, k) => {
        const [ja, jb, jc] = [summaryOf(a, k).toJSON(), summaryOf(b, k).toJSON(), summaryOf(c, k).toJSON()];
        const left = mergeFrequentItems(mergeFrequentItems(ja, jb), jc);
        const right = mergeFrequentItems(ja, mergeFrequentItems(jb, jc));
        const all = [...a, ...b, ...c];
        expectBounds(SpaceSaving.fromJSON(left), all);
        expectBounds(SpaceSaving.fromJSON(right), all);
        if (left.exact) expect(new Map(left.items)).toEqual(new Map(right.items));
        expect(SpaceSaving.fromJSON(JSON.parse(JSON.stringify(left))).toJSON()).toEqual(left);
      }),
    );
  });

  it('rejects inconsistent states and bad options', () => {
    expect(() => new SpaceSaving({ capacity: 0 })).toThrow(
      expect.objectContaining({ code: 'DW_SKETCH_BAD_OPTION' }),
    );
    const bad = [
      { kind: 'frequent-items', capacity: 1, total: 2, exact: true, items: [['a', 1]] },
      {
        kind: 'frequent-items',
        capacity: 1,
        total: 2,
        exact: false,
        items: [
          ['a', 1],
          ['b', 1],
        ],
      },
      { kind: 'frequent-items', capacity: 2, total: 2, exact: false, items: [['a', 3]] },
      {
        kind: 'frequent-items',
        capacity: 2,
        total: 2,
        exact: true,
        items: [
          ['a', 1],
          ['a', 1],
        ],
      },
      { kind: 'other', capacity: 2, total: 0, exact: true, items: [] },
    ];
    for (const state of bad) {
      expect(() => SpaceSaving.fromJSON(state as never), JSON.stringify(state)).toThrow(
        expect.objectContaining({ code: 'DW_SKETCH_INVALID' }),
      );
    }
  });
});
