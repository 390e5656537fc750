/**
 * L-infinity distance between two discrete distributions: max |p_i − q_i| over the categories
 * (NannyML `LInfinityDistance`, SageMaker Model Monitor's categorical `LInfinity`).
 * Inputs are proportions aligned on the same keys.
 */
export function linfDistance(p: Float64Array, q: Float64Array): number {
  let max = 0;
  for (let i = 0; i < p.length; i++) {
    const d = Math.abs(p[i]! - q[i]!);
    if (d > max) max = d;
  }
  return max;
}
