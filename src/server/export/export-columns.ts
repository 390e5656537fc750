/**
 * The columns of a retraining export and the cells of one record, shared by every output format:
 *
 * `id`, `timestamp` (RFC 3339 UTC), `version` (name), one column per feature, `prediction`, `score` (when the model
 * sends a scalar score, or sends no per-class scores) and/or `score_<class>` per class of `scores`,
 * `segment_<name>` per segment, `latency_ms`, `error`, `target`, `label_timestamp` (RFC 3339 UTC; empty without a
 * label).
 *
 * Feature columns come from the model's inferred schema (feature order = first seen); a model without one uses the
 * union of the keys in the exported records. A feature whose name is taken by another column (a feature called
 * `id`, `prediction`, `score_a` next to class `a`, …) is renamed `feature_<name>` (prefixed again while that is
 * another feature's name), so every column name is unique and the fixed columns keep their meaning.
 * @module
 */
import type { ExportKeys, ExportRow } from '../../storage/export-store.ts';
import type { ModelSchema } from '../../storage/models-store.ts';

/** A cell: a JSON scalar (or, for records stored outside the ingest API, any JSON value); null = missing. */
export type ExportCell = string | number | boolean | null | object;

type Source =
  | {
      readonly kind: 'id' | 'timestamp' | 'version' | 'prediction' | 'score' | 'latency' | 'error' | 'target';
    }
  | { readonly kind: 'labelTimestamp' }
  | { readonly kind: 'feature' | 'scoreClass' | 'segment'; readonly key: string };

export interface ExportColumn {
  /** Column name in the output (unique). */
  readonly name: string;
  readonly source: Source;
}

/** The columns of a model's export, from its inferred schema. */
export function keysFromSchema(schema: ModelSchema): ExportKeys {
  return {
    features: Object.keys(schema.features),
    scoreClasses: schema.scoreClasses ?? [],
    segments: schema.segments ?? [],
    hasScore: schema.hasScore ?? false,
  };
}

/** The ordered, uniquely named columns for these keys. */
export function exportColumns(keys: ExportKeys): ExportColumn[] {
  const withScore = keys.hasScore || keys.scoreClasses.length === 0;
  const head: ExportColumn[] = [
    { name: 'id', source: { kind: 'id' } },
    { name: 'timestamp', source: { kind: 'timestamp' } },
    { name: 'version', source: { kind: 'version' } },
  ];
  const tail: ExportColumn[] = [
    { name: 'prediction', source: { kind: 'prediction' } },
    ...(withScore ? [{ name: 'score', source: { kind: 'score' } } as const] : []),
    ...keys.scoreClasses.map(
      (k) => ({ name: `score_${k}`, source: { kind: 'scoreClass', key: k } }) as const,
    ),
    ...keys.segments.map((k) => ({ name: `segment_${k}`, source: { kind: 'segment', key: k } }) as const),
    { name: 'latency_ms', source: { kind: 'latency' } },
    { name: 'error', source: { kind: 'error' } },
    { name: 'target', source: { kind: 'target' } },
    { name: 'label_timestamp', source: { kind: 'labelTimestamp' } },
  ];
  // A feature keeps its own name unless a fixed column has it; a renamed one also avoids every other feature's name.
  const fixed = new Set<string>([...head, ...tail].map((c) => c.name));
  const taken = new Set<string>([...fixed, ...keys.features]);
  const features: ExportColumn[] = [];
  for (const key of keys.features) {
    let name = key;
    if (fixed.has(key)) {
      name = `feature_${key}`;
      while (taken.has(name)) name = `feature_${name}`;
      taken.add(name);
    }
    features.push({ name, source: { kind: 'feature', key } });
  }
  return [...head, ...features, ...tail];
}

function parseJson(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}

function parseObject(json: string | null): Record<string, unknown> | null {
  const v = parseJson(json);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** `o[key]` if it is an own property (so a feature named `constructor` is never `Object`), else null. */
function own(o: Record<string, unknown> | null, key: string): ExportCell {
  if (o === null || !Object.hasOwn(o, key)) return null;
  return (o[key] ?? null) as ExportCell;
}

/** RFC 3339 UTC with milliseconds, as every API reply. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The cells of one record, in `columns` order (JSON columns parsed once per row). `time` renders the `timestamp`
 * and `label_timestamp` cells from epoch ms (default: RFC 3339 UTC text; Parquet keeps the number).
 */
export function rowCells(
  columns: readonly ExportColumn[],
  row: ExportRow,
  time: (ms: number) => ExportCell = isoUtc,
): ExportCell[] {
  const features = parseObject(row.featuresJson);
  const scores = row.scoresJson === null ? null : parseObject(row.scoresJson);
  const segments = row.segmentsJson === null ? null : parseObject(row.segmentsJson);
  const cells = new Array<ExportCell>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const s = columns[i]!.source;
    let v: ExportCell;
    switch (s.kind) {
      case 'id':
        v = row.recordId;
        break;
      case 'timestamp':
        v = time(row.ts);
        break;
      case 'version':
        v = row.versionName;
        break;
      case 'feature':
        v = own(features, s.key);
        break;
      case 'prediction':
        v = parseJson(row.predictionJson) as ExportCell;
        break;
      case 'score':
        v = row.score;
        break;
      case 'scoreClass':
        v = own(scores, s.key);
        break;
      case 'segment':
        v = own(segments, s.key);
        break;
      case 'latency':
        v = row.latencyMs;
        break;
      case 'error':
        v = row.error;
        break;
      case 'target':
        v = parseJson(row.targetJson) as ExportCell;
        break;
      case 'labelTimestamp':
        v = row.labelTs === null || row.targetJson === null ? null : time(row.labelTs);
        break;
    }
    cells[i] = v;
  }
  return cells;
}
