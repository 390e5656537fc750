/**
 * Turns stored records (joined with their labels) into the columnar `Table` the check engine reads: one column per
 * feature, the model columns (`prediction`, `score`, `score_<class>`, `target`) and one per segment key — plus the
 * system-health figures of the same rows (latency, errors, label lag). Fed page by page, so a window of any size
 * is read once without holding its JSON rows in memory.
 *
 * Column kinds follow, in order: the reference table's column (so both sides of a comparison agree), the model's
 * inferred schema, then the first non-null value seen. A value that does not fit its column's kind (a string in
 * a numeric feature) becomes a missing cell and is counted in `mismatchedCells`.
 * @module
 */
import type { Column, Table } from '../core/table/column.ts';
import type { WindowRecordRow } from '../storage/evaluation-store.ts';
import { PREDICTION_COLUMN, SCORE_COLUMN, scoreColumnFor, TARGET_COLUMN } from './record-columns.ts';

export type ColumnKind = 'num' | 'str' | 'bool';

const INITIAL_CAPACITY = 1024;

class GrowingColumn {
  readonly name: string;
  kind: ColumnKind | null;
  values = new Float64Array(0);
  codes = new Int32Array(0);
  readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();
  allInteger = true;
  hasMissing = false;
  mismatched = 0;
  /** Rows written so far (cells after the last written row are missing). */
  filled = 0;

  constructor(name: string, kind: ColumnKind | null, capacity: number) {
    this.name = name;
    this.kind = kind;
    if (kind) this.allocate(capacity);
    if (kind === 'bool') {
      this.code('false');
      this.code('true');
    }
  }

  private allocate(capacity: number): void {
    if (this.kind === 'num') {
      const v = new Float64Array(capacity);
      v.set(this.values.subarray(0, Math.min(this.values.length, capacity)));
      this.values = v;
    } else {
      const c = new Int32Array(capacity);
      c.set(this.codes.subarray(0, Math.min(this.codes.length, capacity)));
      this.codes = c;
    }
  }

  private capacity(): number {
    return this.kind === 'num' ? this.values.length : this.codes.length;
  }

  private code(s: string): number {
    let k = this.index.get(s);
    if (k === undefined) {
      k = this.dictionary.length;
      this.dictionary.push(s);
      this.index.set(s, k);
    }
    return k;
  }

  /** Fills rows [filled, row) with missing cells and makes room for `row`. */
  private advance(row: number): void {
    if (row >= this.capacity()) this.allocate(Math.max(INITIAL_CAPACITY, (row + 1) * 2));
    if (row > this.filled) {
      this.hasMissing = true;
      if (this.kind === 'num') this.values.fill(Number.NaN, this.filled, row);
      else this.codes.fill(-1, this.filled, row);
    }
    this.filled = row + 1;
  }

  set(row: number, value: unknown): void {
    if (value === null || value === undefined) {
      if (this.kind) this.missing(row);
      return;
    }
    if (!this.kind) {
      this.kind = typeof value === 'number' ? 'num' : typeof value === 'boolean' ? 'bool' : 'str';
      this.allocate(Math.max(INITIAL_CAPACITY, (row + 1) * 2));
      if (this.kind === 'bool') {
        this.code('false');
        this.code('true');
      }
      if (row > 0) {
        // Every earlier row of this column was missing.
        this.hasMissing = true;
        if (this.kind === 'num') this.values.fill(Number.NaN, 0, row);
        else this.codes.fill(-1, 0, row);
      }
      this.filled = row;
    }
    this.advance(row);
    switch (this.kind) {
      case 'num':
        if (typeof value === 'number') {
          this.values[row] = value;
          if (!Number.isInteger(value)) this.allInteger = false;
        } else this.mismatch(row);
        return;
      case 'bool':
        if (typeof value === 'boolean') this.codes[row] = value ? 1 : 0;
        else if (value === 'true' || value === 'false') this.codes[row] = value === 'true' ? 1 : 0;
        else this.mismatch(row);
        return;
      case 'str':
        this.codes[row] = this.code(
          typeof value === 'string'
            ? value
            : typeof value === 'number' || typeof value === 'boolean'
              ? String(value)
              : JSON.stringify(value),
        );
        return;
    }
  }

