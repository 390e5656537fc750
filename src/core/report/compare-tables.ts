/**
 * The check engine: compares a reference table with a current one — per-column drift, dataset drift,
 * data quality of both sides, an optional data contract and, with model roles, model quality, segments,
 * fairness, and per-chunk drift, quality and CBPE estimates — and returns the JSON-ready result.
 * Pure: the CLI, the library and (later) the server's window evaluation all call this.
 * @module
 */
import type { Table } from '../table/column.ts';
import { selectTableRows } from '../table/select-table-rows.ts';
import { chunkSection } from './chunk-section.ts';
import { type CompareOptions, compareDrift } from './compare-drift.ts';
import { modelSection } from './model-section.ts';
import type { ReportResult } from './result-schema.ts';

export type { CompareOptions } from './compare-drift.ts';

export function compareTables(reference: Table, current: Table, options: CompareOptions = {}): ReportResult {
  const started = performance.now();
  const { result, context } = compareDrift(reference, current, options);
  const roles = options.roles;
  const hasModel =
    roles && (roles.target || roles.prediction || roles.score || roles.scoreColumns?.length || roles.query);
  if (options.driftOnly || (!hasModel && !options.chunks)) return result;
  const { names, types, profiledReference } = context;
  const warnings = result.warnings;
  const driftOnly = (ref: Table, cur: Table) =>
    compareDrift(ref, cur, {
      ...options,
      driftOnly: true,
      roles: undefined,
      contract: undefined,
      chunks: undefined,
      columns: names,
    }).result;
  const model =
    roles && (roles.target || roles.prediction || roles.score || roles.scoreColumns?.length || roles.query)
      ? modelSection(reference, current, roles, warnings, (refRows, curRows) => {
          if (refRows === null || refRows.length === 0 || curRows.length === 0) return null;
          const sub = driftOnly(selectTableRows(reference, refRows), selectTableRows(current, curRows));
          return sub.drift.share;
        })
      : null;
  const chunked = options.chunks
    ? chunkSection(
        reference,
        current,
        options.chunks,
        roles,
        names.filter((n) => types.get(n) === 'num' && n !== roles?.target && n !== roles?.prediction),
        (chunk) => {
          const sub = driftOnly(profiledReference, chunk);
          return {
            share: sub.drift.share,
            datasetDrift: sub.drift.datasetDrift,
            driftedColumns: sub.drift.columns.filter((c) => c.drifted).map((c) => c.column),
            statistics: Object.fromEntries(sub.drift.columns.map((c) => [c.column, c.statistic])),
          };
        },
        model?.inputs,
        context.currentOrders,
      )
    : null;
  const augmented: ReportResult = {
    ...result,
    quality: {
      reference: { ...result.quality.reference, ...(model ? { metrics: model.reference } : {}) },
      current: { ...result.quality.current, ...(model ? { metrics: model.current } : {}) },
      ...(model ? { task: model.task, segments: [...model.segments] } : {}),
    },
    ...(model && model.fairness.length > 0 ? { fairness: [...model.fairness] } : {}),
    ...(chunked
      ? {
          chunks: chunked.chunks,
          chunkThresholds: chunked.chunkThresholds,
          ...(chunked.referenceCorrelations
            ? { conceptDrift: { reference: chunked.referenceCorrelations } }
            : {}),
          ...(chunked.calibration
            ? { estimation: { method: 'cbpe' as const, calibration: chunked.calibration } }
            : {}),
        }
      : {}),
    warnings,
    timings: { computeMs: 0 },
  };
  augmented.timings.computeMs = performance.now() - started;
  return augmented;
}
