/**
 * Turns the role columns of a table (target, prediction, score, score columns, query) into the typed
 * arrays the metric modules take, dropping rows where a needed value is missing (counted, reported).
 * @module
 */
import { UsageError } from '../errors.ts';
import { type Column, isStringColumn, type Table } from '../table/column.ts';

/** Which columns play which part for model quality, segments, fairness and chunks. */
export interface ColumnRoles {
  /** Ground truth. */
  readonly target?: string;
  /** Predicted label (classification) or value (regression). */
  readonly prediction?: string;
  /** Probability of the positive class (binary). */
  readonly score?: string;
  /** One probability column per class (multiclass); each class is its column name minus the prefix all share (see `classesForScoreColumns`). */
  readonly scoreColumns?: readonly string[];
  /** The task; inferred when unambiguous. */
  readonly task?: Task;
  /** The positive class of a binary task. Default: `1`, `true` or the last of the two sorted labels. */
  readonly posLabel?: string;
  /** Columns to break quality down by (repeatable). */
  readonly segments?: readonly string[];
  /** Protected attributes for fairness (repeatable). */
  readonly sensitive?: readonly string[];
  /** Event time, for time-based chunks. */
  readonly timestamp?: string;
  /** Row identifier. */
  readonly id?: string;
  /** Ranking: the query (group) column. */
  readonly query?: string;
  /** Ranking: the cut-off k. Default 10. */
  readonly k?: number;
  /** Binary: also report the metrics at this score threshold (`metrics.atThreshold`). */
  readonly decisionThreshold?: number;
  /** Multiclass: the class list, when already known (chunks and segments reuse the whole data's). */
  readonly classes?: readonly string[];
}

export type Task = 'binary' | 'multiclass' | 'regression' | 'ranking';

/** The role columns as typed arrays, rows with missing values removed. */
export type ModelInputs =
  | {
      readonly task: 'binary';
      readonly classes: readonly [string, string];
      readonly target: Uint8Array | null;
      readonly prediction: Uint8Array | null;
      readonly score: Float64Array | null;
      /** Original row index of each kept row. */
      readonly rows: Uint32Array;
      readonly droppedRows: number;
    }
  | {
      readonly task: 'multiclass';
      readonly classes: readonly string[];
      readonly target: Int32Array | null;
      readonly prediction: Int32Array | null;
      readonly scores: readonly Float64Array[] | null;
      readonly rows: Uint32Array;
      readonly droppedRows: number;
    }
  | {
      readonly task: 'regression';
      readonly target: Float64Array | null;
      readonly prediction: Float64Array | null;
      readonly rows: Uint32Array;
      readonly droppedRows: number;
    }
  | {
      readonly task: 'ranking';
      readonly queryIds: Int32Array;
      readonly relevance: Float64Array | null;
      readonly score: Float64Array;
      readonly k: number;
      readonly rows: Uint32Array;
      readonly droppedRows: number;
    };

function find(table: Table, name: string | undefined, role: string): Column | null {
  if (name === undefined) return null;
  const c = table.columns.find((x) => x.name === name);
  if (!c)
    throw new UsageError('DW_UNKNOWN_COLUMN', `--${role} names column '${name}', which is not in the data`);
  return c;
}

/** Labels as a dictionary: `codes[i]` indexes `labels` (−1 = missing); only labels that occur are listed. */
export interface LabelCodes {
  readonly codes: Int32Array;
  readonly labels: readonly string[];
}

/**
 * Dictionary-encodes a column's cells by their text (labels are compared by their text: 1 and "1" match),
 * without building one string per row.
 */
export function labelCodes(column: Column): LabelCodes {
  const n = isStringColumn(column) ? column.codes.length : column.values.length;
  const codes = new Int32Array(n);
  const labels: string[] = [];
  if (isStringColumn(column)) {
    const remap = new Int32Array(column.dictionary.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const c = column.codes[i]!;
      if (c < 0) {
        codes[i] = -1;
        continue;
      }
      let k = remap[c]!;
      if (k < 0) {
        k = labels.length;
        remap[c] = k;
        labels.push(column.dictionary[c]!);
      }
      codes[i] = k;
    }
    return { codes, labels };
  }
  // Labels are few (classes): the first SMALL distinct values are looked up by a linear scan of a typed array,
  // which is several times faster per row than a Map; a Map takes over beyond that. Both compare as Map keys do
  // (SameValueZero: −0 and +0 are one label).
  const SMALL = 16;
  const small = new Float64Array(SMALL);
  let index: Map<number, number> | null = null;
  const values = column.values;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    let k = -1;
    const m = labels.length < SMALL ? labels.length : SMALL;
    for (let j = 0; j < m; j++) {
      if (small[j] === v) {
        k = j;
        break;
      }
    }
    if (k < 0 && index !== null) k = index.get(v) ?? -1;
    if (k < 0) {
      k = labels.length;
      if (k < SMALL) small[k] = v;
      else (index ??= new Map()).set(v, k);
      labels.push(String(v));
    }
    codes[i] = k;
  }
  return { codes, labels };
}

