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

/** The string form of each cell (null when missing), as labels are compared by their text. */
export function labelsOf(column: Column): (string | null)[] {
  if (isStringColumn(column)) return Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c]!));
  return Array.from(column.values, (v) => (Number.isNaN(v) ? null : String(v)));
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
  if (isStringColumn(labelColumn)) {
    const distinct = new Set(labelsOf(labelColumn).filter((l) => l !== null));
    return distinct.size <= 2 ? 'binary' : 'multiclass';
  }
  // Numbers: float → regression; integers → classification by their count of distinct values.
  if (
    labelColumn.dtype === 'float' &&
    !labelsOf(labelColumn).every((l) => l === null || Number.isInteger(Number(l)))
  ) {
    return 'regression';
  }
  const distinct = new Set(labelsOf(labelColumn).filter((l) => l !== null));
  if (distinct.size <= 2) return 'binary';
  return distinct.size <= 20 ? 'multiclass' : 'regression';
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
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
    return Uint32Array.from(out);
  };

  if (task === 'regression') {
    const t = target ? numbersOf(target, 'target') : null;
    const p = prediction ? numbersOf(prediction, 'prediction') : null;
    drop((i) => (t !== null && !Number.isFinite(t[i]!)) || (p !== null && !Number.isFinite(p[i]!)));
    const rows = rowsKept();
    return {
      task,
      target: t ? Float64Array.from(rows, (i) => t[i]!) : null,
      prediction: p ? Float64Array.from(rows, (i) => p[i]!) : null,
      rows,
      droppedRows: n - rows.length,
    };
  }

  if (task === 'ranking') {
    const q = find(table, roles.query, 'query')!;
    const s = numbersOf(find(table, roles.score ?? roles.prediction, 'score')!, 'score');
    const rel = target ? numbersOf(target, 'target') : null;
    const qLabels = labelsOf(q);
    drop(
      (i) => qLabels[i] === null || !Number.isFinite(s[i]!) || (rel !== null && !Number.isFinite(rel[i]!)),
    );
    const rows = rowsKept();
    const ids = new Map<string, number>();
    const queryIds = Int32Array.from(rows, (i) => {
      const key = qLabels[i]!;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    });
    return {
      task,
      queryIds,
      relevance: rel ? Float64Array.from(rows, (i) => rel[i]!) : null,
      score: Float64Array.from(rows, (i) => s[i]!),
      k: roles.k ?? 10,
      rows,
      droppedRows: n - rows.length,
    };
  }

  const tLabels = target ? labelsOf(target) : null;
  const pLabels = prediction ? labelsOf(prediction) : null;

  if (task === 'binary') {
    const scoreCol = find(table, roles.score, 'score');
    const s = scoreCol ? numbersOf(scoreCol, 'score') : null;
    drop(
      (i) =>
        (tLabels !== null && tLabels[i] === null) ||
        (pLabels !== null && pLabels[i] === null) ||
        (s !== null && !Number.isFinite(s[i]!)),
    );
    const rows = rowsKept();
    const seen = sortLabels([...(tLabels ?? []), ...(pLabels ?? [])].filter((l): l is string => l !== null));
    const positive = roles.posLabel ?? defaultPositive(seen);
    if (seen.length > 2) {
      throw new UsageError(
        'DW_NOT_BINARY',
        `a binary task needs at most 2 labels, found ${seen.length}: ${seen.slice(0, 5).join(', ')}`,
      );
    }
    const negative = seen.find((l) => l !== positive) ?? (positive === '1' ? '0' : `not ${positive}`);
    const encode = (labels: (string | null)[]) =>
      Uint8Array.from(rows, (i) => (labels[i] === positive ? 1 : 0));
    return {
      task,
      classes: [negative, positive],
      target: tLabels ? encode(tLabels) : null,
      prediction: pLabels ? encode(pLabels) : null,
      score: s ? Float64Array.from(rows, (i) => s[i]!) : null,
      rows,
      droppedRows: n - rows.length,
    };
  }

  // multiclass
  const scoreNames = roles.scoreColumns ?? [];
  const scoreCols = scoreNames.map((name) => numbersOf(find(table, name, 'score-columns')!, 'score'));
  const fromScores = classesForScoreColumns(scoreNames);
  drop(
    (i) =>
      (tLabels !== null && tLabels[i] === null) ||
      (pLabels !== null && pLabels[i] === null) ||
      scoreCols.some((c) => !Number.isFinite(c[i]!)),
  );
  const rows = rowsKept();
  const classes =
    fromScores.length > 0
      ? fromScores
      : sortLabels([...(tLabels ?? []), ...(pLabels ?? [])].filter((l): l is string => l !== null));
  const index = new Map(classes.map((c, k) => [c, k]));
  const encode = (labels: (string | null)[], role: string) =>
    Int32Array.from(rows, (i) => {
      const k = index.get(labels[i]!);
      if (k === undefined) {
        throw new UsageError(
          'DW_UNKNOWN_CLASS',
          `${role} value '${labels[i]}' is not one of the classes ${classes.join(', ')}`,
        );
      }
      return k;
    });
  return {
    task,
    classes,
    target: tLabels ? encode(tLabels, 'target') : null,
    prediction: pLabels ? encode(pLabels, 'prediction') : null,
    scores: scoreCols.length > 0 ? scoreCols.map((c) => Float64Array.from(rows, (i) => c[i]!)) : null,
    rows,
    droppedRows: n - rows.length,
  };
}

function defaultPositive(sorted: readonly string[]): string {
  for (const candidate of ['1', 'true', 'True', '1.0']) if (sorted.includes(candidate)) return candidate;
  return sorted[sorted.length - 1] ?? '1';
}
