/**
 * The hot-path validator of ingested records: the rules of `record-schemas.ts` (same fields, same
 * `INGEST_LIMITS`), written by hand because it runs for every record (zod would cost more than the database write).
 * It never recurses into values (a nested object in `features` is rejected, not walked), so deep nesting costs
 * nothing. Every error names its field with a path (`features.age`, `scores["class 1"]`).
 * @module
 */
import { codePointsAtMost, isStorableText, INGEST_LIMITS as L, timestampToMs } from './limits.ts';
import { FEEDBACK_FIELDS, LABEL_FIELDS, PREDICTION_FIELDS, type RecordError } from './record-schemas.ts';

export type Scalar = number | string | boolean | null;

/** A structurally valid prediction record. */
export interface PredictionInput {
  readonly index: number;
  readonly id: string;
  /** Epoch ms, or undefined when the record had none (arrival time is used). */
  readonly ts: number | undefined;
  readonly version: string | undefined;
  readonly features: Readonly<Record<string, Scalar>>;
  readonly prediction: Scalar | undefined;
  readonly score: number | undefined;
  readonly scores: Readonly<Record<string, number>> | undefined;
  readonly segments: Readonly<Record<string, string | number | boolean>> | undefined;
  readonly latencyMs: number | undefined;
  readonly error: string | null | undefined;
}

export interface LabelInput {
  readonly index: number;
  readonly id: string;
  readonly target: number | string | boolean;
  readonly ts: number | undefined;
}

export interface FeedbackInput {
  readonly index: number;
  readonly id: string | undefined;
  readonly recordId: string;
  readonly kind: string | undefined;
  readonly value: Scalar | undefined;
  readonly comment: string | null | undefined;
  readonly author: string | null | undefined;
  readonly ts: number | undefined;
}

/** Collects per-record errors (one record may have several). */
export class ErrorSink {
  readonly errors: RecordError[] = [];
  /** NDJSON line of each record, when the body was NDJSON. */
  readonly lines: readonly number[] | undefined;
  constructor(lines?: readonly number[]) {
    this.lines = lines;
  }
  add(index: number, field: string, code: string, message: string): void {
    const line = this.lines?.[index];
    this.errors.push(
      line === undefined ? { index, field, code, message } : { index, line, field, code, message },
    );
  }
}

const IDENT = /^[A-Za-z_][\w-]*$/;

/** `features.age`, `features["my col"]`; very long keys are cut so a message stays readable. */
export function fieldPath(parent: string, key: string): string {
  if (IDENT.test(key) && key.length <= 64) return parent === '' ? key : `${parent}.${key}`;
  const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return `${parent}[${JSON.stringify(shown)}]`;
}

/** `string`, `array`, `object`, `null`, `number`, `boolean`. */
export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a record is an object and has only known fields. Returns false when it is not an object. */
function checkShape(
  raw: unknown,
  index: number,
  known: ReadonlySet<string>,
  allowed: string,
  sink: ErrorSink,
): raw is Record<string, unknown> {
  if (!isPlainObject(raw)) {
    sink.add(
      index,
      'record',
      'DW_INVALID_TYPE',
      `record ${index} is ${article(jsonTypeOf(raw))}; expected an object`,
    );
    return false;
  }
  for (const k in raw) {
    if (!known.has(k)) {
      sink.add(
        index,
        fieldPath('', k),
        'DW_UNKNOWN_FIELD',
        `unknown field ${JSON.stringify(k.length > 64 ? `${k.slice(0, 64)}…` : k)} (allowed: ${allowed})`,
      );
    }
  }
  return true;
}

function article(type: string): string {
  return type === 'array' || type === 'object' ? `an ${type}` : type === 'null' ? 'null' : `a ${type}`;
}

