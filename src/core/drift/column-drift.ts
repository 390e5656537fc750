/**
 * Drift verdict of one column: choose the method and threshold, compute, decide.
 * Never throws on bad data: problems become `drifted: null` plus a warning.
 * @module
 */
import { isDriftwatchError } from '../errors.ts';
import type { PreparedColumn } from '../report/prepared-column.ts';
import type { ColumnDrift, ReportWarning } from '../report/result-schema.ts';
import type { ColumnType } from '../schema/column-type.ts';
import { isStringColumn } from '../table/column.ts';
import { chartDistribution } from './chart-distribution.ts';
import { computeMethod } from './compute-method.ts';
import { createDriftInput, type DriftInput, type SideData, unionDistinct } from './drift-input.ts';
import { type DriftOptions, resolveMethod, resolveThreshold } from './drift-options.ts';
import { isDrifted, METHOD_SPECS } from './method-spec.ts';
import { selectDefaultMethod } from './select-method.ts';

function sideData(p: PreparedColumn): SideData {
  const c = p.column;
  if (isStringColumn(c)) return { kind: 'string', codes: c.codes, dictionary: c.dictionary };
  return { kind: 'number', sorted: p.sorted!, rowOrder: c.values, populationStd: p.summary!.populationStd };
}

function untested(column: string, type: ColumnType, input: DriftInput | null): ColumnDrift {
  return {
    column,
    type,
    method: null,
    methodName: null,
    statisticKind: null,
    statistic: null,
    threshold: null,
    operator: null,
    drifted: null,
    exact: true,
    referenceRows: input?.refCount ?? 0,
    currentRows: input?.curCount ?? 0,
    distribution: input ? chartDistribution(input) : null,
  };
}

/**
 * Distinct values of reference ∪ current, NaN excluded (drives the auto-selection, which only
 * distinguishes up to 5 values, so counting stops at 6).
 */
function distinctUnion(input: DriftInput): number {
  if (input.refValues !== null && input.curValues !== null)
    return unionDistinct(input.refValues, input.curValues, 5);
  return input.counts().keys.length;
}

export function columnDrift(
  column: string,
  type: ColumnType,
  reference: PreparedColumn,
  current: PreparedColumn,
  options: DriftOptions,
  warnings: ReportWarning[],
): ColumnDrift {
  if (type !== 'num' && type !== 'cat') {
    const input = createDriftInput('cat', sideData(reference), sideData(current), false);
    warnings.push({
      code: 'DW_TEXT_DRIFT_UNSUPPORTED',
      column,
      message: `column '${column}' is text: it is profiled but not drift-tested (text drift is not implemented yet)`,
    });
    return untested(column, type, input);
  }
  const integer = reference.column.dtype === 'int' && current.column.dtype === 'int';
  const input = createDriftInput(type, sideData(reference), sideData(current), integer);
  if (input.refCount === 0 || input.curCount === 0) {
    const side = input.refCount === 0 ? 'reference' : 'current';
    warnings.push({
      code: 'DW_EMPTY_COLUMN',
      column,
      message: `column '${column}' has no non-missing finite values in the ${side} data: drift not tested`,
    });
    return untested(column, type, input);
  }
  const method =
    resolveMethod(options, column, type) ?? selectDefaultMethod(type, input.refCount, distinctUnion(input));
  const spec = METHOD_SPECS[method];
  const threshold = resolveThreshold(options, column, type, spec.defaultThreshold);
  const base: ColumnDrift = {
    ...untested(column, type, input),
    method,
    methodName: spec.displayName,
    statisticKind: spec.kind,
    threshold,
    operator: spec.operator,
    exact: !spec.approximate,
  };
  if (spec.needs === 'numeric' && (input.refValues === null || input.curValues === null)) {
    warnings.push({
      code: 'DW_METHOD_NOT_APPLICABLE',
      column,
      message: `method '${method}' needs numeric values, but column '${column}' holds strings: use a categorical method (e.g. chisquare, jensenshannon)`,
    });
    return base;
  }
  let statistic: number;
  try {
    statistic = computeMethod(method, input, options);
  } catch (e) {
    warnings.push({
      code: isDriftwatchError(e) ? e.code : 'DW_METHOD_FAILED',
      column,
      message: `method '${method}' failed on column '${column}': ${e instanceof Error ? e.message : String(e)}`,
    });
    return base;
  }
  if (!Number.isFinite(statistic)) {
    warnings.push({
      code: 'DW_STATISTIC_NOT_FINITE',
      column,
      message: `method '${method}' gave a non-finite statistic (${statistic}) on column '${column}': reported as null`,
    });
    return base;
  }
  return { ...base, statistic, drifted: isDrifted(statistic, threshold, spec.operator) };
}