/** `out[k] = source[rows[k]]` into a new array of the same kind (a plain loop: `TypedArray.from` with a
 * callback is an order of magnitude slower in V8). */
function gather<T extends Float64Array | Int32Array>(source: T, rows: Uint32Array): T {
  if (rows.length === source.length) return source.slice() as T; // every row kept
  const Ctor = source.constructor as new (n: number) => T;
  const out = new Ctor(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = source[rows[k]!]!;
  return out;
}

function numbersOf(column: Column, role: string): Float64Array {
  if (isStringColumn(column)) {
    throw new UsageError('DW_BAD_ROLE_COLUMN', `the ${role} column '${column.name}' must be numeric`);
  }
  return column.values;
}

/** Sorts labels numerically when they all are numbers, else as strings. */
export function sortLabels(labels: Iterable<string>): string[] {
  const list = [...new Set(labels)];
  const numeric = list.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return numeric ? list.sort((a, b) => Number(a) - Number(b)) : list.sort();
}

/** Infers the task from the roles and the target/prediction columns (as Evidently infers it). */
export function inferTask(roles: ColumnRoles, target: Column | null, prediction: Column | null): Task {
  if (roles.task) return roles.task;
  if (roles.query) return 'ranking';
  if (roles.scoreColumns && roles.scoreColumns.length > 0) return 'multiclass';
  if (roles.score) return 'binary';
  const labelColumn = target ?? prediction;
  if (!labelColumn) throw new UsageError('DW_NO_TARGET', 'model quality needs --target or --prediction');
  const distinct = labelCodes(labelColumn).labels.length;
  if (isStringColumn(labelColumn)) return distinct <= 2 ? 'binary' : 'multiclass';
  // Numbers: non-integer values → regression; integers → classification by their count of distinct values.
  if (labelColumn.values.some((v) => Number.isFinite(v) && !Number.isInteger(v))) return 'regression';
  if (distinct <= 2) return 'binary';
  return distinct <= 20 ? 'multiclass' : 'regression';
}

/**
 * The class of a multiclass score column: the column name without a common prefix shared by all score
 * columns (`y_pred_proba_prepaid_card` → `prepaid_card`, NannyML's convention), or the whole name.
 */
export function classesForScoreColumns(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return names.map((n) => n.slice(prefix.length) || n);
}

export function modelInputs(table: Table, roles: ColumnRoles): ModelInputs {
  const target = find(table, roles.target, 'target');
  const prediction = find(table, roles.prediction, 'prediction');
  const task = inferTask(roles, target, prediction);
  const n = table.rowCount;
  const keep = new Uint8Array(n).fill(1);
  const drop = (missing: (i: number) => boolean) => {
    for (let i = 0; i < n; i++) if (missing(i)) keep[i] = 0;
  };
  const rowsKept = () => {
    let m = 0;
    for (let i = 0; i < n; i++) m += keep[i]!;
    const out = new Uint32Array(m);
    if (m === n) for (let i = 0; i < n; i++) out[i] = i;
    else for (let i = 0, k = 0; i < n; i++) if (keep[i]) out[k++] = i;
    return out;
  };

  if (task === 'regression') {
    const t = target ? numbersOf(target, 'target') : null;
    const p = prediction ? numbersOf(prediction, 'prediction') : null;
    drop((i) => (t !== null && !Number.isFinite(t[i]!)) || (p !== null && !Number.isFinite(p[i]!)));
    const rows = rowsKept();
    return {
      task,
      target: t ? gather(t, rows) : null,
      prediction: p ? gather(p, rows) : null,
      rows,
      droppedRows: n - rows.length,
    };
  }

  if (task === 'ranking') {
    const q = find(table, roles.query, 'query')!;
    const s = numbersOf(find(table, roles.score ?? roles.prediction, 'score')!, 'score');
    const rel = target ? numbersOf(target, 'target') : null;
    const q2 = labelCodes(q).codes;
    drop((i) => q2[i]! < 0 || !Number.isFinite(s[i]!) || (rel !== null && !Number.isFinite(rel[i]!)));
    const rows = rowsKept();
    const queryIds = gather(q2, rows);
    return {
      task,
      queryIds,
      relevance: rel ? gather(rel, rows) : null,
      score: gather(s, rows),
      k: roles.k ?? 10,
      rows,
      droppedRows: n - rows.length,
    };
  }

  // A target column without a single label (a window whose ground truth has not arrived yet) is no target: the rows
  // stay for what needs only the model's output (CBPE), instead of all being dropped.
  const tAll = target ? labelCodes(target) : null;
  const t = tAll && tAll.labels.length > 0 ? tAll : null;
  const p = prediction ? labelCodes(prediction) : null;
  const missingLabel = (i: number) => (t !== null && t.codes[i]! < 0) || (p !== null && p.codes[i]! < 0);
  const present = [...(t?.labels ?? []), ...(p?.labels ?? [])];

  if (task === 'binary') {
    const scoreCol = find(table, roles.score, 'score');
    const sc = scoreCol ? numbersOf(scoreCol, 'score') : null;
    // The drop rule of the other tasks, as a plain loop (the 1M-row case is the benchmark's).
    const tc = t?.codes ?? null;
    const pc = p?.codes ?? null;
    for (let i = 0; i < n; i++) {
      if (
        (tc !== null && tc[i]! < 0) ||
        (pc !== null && pc[i]! < 0) ||
        (sc !== null && !Number.isFinite(sc[i]!))
      )
        keep[i] = 0;
    }
    const rows = rowsKept();
    const seen = sortLabels(present);
    const positive = roles.posLabel ?? defaultPositive(seen);
    if (seen.length > 2) {
      throw new UsageError(
        'DW_NOT_BINARY',
        `a binary task needs at most 2 labels, found ${seen.length}: ${seen.slice(0, 5).join(', ')}`,
      );
    }
    const negative = seen.find((l) => l !== positive) ?? (positive === '1' ? '0' : `not ${positive}`);
    const encode = (lc: LabelCodes) => {
      const isPositive = Uint8Array.from(lc.labels, (l) => (l === positive ? 1 : 0));
      const codes = lc.codes;
      const out = new Uint8Array(rows.length);
      if (rows.length === n) for (let k = 0; k < n; k++) out[k] = isPositive[codes[k]!]!;
      else for (let k = 0; k < rows.length; k++) out[k] = isPositive[codes[rows[k]!]!]!;
      return out;
    };
    return {
      task,
      classes: [negative, positive],
      target: t ? encode(t) : null,
      prediction: p ? encode(p) : null,
      score: sc ? gather(sc, rows) : null,
      rows,
      droppedRows: n - rows.length,
    };
  }

  // multiclass
  const scoreNames = roles.scoreColumns ?? [];
  const scoreCols = scoreNames.map((name) => numbersOf(find(table, name, 'score-columns')!, 'score'));
  const fromScores = classesForScoreColumns(scoreNames);
  drop((i) => missingLabel(i) || scoreCols.some((c) => !Number.isFinite(c[i]!)));
  const rows = rowsKept();
  const classes = roles.classes ?? (fromScores.length > 0 ? fromScores : sortLabels(present));
  const index = new Map(classes.map((c, k) => [c, k]));
  const encode = (lc: LabelCodes, role: string) => {
    const byCode = lc.labels.map((l) => index.get(l) ?? -1);
    return Int32Array.from(rows, (i) => {
      const k = byCode[lc.codes[i]!]!;
      if (k < 0) {
        throw new UsageError(
          'DW_UNKNOWN_CLASS',
          `${role} value '${lc.labels[lc.codes[i]!]}' is not one of the classes ${classes.join(', ')}`,
        );
      }
      return k;
    });
  };
  return {
    task,
    classes,
    target: t ? encode(t, 'target') : null,
    prediction: p ? encode(p, 'prediction') : null,
    scores: scoreCols.length > 0 ? scoreCols.map((c) => gather(c, rows)) : null,
    rows,
    droppedRows: n - rows.length,
  };
}

function defaultPositive(sorted: readonly string[]): string {
  for (const candidate of ['1', 'true', 'True', '1.0']) if (sorted.includes(candidate)) return candidate;
  return sorted[sorted.length - 1] ?? '1';
}