/** A required id-like string (1–max characters). */
function checkId(v: unknown, field: string, index: number, max: number, sink: ErrorSink): v is string {
  if (v === undefined) {
    sink.add(index, field, 'DW_REQUIRED', `${field} is required`);
    return false;
  }
  if (typeof v !== 'string') {
    sink.add(index, field, 'DW_INVALID_TYPE', `${field}: expected a string, got ${jsonTypeOf(v)}`);
    return false;
  }
  if (v.length === 0) {
    sink.add(index, field, 'DW_TOO_SHORT', `${field} must not be empty`);
    return false;
  }
  if (!codePointsAtMost(v, max)) {
    sink.add(index, field, 'DW_TOO_LONG', `${field}: at most ${max} characters, got ${[...v].length}`);
    return false;
  }
  if (!isStorableText(v)) {
    sink.add(
      index,
      field,
      'DW_INVALID_TEXT',
      `${field} must not contain U+0000 or unpaired UTF-16 surrogates`,
    );
    return false;
  }
  return true;
}

/** A finite number (JSON cannot carry NaN/Infinity literals, but `1e400` parses to Infinity). */
function checkNumber(v: unknown, field: string, index: number, sink: ErrorSink): v is number {
  if (typeof v !== 'number') {
    sink.add(index, field, 'DW_INVALID_TYPE', `${field}: expected a number, got ${jsonTypeOf(v)}`);
    return false;
  }
  if (!Number.isFinite(v)) {
    sink.add(index, field, 'DW_NOT_FINITE', `${field}: expected a finite number, got ${String(v)}`);
    return false;
  }
  return true;
}

/** A scalar value: finite number, string (≤ maxChars), boolean, or null when allowed. */
function checkScalar(
  v: unknown,
  field: string,
  index: number,
  sink: ErrorSink,
  maxChars: number,
  allowNull: boolean,
): boolean {
  switch (typeof v) {
    case 'number':
      if (Number.isFinite(v)) return true;
      sink.add(index, field, 'DW_NOT_FINITE', `${field}: expected a finite number, got ${String(v)}`);
      return false;
    case 'string':
      if (v.length <= maxChars) return true;
      sink.add(
        index,
        field,
        'DW_TOO_LONG',
        `${field}: strings are limited to ${maxChars} characters, got ${v.length}`,
      );
      return false;
    case 'boolean':
      return true;
    default:
      if (v === null && allowNull) return true;
      if (v === null) {
        sink.add(index, field, 'DW_INVALID_TYPE', `${field}: expected a number, string or boolean, got null`);
        return false;
      }
      sink.add(
        index,
        field,
        v !== null && typeof v === 'object' ? 'DW_NESTED_VALUE' : 'DW_INVALID_TYPE',
        `${field}: expected a number, string, boolean${allowNull ? ' or null' : ''}, got ${jsonTypeOf(v)}` +
          (v !== null && typeof v === 'object' ? ' (nested values are not accepted; flatten them)' : ''),
      );
      return false;
  }
}

function checkTimestamp(v: unknown, index: number, sink: ErrorSink): number | undefined | false {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') {
    sink.add(
      index,
      'timestamp',
      'DW_INVALID_TYPE',
      `timestamp: expected an RFC 3339 string or epoch milliseconds, got ${jsonTypeOf(v)}`,
    );
    return false;
  }
  const ms = timestampToMs(v);
  if (Number.isNaN(ms)) {
    const shown =
      typeof v === 'string' ? JSON.stringify(v.length > 64 ? `${v.slice(0, 64)}…` : v) : String(v);
    sink.add(
      index,
      'timestamp',
      'DW_INVALID_TIMESTAMP',
      `timestamp: ${shown} is not an RFC 3339 date-time with offset (e.g. 2024-05-01T12:00:00Z) or epoch ms between 1970 and 9999`,
    );
    return false;
  }
  return ms;
}

/** The common case of a value check, without building a field path: a valid scalar. */
function scalarOk(v: unknown, maxChars: number, allowNull: boolean): boolean {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v);
    case 'string':
      return v.length <= maxChars;
    case 'boolean':
      return true;
    default:
      return v === null && allowNull;
  }
}

/**
 * An object of keyed values (features, scores, segments): checks keys, count and values. `fast` accepts a valid
 * value cheaply; only a value it refuses gets its path built and `slow` explains it.
 */
