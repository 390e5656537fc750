/**
 * Drift method identifiers, defaults and decision operators, exactly as Evidently registers them
 * (`legacy/calculations/stattests/*.py`, drift-methods.md §1.2), plus `linf`.
 * @module
 */

/** Every drift method driftwatch implements (Evidently's ids, plus `linf`). */
export const METHOD_IDS = [
  'ks',
  'chisquare',
  'z',
  'wasserstein',
  'jensenshannon',
  'psi',
  'kl_div',
  'hellinger',
  'ed',
  'mannw',
  't_test',
  'anderson',
  'cramer_von_mises',
  'g_test',
  'fisher_exact',
  'es',
  'TVD',
  'empirical_mmd',
  'linf',
] as const;

export type MethodId = (typeof METHOD_IDS)[number];

/** How a method's statistic is compared with its threshold to decide drift. */
export type DriftOperator = '<' | '<=' | '>=' | '>';

export interface MethodSpec {
  readonly id: MethodId;
  /** Evidently's display name. */
  readonly displayName: string;
  /** `p_value`: the statistic is a p-value (small = drift); `distance`: large = drift. */
  readonly kind: 'p_value' | 'distance';
  /** Which data the method needs: `numeric` values, or category `counts` (any column), or `either`. */
  readonly needs: 'numeric' | 'counts' | 'either';
  readonly defaultThreshold: number;
  /** Drift when `statistic <operator> threshold`. Evidently is not consistent here; reproduced as is. */
  readonly operator: DriftOperator;
  /** True for Monte-Carlo permutation tests: seedable, but only approximately equal to Evidently. */
  readonly approximate: boolean;
}

const spec = (
  id: MethodId,
  displayName: string,
  kind: MethodSpec['kind'],
  needs: MethodSpec['needs'],
  defaultThreshold: number,
  operator: DriftOperator,
  approximate = false,
): MethodSpec => Object.freeze({ id, displayName, kind, needs, defaultThreshold, operator, approximate });

export const METHOD_SPECS: Readonly<Record<MethodId, MethodSpec>> = Object.freeze({
  ks: spec('ks', 'K-S p_value', 'p_value', 'numeric', 0.05, '<='),
  chisquare: spec('chisquare', 'chi-square p_value', 'p_value', 'counts', 0.05, '<'),
  z: spec('z', 'Z-test p_value', 'p_value', 'counts', 0.05, '<'),
  wasserstein: spec('wasserstein', 'Wasserstein distance (normed)', 'distance', 'numeric', 0.1, '>='),
  jensenshannon: spec('jensenshannon', 'Jensen-Shannon distance', 'distance', 'either', 0.1, '>='),
  psi: spec('psi', 'PSI', 'distance', 'either', 0.1, '>='),
  kl_div: spec('kl_div', 'Kullback-Leibler divergence', 'distance', 'either', 0.1, '>='),
  hellinger: spec('hellinger', 'Hellinger distance', 'distance', 'either', 0.1, '>='),
  ed: spec('ed', 'Energy-distance', 'distance', 'numeric', 0.1, '>'),
  mannw: spec('mannw', 'Mann-Whitney U-rank test', 'p_value', 'numeric', 0.05, '<'),
  t_test: spec('t_test', 't_test', 'p_value', 'numeric', 0.05, '<'),
  anderson: spec('anderson', 'Anderson-Darling', 'p_value', 'numeric', 0.1, '<'),
  cramer_von_mises: spec('cramer_von_mises', 'Cramer-von Mises', 'p_value', 'numeric', 0.1, '<='),
  g_test: spec('g_test', 'g_test', 'p_value', 'counts', 0.1, '<'),
  fisher_exact: spec('fisher_exact', "Fisher's Exact test", 'p_value', 'counts', 0.1, '<'),
  es: spec('es', 'Epps-Singleton', 'p_value', 'numeric', 0.05, '<'),
  TVD: spec('TVD', 'Total-Variation-Distance', 'p_value', 'counts', 0.1, '<', true),
  empirical_mmd: spec('empirical_mmd', 'empirical_mmd', 'p_value', 'numeric', 0.1, '<', true),
  linf: spec('linf', 'L-infinity distance', 'distance', 'either', 0.1, '>='),
});

export function isMethodId(value: string): value is MethodId {
  return (METHOD_IDS as readonly string[]).includes(value);
}

/** Applies the method's operator. */
export function isDrifted(statistic: number, threshold: number, operator: DriftOperator): boolean {
  switch (operator) {
    case '<':
      return statistic < threshold;
    case '<=':
      return statistic <= threshold;
    case '>=':
      return statistic >= threshold;
    case '>':
      return statistic > threshold;
  }
}
