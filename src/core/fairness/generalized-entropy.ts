/**
 * Generalized entropy index GE(α = 2) of the "benefit" b_i = ŷ_i − y_i + 1, SageMaker Clarify's post-training
 * metric GE (aws/amazon-sagemaker-clarify `src/smclarify/bias/metrics/common.py` `GE`, called with alpha = 2 by
 * `posttraining.py`; Speicher et al., KDD 2018):
 *   GE = 1/(n·α(α−1)) · Σ_i [(b_i/μ)^α − 1],  μ = mean(b).
 * b is 0 for a false negative, 1 for a correct prediction and 2 for a false positive. For α = 2 and
 * Σ b_i = n·μ the sum equals Σ (b_i − μ)² / μ², which we evaluate from the three counts without the
 * cancellation of Σ(b/μ)² − n (GE is half the squared coefficient of variation of b).
 * It is a whole-dataset metric (no facet). Clarify raises when every prediction is a false negative
 * (μ = 0) or the data are empty; we return `NaN` then.
 * @module
 */
import type { ConfusionCounts } from './group-counts.ts';

/** Clarify's GE (α = 2) from overall confusion counts; `NaN` when n = 0 or μ = 0. */
export function generalizedEntropy(c: ConfusionCounts): number {
  const n = c.tn + c.fp + c.fn + c.tp;
  const sum = c.tp + c.tn + 2 * c.fp;
  if (n === 0 || sum === 0) return Number.NaN;
  const mu = sum / n;
  const ss = c.fn * mu * mu + (c.tp + c.tn) * (1 - mu) ** 2 + c.fp * (2 - mu) ** 2;
  return ss / (2 * n * mu * mu);
}