function checkKeyed(
  v: unknown,
  field: string,
  index: number,
  sink: ErrorSink,
  maxKeys: number,
  fast: (value: unknown) => boolean,
  slow: (value: unknown, path: string) => void,
): boolean {
  if (!isPlainObject(v)) {
    sink.add(index, field, 'DW_INVALID_TYPE', `${field}: expected an object, got ${jsonTypeOf(v)}`);
    return false;
  }
  let ok = true;
  let n = 0;
  for (const k in v) {
    n++;
    const len = k.length;
    if (len > 0 && len <= L.keyChars && fast(v[k])) continue;
    ok = false;
    if (len === 0) {
      sink.add(index, fieldPath(field, k), 'DW_TOO_SHORT', `${field}: names must not be empty`);
    } else if (len > L.keyChars) {
      sink.add(
        index,
        fieldPath(field, k),
        'DW_TOO_LONG',
        `${field}: names are limited to ${L.keyChars} characters, got ${len}`,
      );
    } else slow(v[k], fieldPath(field, k));
  }
  if (n > maxKeys) {
    sink.add(index, field, 'DW_TOO_MANY', `${field}: at most ${maxKeys} entries, got ${n}`);
    ok = false;
  }
  return ok;
}

const featureOk = (v: unknown) => scalarOk(v, L.stringValueChars, true);
const segmentOk = (v: unknown) => scalarOk(v, L.segmentValueChars, false);
const finiteOk = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

const PREDICTION_KNOWN = new Set<string>(PREDICTION_FIELDS);
const PREDICTION_ALLOWED = PREDICTION_FIELDS.join(', ');
const EMPTY: Readonly<Record<string, Scalar>> = Object.freeze({});

/** Validates prediction records; returns the valid ones (errors go to `sink`). */
export function validatePredictions(items: readonly unknown[], sink: ErrorSink): PredictionInput[] {
  const out: PredictionInput[] = [];
  for (let index = 0; index < items.length; index++) {
    const raw = items[index];
    const before = sink.errors.length;
    if (!checkShape(raw, index, PREDICTION_KNOWN, PREDICTION_ALLOWED, sink)) continue;
    const id = raw.id;
    checkId(id, 'id', index, L.idChars, sink);
    const ts = checkTimestamp(raw.timestamp, index, sink);
    const version = raw.version;
    if (version !== undefined) checkId(version, 'version', index, L.versionChars, sink);
    const features = raw.features;
    if (features !== undefined) {
      checkKeyed(features, 'features', index, sink, L.features, featureOk, (v, path) =>
        checkScalar(v, path, index, sink, L.stringValueChars, true),
      );
    }
    const prediction = raw.prediction;
    if (prediction !== undefined)
      checkScalar(prediction, 'prediction', index, sink, L.stringValueChars, true);
    const score = raw.score;
    if (score !== undefined) checkNumber(score, 'score', index, sink);
    const scores = raw.scores;
    if (scores !== undefined) {
      checkKeyed(scores, 'scores', index, sink, L.scores, finiteOk, (v, path) =>
        checkNumber(v, path, index, sink),
      );
      if (score !== undefined)
        sink.add(index, 'scores', 'DW_CONFLICT', 'give `score` (binary) or `scores` (per class), not both');
    }
    const segments = raw.segments;
    if (segments !== undefined) {
      checkKeyed(segments, 'segments', index, sink, L.segments, segmentOk, (v, path) =>
        checkScalar(v, path, index, sink, L.segmentValueChars, false),
      );
    }
    const latencyMs = raw.latencyMs;
    if (latencyMs !== undefined && checkNumber(latencyMs, 'latencyMs', index, sink) && latencyMs < 0) {
      sink.add(index, 'latencyMs', 'DW_OUT_OF_RANGE', `latencyMs must be >= 0, got ${latencyMs}`);
    }
    const error = raw.error;
    if (error !== undefined && error !== null) {
      if (typeof error !== 'string')
        sink.add(
          index,
          'error',
          'DW_INVALID_TYPE',
          `error: expected a string (error code) or null, got ${jsonTypeOf(error)}`,
        );
      else if (error.length === 0)
        sink.add(index, 'error', 'DW_TOO_SHORT', 'error: use null for no error, not ""');
      else if (error.length > L.errorChars)
        sink.add(
          index,
          'error',
          'DW_TOO_LONG',
          `error: at most ${L.errorChars} characters, got ${error.length}`,
        );
      else if (!isStorableText(error))
        sink.add(
          index,
          'error',
          'DW_INVALID_TEXT',
          'error must not contain U+0000 or unpaired UTF-16 surrogates',
        );
    }
    if (sink.errors.length !== before) continue;
    out.push({
      index,
      id: id as string,
      ts: ts === false ? undefined : ts,
      version: version as string | undefined,
      features: (features as Record<string, Scalar> | undefined) ?? EMPTY,
      prediction: prediction as Scalar | undefined,
      score: score as number | undefined,
      scores: scores as Record<string, number> | undefined,
      segments: segments as Record<string, string | number | boolean> | undefined,
      latencyMs: latencyMs as number | undefined,
      error: error as string | null | undefined,
    });
  }
  return out;
}

