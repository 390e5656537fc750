/**
 * Energy distance between two empirical distributions, Evidently's `ed` drift method
 * (`scipy.stats.energy_distance(ref, cur)`).
 *
 * Ported from scipy 1.10.1 scipy/stats/_stats_py.py `energy_distance` (BSD-3): in one dimension the energy
 * distance equals √2 times the L² distance between the empirical CDFs (Székely & Rizzo), computed here in
 * O(n + m) from the sorted samples.
 * @module
 */

import { cdfDistance } from './wasserstein.ts';

/**
 * Energy distance of two **sorted ascending** samples (precondition, not checked), as
 * `scipy.stats.energy_distance(u, v)`: √2 · (∫ (U − V)²)^{1/2}.
 */
export function energyDistance(sortedU: Float64Array, sortedV: Float64Array): number {
  return Math.SQRT2 * cdfDistance(2, sortedU, sortedV);
}