  private missing(row: number): void {
    this.advance(row);
    this.hasMissing = true;
    if (this.kind === 'num') this.values[row] = Number.NaN;
    else this.codes[row] = -1;
  }

  private mismatch(row: number): void {
    this.mismatched++;
    this.missing(row);
  }

  finish(rowCount: number): Column {
    if (!this.kind) {
      // Never a value: all missing, read as float (what pandas does with an all-NaN column).
      return { name: this.name, dtype: 'float', values: new Float64Array(rowCount).fill(Number.NaN) };
    }
    if (this.filled < rowCount) {
      // Rows after the last value written: missing.
      if (rowCount > this.capacity()) this.allocate(rowCount);
      this.hasMissing = true;
      if (this.kind === 'num') this.values.fill(Number.NaN, this.filled, rowCount);
      else this.codes.fill(-1, this.filled, rowCount);
      this.filled = rowCount;
    }
    if (this.kind === 'num') {
      const values = this.values.slice(0, rowCount);
      // Missing cells make a pandas integer column float64; the readers follow that rule, and so do we.
      return { name: this.name, dtype: this.allInteger && !this.hasMissing ? 'int' : 'float', values };
    }
    return {
      name: this.name,
      dtype: this.kind === 'bool' ? 'bool' : 'string',
      codes: this.codes.slice(0, rowCount),
      dictionary: [...this.dictionary],
    };
  }
}

/** The window's rows as a table plus what the health figures need. */
export interface WindowTable {
  readonly table: Table;
  /** Feature columns, in first-seen order. */
  readonly features: readonly string[];
  /** Segment columns (keys of `segments {}`), in first-seen order. */
  readonly segments: readonly string[];
  readonly hasPrediction: boolean;
  readonly hasScore: boolean;
  /** Classes of multiclass `scores {}`, in first-seen order (columns `score_<class>`). */
  readonly scoreClasses: readonly string[];
  /** Rows with a joined label. */
  readonly labelledRows: number;
  readonly mismatchedCells: number;
  /** Latency of the rows that reported one, ms (unsorted). */
  readonly latenciesMs: Float64Array;
  readonly errorRows: number;
  /** Label arrival minus the record's event time, ms, for labelled rows (unsorted). */
  readonly labelLagsMs: Float64Array;
  /** Row count per version id. */
  readonly versions: Readonly<Record<string, number>>;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Kind of each column of a table (the reference), to make both sides agree. */
export function kindsOf(table: Table | null): Map<string, ColumnKind> {
  const out = new Map<string, ColumnKind>();
  for (const c of table?.columns ?? []) {
    out.set(c.name, c.dtype === 'string' ? 'str' : c.dtype === 'bool' ? 'bool' : 'num');
  }
  return out;
}

/** Kind from a model schema dtype (`float`/`int`/`string`/`bool`). */
export function kindOfSchemaType(t: string | undefined): ColumnKind | null {
  if (t === 'float' || t === 'int') return 'num';
  if (t === 'string') return 'str';
  if (t === 'bool') return 'bool';
  return null;
}

export class WindowTableBuilder {
  private rowCount = 0;
  private readonly columns = new Map<string, GrowingColumn>();
  private readonly featureNames: string[] = [];
  private readonly featureSet = new Set<string>();
  private readonly segmentNames: string[] = [];
  private readonly segmentSet = new Set<string>();
  private readonly scoreClassList: string[] = [];
  private readonly scoreClassSet = new Set<string>();
  private hasPrediction = false;
  private hasScore = false;
  private labelled = 0;
  private errors = 0;
  private latencies: number[] = [];
  private lags: number[] = [];
  private readonly versions: Record<string, number> = {};
  private readonly hints: ReadonlyMap<string, ColumnKind>;

  /** @param hints column kind by name (reference table first, then the model schema). */
  constructor(hints: ReadonlyMap<string, ColumnKind> = new Map()) {
    this.hints = hints;
  }

  private column(name: string): GrowingColumn {
    let c = this.columns.get(name);
    if (!c) {
      c = new GrowingColumn(
        name,
        this.hints.get(name) ?? null,
        Math.max(INITIAL_CAPACITY, this.rowCount * 2),
      );
      this.columns.set(name, c);
    }
    return c;
  }