const LABEL_KNOWN = new Set<string>(LABEL_FIELDS);
const LABEL_ALLOWED = LABEL_FIELDS.join(', ');

/** Validates label records `{ id, target, timestamp? }`. */
export function validateLabels(items: readonly unknown[], sink: ErrorSink): LabelInput[] {
  const out: LabelInput[] = [];
  for (let index = 0; index < items.length; index++) {
    const raw = items[index];
    const before = sink.errors.length;
    if (!checkShape(raw, index, LABEL_KNOWN, LABEL_ALLOWED, sink)) continue;
    checkId(raw.id, 'id', index, L.idChars, sink);
    const target = raw.target;
    if (target === undefined) sink.add(index, 'target', 'DW_REQUIRED', 'target is required');
    else checkScalar(target, 'target', index, sink, L.stringValueChars, false);
    const ts = checkTimestamp(raw.timestamp, index, sink);
    if (sink.errors.length !== before) continue;
    out.push({
      index,
      id: raw.id as string,
      target: target as number | string | boolean,
      ts: ts === false ? undefined : ts,
    });
  }
  return out;
}

const FEEDBACK_KNOWN = new Set<string>(FEEDBACK_FIELDS);
const FEEDBACK_ALLOWED = FEEDBACK_FIELDS.join(', ');

function checkOptionalText(v: unknown, field: string, index: number, max: number, sink: ErrorSink): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'string')
    sink.add(index, field, 'DW_INVALID_TYPE', `${field}: expected a string or null, got ${jsonTypeOf(v)}`);
  else if (v.length > max)
    sink.add(index, field, 'DW_TOO_LONG', `${field}: at most ${max} characters, got ${v.length}`);
  else if (!isStorableText(v))
    sink.add(
      index,
      field,
      'DW_INVALID_TEXT',
      `${field} must not contain U+0000 or unpaired UTF-16 surrogates`,
    );
}

/** Validates feedback records `{ id?, recordId, kind?, value?, comment?, author?, timestamp? }`. */
export function validateFeedback(items: readonly unknown[], sink: ErrorSink): FeedbackInput[] {
  const out: FeedbackInput[] = [];
  for (let index = 0; index < items.length; index++) {
    const raw = items[index];
    const before = sink.errors.length;
    if (!checkShape(raw, index, FEEDBACK_KNOWN, FEEDBACK_ALLOWED, sink)) continue;
    if (raw.id !== undefined) checkId(raw.id, 'id', index, L.idChars, sink);
    checkId(raw.recordId, 'recordId', index, L.idChars, sink);
    if (raw.kind !== undefined) checkId(raw.kind, 'kind', index, L.kindChars, sink);
    if (raw.value !== undefined) checkScalar(raw.value, 'value', index, sink, L.stringValueChars, true);
    checkOptionalText(raw.comment, 'comment', index, L.commentChars, sink);
    checkOptionalText(raw.author, 'author', index, L.authorChars, sink);
    const ts = checkTimestamp(raw.timestamp, index, sink);
    if (sink.errors.length !== before) continue;
    out.push({
      index,
      id: raw.id as string | undefined,
      recordId: raw.recordId as string,
      kind: raw.kind as string | undefined,
      value: raw.value as Scalar | undefined,
      comment: raw.comment as string | null | undefined,
      author: raw.author as string | null | undefined,
      ts: ts === false ? undefined : ts,
    });
  }
  return out;
}
