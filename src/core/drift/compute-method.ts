/**
 * Runs one drift method on a prepared column and returns the statistic Evidently reports
 * (the p-value for tests, the distance otherwise).
 * @module
 */
import { jensenShannonDistance } from '../stats/jensen-shannon.ts';
import { klDivergence } from '../stats/kl-divergence.ts';
import { ks2samp } from '../stats/ks-2samp.ts';
import { linfDistance } from '../stats/linf.ts';
import { psi } from '../stats/psi.ts';
import { type BinningOptions, binnedProportions } from './binned-proportions.ts';
import type { DriftInput } from './drift-input.ts';
import { hellingerDrift } from './hellinger-drift.ts';
import type { MethodId } from './method-spec.ts';
import * as tests from './stat-tests.ts';

export interface ComputeOptions extends BinningOptions {
  /** Seed of the permutation tests (`TVD`, `empirical_mmd`). Default 0. */
  readonly seed?: number;
}

/** Wasserstein is normalised by the reference's population std, floored at this value (Evidently). */
export const WASSERSTEIN_STD_FLOOR = 0.001;

export function computeMethod(id: MethodId, input: DriftInput, options: ComputeOptions = {}): number {
  const ref = input.refValues;
  const cur = input.curValues;
  switch (id) {
    case 'ks':
      return ks2samp(ref!, cur!).pValue;
    case 'wasserstein':
      return tests.wasserstein(ref!, cur!) / Math.max(input.refPopulationStd(), WASSERSTEIN_STD_FLOOR);
    case 'psi': {
      const p = binnedProportions(input, true, options);
      return psi(p.ref, p.cur);
    }
    case 'kl_div': {
      const p = binnedProportions(input, true, options);
      return klDivergence(p.ref, p.cur);
    }
    case 'jensenshannon': {
      const p = binnedProportions(input, false, options);
      return jensenShannonDistance(p.ref, p.cur);
    }
    case 'linf': {
      if (input.type === 'num' && ref !== null && cur !== null) return ks2samp(ref, cur).statistic;
      const p = binnedProportions(input, false, options);
      return linfDistance(p.ref, p.cur);
    }
    case 'hellinger':
      return hellingerDrift(input);
    case 'chisquare': {
      const c = input.counts();
      return tests.chisquare(c.ref, c.cur);
    }
    case 'g_test': {
      const c = input.counts();
      return tests.gTest(c.ref, c.cur);
    }
    case 'z': {
      const c = input.counts();
      return tests.zTest(c.ref, c.cur);
    }
    case 'fisher_exact': {
      const c = input.counts();
      return tests.fisherExact(c.ref, c.cur);
    }
    case 'TVD': {
      const c = input.counts();
      return tests.tvd(c.ref, c.cur, options.seed ?? 0);
    }
    case 'ed':
      return tests.energy(ref!, cur!);
    case 'mannw':
      return tests.mannWhitney(ref!, cur!);
    case 't_test':
      return tests.tTest(input.refInRowOrder()!, input.curInRowOrder()!);
    case 'anderson':
      return tests.anderson(ref!, cur!);
    case 'cramer_von_mises':
      return tests.cramerVonMises(ref!, cur!);
    case 'es':
      return tests.eppsSingleton(ref!, cur!);
    case 'empirical_mmd':
      return tests.mmd(ref!, cur!, options.seed ?? 0);
  }
}
