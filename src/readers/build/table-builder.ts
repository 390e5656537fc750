/**
 * Accumulates the columns of one dataset (one file, or all partitions of a glob/directory).
 *
 * Partitions share the builders, so dtype inference runs over the union of all files exactly as
 * if they were one file: a column that is integer in one partition and float in another ends up
 * `float`, anything mixed with strings ends up `string`, and a column absent from a partition has
 * missing cells for that partition's rows (which also makes an integer column `float`, as
 * `pandas.concat` would).
 * @module
 */

import type { Table } from '../../core/table/column.ts';
import { ColumnBuilder, KIND_SKIP } from './column-builder.ts';

export interface TableBuilderOptions {
  /** Keep only these columns (others are skipped while reading). Default: all. */
  readonly columns?: readonly string[];
  /** Read these columns as strings regardless of content (used to recover exact text). */
  readonly forceString?: ReadonlySet<string>;
  /** Initial row capacity. Default 1024; readers raise it from file sizes. */
  readonly capacity?: number;
}

export class TableBuilder {
  /** Rows completed so far. */
  rowCount = 0;
  capacity: number;
  /** Builders in first-seen column order. */
  readonly builders: ColumnBuilder[] = [];
  /** Every column name met, kept or not (for error messages). */
  readonly seenNames = new Set<string>();
  private readonly byName = new Map<string, ColumnBuilder>();
  private readonly projection: ReadonlySet<string> | undefined;
  private readonly forceString: ReadonlySet<string> | undefined;

  constructor(options: TableBuilderOptions = {}) {
    this.capacity = Math.max(16, options.capacity ?? 1024);
    this.projection = options.columns ? new Set(options.columns) : undefined;
    this.forceString = options.forceString;
  }

  /** True if the projection keeps column `name`. */
  wants(name: string): boolean {
    return this.projection === undefined || this.projection.has(name);
  }

  /**
   * The builder of column `name`, created on first sight (missing in every earlier row), or a
   * throw-away skipping builder if the projection drops it.
   */
  column(name: string): ColumnBuilder {
    const known = this.byName.get(name);
    if (known) return known;
    this.seenNames.add(name);
    if (!this.wants(name)) return new ColumnBuilder(name, 0, { skip: true });
    const b = new ColumnBuilder(name, this.capacity, { forceString: this.forceString?.has(name) });
    if (this.rowCount > 0) b.hasMissing = true;
    this.builders.push(b);
    this.byName.set(name, b);
    return b;
  }

  /**
   * Make room for at least `rows` rows in every column: by doubling, or to exactly `rows` when the
   * caller passes an estimate of the final size (`exact`).
   */
  reserve(rows: number, exact = false): void {
    if (rows <= this.capacity) return;
    const capacity = exact ? rows : Math.max(rows, this.capacity * 2);
    for (const b of this.builders) b.reserve(capacity);
    this.capacity = capacity;
  }

  /** Rows `[rowCount, toRow)` are complete: cells no reader wrote become missing. */
  completeRows(toRow: number): void {
    for (const b of this.builders) {
      if (b.kind !== KIND_SKIP && b.lastRow < toRow - 1) b.fillMissing(b.lastRow + 1, toRow);
    }
    this.rowCount = toRow;
  }

  /** Columns whose exact text must be read again (see `ColumnBuilder.textLost`). */
  lostTextColumns(): string[] {
    return this.builders.filter((b) => b.textLost).map((b) => b.name);
  }

  /** The finished table, columns in first-seen order. */
  finish(): Table {
    const rowCount = this.rowCount;
    return Object.freeze({
      columns: Object.freeze(this.builders.map((b) => b.finish(rowCount))),
      rowCount,
    });
  }
}