  /** Adds stored rows (in any order). */
  add(rows: readonly WindowRecordRow[]): void {
    for (const r of rows) {
      const row = this.rowCount++;
      this.versions[r.version_id] = (this.versions[r.version_id] ?? 0) + 1;
      const features = parseJson(r.features_json);
      if (isRecord(features)) {
        for (const name in features) {
          if (!this.featureSet.has(name)) {
            this.featureSet.add(name);
            this.featureNames.push(name);
          }
          this.column(name).set(row, features[name]);
        }
      }
      if (r.prediction_json !== null) {
        const p = parseJson(r.prediction_json);
        if (p !== null) {
          this.hasPrediction = true;
          this.column(PREDICTION_COLUMN).set(row, p);
        }
      }
      if (r.score !== null && r.score !== undefined) {
        this.hasScore = true;
        this.column(SCORE_COLUMN).set(row, Number(r.score));
      }
      if (r.scores_json !== null) {
        const scores = parseJson(r.scores_json);
        if (isRecord(scores)) {
          for (const cls in scores) {
            if (!this.scoreClassSet.has(cls)) {
              this.scoreClassSet.add(cls);
              this.scoreClassList.push(cls);
            }
            const v = scores[cls];
            this.column(scoreColumnFor(cls)).set(row, typeof v === 'number' ? v : null);
          }
        }
      }
      if (r.target_json !== null) {
        const t = parseJson(r.target_json);
        if (t !== null) {
          this.labelled++;
          this.column(TARGET_COLUMN).set(row, t);
          if (r.label_received_at !== null)
            this.lags.push(Math.max(0, Number(r.label_received_at) - Number(r.ts)));
        }
      }
      if (r.segments_json !== null) {
        const segments = parseJson(r.segments_json);
        if (isRecord(segments)) {
          for (const name in segments) {
            if (this.featureSet.has(name) && !this.segmentSet.has(name)) continue;
            if (!this.segmentSet.has(name)) {
              this.segmentSet.add(name);
              this.segmentNames.push(name);
            }
            const v = segments[name];
            // Segments are categories: numbers and booleans by their text.
            this.column(name).set(
              row,
              v === null || v === undefined ? null : typeof v === 'string' ? v : String(v),
            );
          }
        }
      }
      if (r.latency_ms !== null && r.latency_ms !== undefined && Number.isFinite(Number(r.latency_ms)))
        this.latencies.push(Number(r.latency_ms));
      if (r.error !== null && r.error !== undefined && r.error !== '') this.errors++;
    }
  }

  get rows(): number {
    return this.rowCount;
  }

  finish(): WindowTable {
    const n = this.rowCount;
    // The target column always exists (all missing without labels) so model quality can name it.
    this.column(TARGET_COLUMN);
    const order = [
      ...this.featureNames.filter((f) => !this.isModel(f)),
      ...(this.hasPrediction ? [PREDICTION_COLUMN] : []),
      ...(this.hasScore ? [SCORE_COLUMN] : []),
      ...this.scoreClassList.map(scoreColumnFor),
      TARGET_COLUMN,
      ...this.segmentNames,
    ];
    const seen = new Set<string>();
    const columns: Column[] = [];
    let mismatched = 0;
    for (const name of order) {
      if (seen.has(name)) continue;
      seen.add(name);
      const c = this.columns.get(name)!;
      mismatched += c.mismatched;
      columns.push(c.finish(n));
    }
    return {
      table: { columns, rowCount: n },
      features: this.featureNames.filter((f) => !this.isModel(f)),
      segments: [...this.segmentNames],
      hasPrediction: this.hasPrediction,
      hasScore: this.hasScore,
      scoreClasses: [...this.scoreClassList],
      labelledRows: this.labelled,
      mismatchedCells: mismatched,
      latenciesMs: Float64Array.from(this.latencies),
      errorRows: this.errors,
      labelLagsMs: Float64Array.from(this.lags),
      versions: { ...this.versions },
    };
  }

  private isModel(name: string): boolean {
    return (
      name === TARGET_COLUMN ||
      (name === PREDICTION_COLUMN && this.hasPrediction) ||
      (name === SCORE_COLUMN && this.hasScore) ||
      this.scoreClassList.some((c) => scoreColumnFor(c) === name)
    );
  }
}
