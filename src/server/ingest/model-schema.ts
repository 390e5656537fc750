/**
 * The model's inferred schema (feature → `float` | `int` | `string` | `bool`, the prediction's type, score classes,
 * segment names): inferred from the first batch sent to a model (as Phoenix and Langfuse do) and extended by later
 * batches, and the per-record type check against it.
 *
 * Rules:
 * - A feature's type is the type of the first non-null value seen; numbers are `int` while every value seen is a
 *   whole number and widen to `float` at the first fraction (JSON cannot tell `1` from `1.0`, so an `int` feature
 *   receiving `1.5` is not a mismatch).
 * - A value of another kind (a string for a numeric feature, a number for a `bool` feature, …) is a per-record error
 *   (`DW_SCHEMA_MISMATCH`, naming the field); the record is rejected, the batch goes on. Null is always accepted
 *   (a missing value).
 * - A feature not in the schema yet is added (type from its first value). The contract, not the inferred schema,
 *   decides whether undeclared features are allowed.
 * @module
 */
import type { ModelSchema } from '../../storage/models-store.ts';
import type { ErrorSink, PredictionInput, Scalar } from './validate-records.ts';
import { fieldPath } from './validate-records.ts';

export type Dtype = 'float' | 'int' | 'string' | 'bool';

function dtypeOf(v: number | string | boolean): Dtype {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return typeof v === 'string' ? 'string' : 'bool';
}

function isNumeric(t: Dtype): boolean {
  return t === 'int' || t === 'float';
}

/** Mutable working copy of a schema while a batch is checked. */
class SchemaDraft {
  readonly features = new Map<string, Dtype>();
  prediction: Dtype | undefined;
  hasScore: boolean;
  readonly scoreClasses: Set<string>;
  readonly segments: Set<string>;
  changed = false;

  constructor(base: ModelSchema | null) {
    if (base) for (const [k, t] of Object.entries(base.features)) this.features.set(k, t);
    this.prediction = base?.prediction;
    this.hasScore = base?.hasScore ?? false;
    this.scoreClasses = new Set(base?.scoreClasses ?? []);
    this.segments = new Set(base?.segments ?? []);
    if (!base) this.changed = true;
  }

  toSchema(): ModelSchema {
    const features: Record<string, Dtype> = {};
    for (const [k, t] of this.features) features[k] = t;
    return {
      features,
      ...(this.prediction !== undefined ? { prediction: this.prediction } : {}),
      hasScore: this.hasScore,
      ...(this.scoreClasses.size ? { scoreClasses: [...this.scoreClasses] } : {}),
      ...(this.segments.size ? { segments: [...this.segments] } : {}),
    };
  }
}

/** Pending schema changes of one value, applied only when its record is accepted. */
type Change = readonly [kind: 'feature' | 'prediction', name: string, dtype: Dtype];

/**
 * Checks `value` against the expected type; returns the type to record (new or widened) or `null` when nothing
 * changes, or `false` on a mismatch (error added).
 */
function checkValue(
  expected: Dtype | undefined,
  value: Scalar,
  key: string | undefined,
  index: number,
  sink: ErrorSink,
): Dtype | null | false {
  if (value === null) return null;
  const got = dtypeOf(value);
  if (expected === undefined) return got;
  if (expected === got) return null;
  if (isNumeric(expected) && isNumeric(got)) return expected === 'int' ? 'float' : null;
  const field = key === undefined ? 'prediction' : fieldPath('features', key); // built only for the message
  sink.add(
    index,
    field,
    'DW_SCHEMA_MISMATCH',
    `${field}: expected ${expected === 'float' || expected === 'int' ? 'a number' : expected === 'bool' ? 'a boolean' : 'a string'} ` +
      `(the model's schema says ${expected}), got ${typeof value}`,
  );
  return false;
}

/**
 * Checks the records against `base` (null: the model has no schema yet — infer it from this batch), removing
 * records with mismatches (errors in `sink`). Returns the accepted records and the new schema when it changed.
 */
export function applyModelSchema(
  base: ModelSchema | null,
  records: readonly PredictionInput[],
  sink: ErrorSink,
): { accepted: PredictionInput[]; schema: ModelSchema | undefined } {
  const draft = new SchemaDraft(base);
  const accepted: PredictionInput[] = [];
  const changes: Change[] = [];
  for (const r of records) {
    changes.length = 0;
    let ok = true;
    const f = r.features;
    for (const k in f) {
      const res = checkValue(draft.features.get(k), f[k]!, k, r.index, sink);
      if (res === false) ok = false;
      else if (res !== null) changes.push(['feature', k, res]);
    }
    if (r.prediction !== undefined) {
      const res = checkValue(draft.prediction, r.prediction, undefined, r.index, sink);
      if (res === false) ok = false;
      else if (res !== null) changes.push(['prediction', '', res]);
    }
    if (!ok) continue;
    accepted.push(r);
    for (const [kind, name, t] of changes) {
      if (kind === 'feature') draft.features.set(name, t);
      else draft.prediction = t;
      draft.changed = true;
    }
    if (r.score !== undefined && !draft.hasScore) {
      draft.hasScore = true;
      draft.changed = true;
    }
    if (r.scores) {
      for (const c in r.scores) {
        if (!draft.scoreClasses.has(c) && draft.scoreClasses.size < 1000) {
          draft.scoreClasses.add(c);
          draft.changed = true;
        }
      }
    }
    if (r.segments) {
      for (const s in r.segments) {
        if (!draft.segments.has(s) && draft.segments.size < 256) {
          draft.segments.add(s);
          draft.changed = true;
        }
      }
    }
  }
  return { accepted, schema: draft.changed ? draft.toSchema() : undefined };
}

/** Union of two schemas (another node may have extended the stored one meanwhile); `b` wins on conflicts. */
export function mergeSchemas(a: ModelSchema | null, b: ModelSchema): ModelSchema {
  if (!a) return b;
  const features: Record<string, Dtype> = { ...a.features };
  for (const [k, t] of Object.entries(b.features)) {
    const old = features[k];
    features[k] =
      old !== undefined && isNumeric(old) && isNumeric(t) && (old === 'float' || t === 'float') ? 'float' : t;
  }
  const prediction = b.prediction ?? a.prediction;
  const scoreClasses = [...new Set([...(a.scoreClasses ?? []), ...(b.scoreClasses ?? [])])];
  const segments = [...new Set([...(a.segments ?? []), ...(b.segments ?? [])])];
  return {
    features,
    ...(prediction !== undefined ? { prediction } : {}),
    hasScore: (a.hasScore ?? false) || (b.hasScore ?? false),
    ...(scoreClasses.length ? { scoreClasses } : {}),
    ...(segments.length ? { segments } : {}),
  };
}

/** True when `b` adds nothing to `a`. */
export function schemaCovers(a: ModelSchema | null, b: ModelSchema): boolean {
  if (!a) return false;
  return JSON.stringify(mergeSchemas(a, b)) === JSON.stringify(mergeSchemas(a, a));
}
