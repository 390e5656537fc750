import { describe, expect, it } from 'vitest';
import { legacyRandomState } from '../../../src/core/estimation/mt19937.ts';
import { stratifiedShuffleSplit } from '../../../src/core/estimation/stratified-shuffle-split.ts';
import { oracle, rows } from './oracle.ts';

const fixture = oracle('calibration.json');

describe("numpy's legacy RandomState (MT19937)", () => {
  it.each(
    rows<[number, number, { perm: number[] }]>(
      fixture.permutations.map((p: { seed: number; n: number }) => [p.seed, p.n, p]),
    ),
  )('RandomState(%i).permutation(%i) as numpy 1.24', (seed, n, p) => {
    expect([...legacyRandomState(seed).permutation(n)]).toEqual(p.perm);
  });

  it('choice(n, size, replace=True) as numpy (masked rejection sampling)', () => {
    const { seed, n, size, values } = fixture.choices;
    const rng = legacyRandomState(seed);
    expect(Array.from({ length: size }, () => rng.interval(n - 1))).toEqual(values);
  });

  it('the first outputs of init_genrand(5489) are the reference MT19937 values', () => {
    // Matsumoto & Nishimura's mt19937ar.c test output starts 3499211612, 581869302, 3890346734 for seed 5489.
    const rng = legacyRandomState(5489);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      3499211612, 581869302, 3890346734,
    ]);
  });

  it('shuffleTail and skipShuffle leave the stream where a full shuffle would', () => {
    const full = legacyRandomState(3);
    const a = Uint32Array.from({ length: 1000 }, (_, i) => i);
    full.shuffle(a);
    const partial = legacyRandomState(3);
    const b = Uint32Array.from({ length: 1000 }, (_, i) => i);
    partial.shuffleTail(b, 100);
    expect([...b.subarray(900)]).toEqual([...a.subarray(900)]);
    expect(new Set(b.subarray(0, 900))).toEqual(new Set(a.subarray(0, 900)));
    expect(partial.nextUint32()).toBe(full.nextUint32());
    const skipped = legacyRandomState(9);
    skipped.skipShuffle(500);
    const shuffled = legacyRandomState(9);
    shuffled.shuffle(new Uint32Array(500));
    expect(skipped.nextUint32()).toBe(shuffled.nextUint32());
  });
});

describe("scikit-learn's StratifiedShuffleSplit(random_state=42)", () => {
  it.each(['splits', 'splits2'])(
    '%s: same train sets and test folds (in order) as scikit-learn 1.2.1',
    (name) => {
      const { y, nSplits, testSize, seed, folds } = fixture[name];
      const splits = stratifiedShuffleSplit(y, nSplits, testSize, seed)!;
      expect(splits).toHaveLength(nSplits);
      splits.forEach((s, i) => {
        expect([...s.test]).toEqual(folds[i].test);
        expect([...s.train]).toEqual(folds[i].train);
      });
    },
  );

  it('returns null where scikit-learn raises', () => {
    expect(stratifiedShuffleSplit([0, 0, 0, 1], 10, 0.1, 42)).toBeNull(); // a class with one row
    expect(stratifiedShuffleSplit([0, 1, 0, 1, 2, 2], 10, 0.1, 42)).toBeNull(); // 1 test row < 3 classes
  });
});
