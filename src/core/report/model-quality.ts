/**
 * Model-quality metrics of one side of the report, from its role columns: binary, multiclass,
 * regression or ranking (definitions in `core/metrics`). Curves are thinned to at most
 * `CURVE_POINTS` points so the JSON result stays small.
 * @module
 */
import {
  argmaxPrediction,
  binaryMetrics,
  metricsAtThreshold,
  multiclassMetrics,
  rankingMetrics,
  regressionMetrics,
} from '../metrics/index.ts';
import type { ModelInputs } from './model-inputs.ts';

/** Most points kept per ROC/PR curve in the result. */
export const CURVE_POINTS = 200;

export type QualityMetrics = Record<string, unknown>;

/** Thins every array of a curve object together (same kept indices). */
export function thinCurve<T extends Record<string, unknown>>(
  curve: T | null,
  maxPoints = CURVE_POINTS,
): T | null {
  if (curve === null) return null;
  const arrays = Object.entries(curve).filter(([, v]) => Array.isArray(v)) as [string, unknown[]][];
  const len = Math.max(0, ...arrays.map(([, v]) => v.length));
  if (len <= maxPoints) return curve;
  const keep = Array.from({ length: maxPoints }, (_, j) => Math.round((j * (len - 1)) / (maxPoints - 1)));
  const out: Record<string, unknown> = { ...curve };
  for (const [k, v] of arrays) out[k] = keep.map((i) => v[i]);
  return out as T;
}

/**
 * The metrics of one side, or null when the side has no ground truth (then only estimates apply).
 * @param options.positiveShare the reference's share of positives, for the "dummy by reference" baseline
 */
export function qualityMetrics(
  inputs: ModelInputs,
  options: { positiveShare?: number; curves?: boolean; decisionThreshold?: number } = {},
): QualityMetrics | null {
  switch (inputs.task) {
    case 'binary': {
      if (inputs.target === null || inputs.target.length === 0) return null;
      if (inputs.prediction === null && inputs.score === null) return null;
      const m = binaryMetrics({
        target: inputs.target,
        ...(inputs.prediction ? { prediction: inputs.prediction } : {}),
        ...(inputs.score ? { score: inputs.score } : {}),
        ...(options.positiveShare !== undefined ? { dummyPrior: options.positiveShare } : {}),
        curves: options.curves ?? true,
      });
      return {
        ...m,
        ...(options.decisionThreshold !== undefined && inputs.score
          ? { atThreshold: metricsAtThreshold(inputs.target, inputs.score, options.decisionThreshold) }
          : {}),
        classes: inputs.classes,
        rocCurve: thinCurve(m.rocCurve as Record<string, unknown> | null),
        prCurve: thinCurve(m.prCurve as Record<string, unknown> | null),
      };
    }
    case 'multiclass': {
      if (inputs.target === null || inputs.target.length === 0) return null;
      const prediction =
        inputs.prediction ?? (inputs.scores ? argmaxPrediction(inputs.scores, inputs.target.length) : null);
      if (prediction === null) return null;
      return {
        ...multiclassMetrics({
          target: inputs.target,
          prediction,
          classes: inputs.classes,
          ...(inputs.scores ? { scores: inputs.scores } : {}),
        }),
      };
    }
    case 'regression':
      if (inputs.target === null || inputs.prediction === null || inputs.target.length === 0) return null;
      return { ...regressionMetrics({ target: inputs.target, prediction: inputs.prediction }) };
    case 'ranking':
      if (inputs.relevance === null || inputs.score.length === 0) return null;
      return {
        ...rankingMetrics({
          queryIds: inputs.queryIds,
          relevance: inputs.relevance,
          score: inputs.score,
          k: inputs.k,
        }),
      };
  }
}

/** The share of positives of a binary side (for the dummy baseline), else undefined. */
export function positiveShare(inputs: ModelInputs): number | undefined {
  if (inputs.task !== 'binary' || inputs.target === null || inputs.target.length === 0) return undefined;
  let p = 0;
  for (const v of inputs.target) p += v;
  return p / inputs.target.length;
}
