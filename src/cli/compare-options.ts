/**
 * The options `driftwatch report` and `driftwatch test` share (inputs, column types, drift methods and
 * thresholds, column roles), and the run they drive: read both datasets, read the contract, compare.
 * @module
 */
import { type Command, Option } from 'commander';
import type { Correction, DriftOptions } from '../core/drift/drift-options.ts';
import { UsageError } from '../core/errors.ts';
import type { DatasetProfile } from '../core/profile/profile-types.ts';
import type { ChunkOptions } from '../core/report/chunk-section.ts';
import { type CompareOptions, compareDrift } from '../core/report/compare-drift.ts';
import type { ColumnRoles, Task } from '../core/report/model-inputs.ts';
import type { ReportResult } from '../core/report/result-schema.ts';
import type { ColumnType } from '../core/schema/column-type.ts';
import { readDataset } from '../readers/index.ts';
import { createProgressBar } from '../readers/progress-bar.ts';
import {
  collect,
  parseChoice,
  parseColumnType,
  parseList,
  parseMethod,
  parseNumber,
  parsePairs,
} from './parse-options.ts';

/** Raw option values as commander hands them over. */
export interface CompareCliOptions {
  reference: string;
  current: string;
  format?: string;
  schema?: string;
  columnType?: string[];
  columns?: string[];
  exclude?: string[];
  method?: string;
  numMethod?: string;
  catMethod?: string;
  columnMethod?: string[];
  threshold?: string;
  numThreshold?: string;
  catThreshold?: string;
  columnThreshold?: string[];
  driftShare: string;
  correction: string;
  binning: string;
  bins?: string;
  seed: string;
  target?: string;
  prediction?: string;
  score?: string;
  scoreColumns?: string[];
  task?: string;
  posLabel?: string;
  segment?: string[];
  sensitive?: string[];
  timestamp?: string;
  id?: string;
  query?: string;
  k?: string;
  chunkSize?: string;
  chunkCount?: string;
  chunkPeriod?: string;
  chunkK?: string;
  chunkThreshold?: string[];
  decisionThreshold?: string;
}

/** Adds the shared options to a command. */
export function addCompareOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--reference <path>', 'reference data: file, glob (quote it) or directory of partitions')
    .requiredOption('--current <path>', 'current data: file, glob or directory')
    .addOption(
      new Option('--format <format>', 'input format when the extension does not tell').choices([
        'csv',
        'parquet',
        'jsonl',
      ]),
    )
    .option('--schema <file>', 'data contract (YAML or JSON) to validate the current data against')
    .option('--column-type <col=type>', 'set a column type: num|cat|text|datetime|id (repeatable)', collect)
    .option('--columns <list>', 'only these columns (comma-separated, repeatable)', collect)
    .option('--exclude <list>', 'leave these columns out (comma-separated, repeatable)', collect)
    .option('--method <id>', 'drift method for all columns (default: Evidently auto-selection)')
    .option('--num-method <id>', 'drift method for numeric columns')
    .option('--cat-method <id>', 'drift method for categorical columns')
    .option('--column-method <col=id>', 'drift method for one column (repeatable)', collect)
    .option('--threshold <t>', 'threshold for all columns (default: the method default)')
    .option('--num-threshold <t>', 'threshold for numeric columns')
    .option('--cat-threshold <t>', 'threshold for categorical columns')
    .option('--column-threshold <col=t>', 'threshold for one column (repeatable)', collect)
    .option('--drift-share <share>', 'dataset drift when the share of drifted columns is >= this', '0.5')
    .addOption(
      new Option('--correction <kind>', 'multiple-testing correction for p-value methods')
        .choices(['none', 'bonferroni', 'bh'])
        .default('none'),
    )
    .addOption(
      new Option('--binning <kind>', 'numeric binning for psi/kl_div/jensenshannon/linf')
        .choices(['sturges', 'quantile'])
        .default('sturges'),
    )
    .option('--bins <n>', 'bin count for --binning quantile (default 10)')
    .option('--seed <n>', 'seed of the permutation tests (TVD, empirical_mmd)', '0')
    .option('--target <col>', 'ground-truth column (model quality)')
    .option('--prediction <col>', 'predicted label or value column')
    .option('--score <col>', 'probability of the positive class (binary)')
    .option(
      '--score-columns <list>',
      'one probability column per class (multiclass; comma-separated)',
      collect,
    )
    .addOption(
      new Option('--task <task>', 'model task (inferred when unambiguous)').choices([
        'binary',
        'multiclass',
        'regression',
        'ranking',
      ]),
    )
    .option('--pos-label <label>', 'positive class of a binary task (default 1/true)')
    .option('--segment <col>', 'break quality down by this column (repeatable)', collect)
    .option('--sensitive <col>', 'protected attribute for fairness (repeatable)', collect)
    .option('--timestamp <col>', 'event-time column')
    .option('--id <col>', 'row identifier column')
    .option('--query <col>', 'ranking: query/group column')
    .option('--k <n>', 'ranking: cut-off k (default 10)')
    .option('--chunk-size <n>', 'split the current data into chunks of n rows')
    .option('--chunk-count <n>', 'split the current data into n chunks')
    .addOption(
      new Option('--chunk-period <period>', 'split by UTC day, ISO week or month of --timestamp').choices([
        '1d',
        '1w',
        '1M',
      ]),
    )
    .option('--chunk-k <k>', 'reference-chunk bands: mean ± k·σ (default 3)')
    .option(
      '--chunk-threshold <metric=low:high>',
      'fixed band for a chunk metric, e.g. rocAuc=0.95: (repeatable)',
      collect,
    )
    .option('--decision-threshold <t>', 'binary: also report the metrics at this score threshold');
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Parses the drift options, with usage errors that name the flag. */
export function driftOptionsFrom(opts: CompareCliOptions): DriftOptions {
  if (opts.bins !== undefined && opts.binning !== 'quantile') {
    throw new UsageError(
      'DW_BAD_OPTION',
      '--bins applies to --binning quantile only (Evidently-compatible sturges binning chooses its own bins)',
    );
  }
  const threshold = (v: string | undefined, flag: string) =>
    v === undefined ? undefined : parseNumber(v, flag);
  return {
    ...(opts.method ? { method: parseMethod(opts.method, '--method') } : {}),
    ...(opts.numMethod ? { numMethod: parseMethod(opts.numMethod, '--num-method') } : {}),
    ...(opts.catMethod ? { catMethod: parseMethod(opts.catMethod, '--cat-method') } : {}),
    columnMethods: Object.fromEntries(
      parsePairs(opts.columnMethod, '--column-method').map(([c, m]) => [
        c,
        parseMethod(m, '--column-method'),
      ]),
    ),
    ...defined('threshold', threshold(opts.threshold, '--threshold')),
    ...defined('numThreshold', threshold(opts.numThreshold, '--num-threshold')),
    ...defined('catThreshold', threshold(opts.catThreshold, '--cat-threshold')),
    columnThresholds: Object.fromEntries(
      parsePairs(opts.columnThreshold, '--column-threshold').map(([c, t]) => [
        c,
        parseNumber(t, '--column-threshold'),
      ]),
    ),
    driftShare: parseNumber(opts.driftShare, '--drift-share', { min: 0, max: 1 }),
    correction: parseChoice(opts.correction, '--correction', ['none', 'bonferroni', 'bh'] as Correction[]),
    binning: parseChoice(opts.binning, '--binning', ['sturges', 'quantile'] as const),
    ...defined(
      'bins',
      opts.bins === undefined
        ? undefined
        : parseNumber(opts.bins, '--bins', { min: 2, max: 1000, integer: true }),
    ),
    seed: parseNumber(opts.seed, '--seed', { integer: true }),
  };
}

/** Parses the column-role options; undefined when no role is given. */
export function rolesFrom(opts: CompareCliOptions): ColumnRoles | undefined {
  const roles: ColumnRoles = {
    ...defined('target', opts.target),
    ...defined('prediction', opts.prediction),
    ...defined('score', opts.score),
    ...defined('scoreColumns', parseList(opts.scoreColumns)),
    ...defined(
      'task',
      opts.task === undefined
        ? undefined
        : parseChoice(opts.task, '--task', ['binary', 'multiclass', 'regression', 'ranking'] as Task[]),
    ),
    ...defined('posLabel', opts.posLabel),
    ...defined('segments', parseList(opts.segment)),
    ...defined('sensitive', parseList(opts.sensitive)),
    ...defined('timestamp', opts.timestamp),
    ...defined('id', opts.id),
    ...defined('query', opts.query),
    ...defined('k', opts.k === undefined ? undefined : parseNumber(opts.k, '--k', { min: 1, integer: true })),
    ...defined(
      'decisionThreshold',
      opts.decisionThreshold === undefined
        ? undefined
        : parseNumber(opts.decisionThreshold, '--decision-threshold'),
    ),
  };
  return Object.keys(roles).length > 0 ? roles : undefined;
}

/** Parses the chunking options; undefined when no chunking is asked for. */
export function chunksFrom(opts: CompareCliOptions): ChunkOptions | undefined {
  const given = [opts.chunkSize, opts.chunkCount, opts.chunkPeriod].filter((v) => v !== undefined);
  if (given.length === 0) return undefined;
  if (given.length > 1) {
    throw new UsageError('DW_BAD_OPTION', 'give one of --chunk-size, --chunk-count, --chunk-period');
  }
  return {
    ...defined(
      'size',
      opts.chunkSize === undefined
        ? undefined
        : parseNumber(opts.chunkSize, '--chunk-size', { min: 1, integer: true }),
    ),
    ...defined(
      'count',
      opts.chunkCount === undefined
        ? undefined
        : parseNumber(opts.chunkCount, '--chunk-count', { min: 1, integer: true }),
    ),
    ...defined('period', opts.chunkPeriod as ChunkOptions['period']),
    ...defined(
      'k',
      opts.chunkK === undefined ? undefined : parseNumber(opts.chunkK, '--chunk-k', { min: 0 }),
    ),
    ...(opts.chunkThreshold ? { thresholds: chunkThresholdsFrom(opts.chunkThreshold) } : {}),
  };
}

/** `metric=low:high` (either side may be empty: an open band) → fixed chunk bands. */
export function chunkThresholdsFrom(
  values: readonly string[],
): Record<string, { lower: number | null; upper: number | null }> {
  return Object.fromEntries(
    parsePairs(values, '--chunk-threshold').map(([metric, band]) => {
      const parts = band.split(':');
      if (parts.length !== 2) {
        throw new UsageError(
          'DW_BAD_OPTION',
          `--chunk-threshold expects metric=low:high (a side may be empty), got '${metric}=${band}'`,
        );
      }
      const side = (v: string) => (v.trim() === '' ? null : parseNumber(v, '--chunk-threshold'));
      return [metric, { lower: side(parts[0]!), upper: side(parts[1]!) }];
    }),
  );
}

/** Reads both datasets (in parallel, with a progress bar on a TTY) and the contract, then compares. */
export async function runCompare(
  opts: CompareCliOptions,
  extra: Partial<CompareOptions> = {},
): Promise<ReportResult> {
  const drift = driftOptionsFrom(opts);
  const columnTypes: Record<string, ColumnType> = Object.fromEntries(
    parsePairs(opts.columnType, '--column-type').map(([c, t]) => [c, parseColumnType(t, '--column-type')]),
  );
  const roles = rolesFrom(opts);
  const format = opts.format as 'csv' | 'parquet' | 'jsonl' | undefined;
  // A `.dwprofile` reference (`driftwatch profile`) is read by its own module, loaded only then.
  const profiles = [opts.reference, opts.current].some((p) => /\.dwprofile$/i.test(p))
    ? await import('./profile-reference.ts')
    : null;
  profiles?.assertNotProfile(opts.current, '--current');
  let profile: DatasetProfile | undefined;
  const progress = createProgressBar('reading');
  let ref: Awaited<ReturnType<typeof readDataset>>;
  let cur: Awaited<ReturnType<typeof readDataset>>;
  try {
    const totals = { ref: [0, 0], cur: [0, 0] };
    const update = () => progress.update(totals.ref[0]! + totals.cur[0]!, totals.ref[1]! + totals.cur[1]!);
    [ref, cur] = await Promise.all([
      profiles?.isProfilePath(opts.reference)
        ? profiles.readProfileReference(opts.reference).then((r) => {
            profile = r.profile;
            return r.dataset;
          })
        : readDataset(opts.reference, {
            ...(format ? { format } : {}),
            prepare: true,
            onProgress: (r, t) => {
              totals.ref = [r, t];
              update();
            },
          }),
      readDataset(opts.current, {
        ...(format ? { format } : {}),
        prepare: true,
        onProgress: (r, t) => {
          totals.cur = [r, t];
          update();
        },
      }),
    ]);
  } finally {
    progress.done();
  }
  // Loaded on demand: the contract reader pulls in yaml + zod (~100 ms of start-up).
  const contract = opts.schema
    ? await (await import('../readers/contract-file.ts')).readContractFile(opts.schema)
    : undefined;
  const options: CompareOptions = {
    ...drift,
    ...(parseList(opts.columns) ? { columns: parseList(opts.columns)! } : {}),
    ...(parseList(opts.exclude) ? { exclude: parseList(opts.exclude)! } : {}),
    columnTypes,
    ...(roles ? { roles } : {}),
    ...(chunksFrom(opts) ? { chunks: chunksFrom(opts)! } : {}),
    ...(contract ? { contract, contractSource: opts.schema! } : {}),
    referenceFiles: ref.files,
    currentFiles: cur.files,
    ...extra,
  };
  // A profile reference: the report says which of its figures are sketched, and with what error bound.
  const finish = (result: ReportResult) =>
    profile ? profiles!.withProfileWarnings(result, profile, opts.reference) : result;
  // Model quality and chunks pull in ~60 more modules (metrics, CBPE, fairness…): loaded only when asked for.
  if (options.roles || options.chunks) {
    const { compareTables } = await import('../core/report/compare-tables.ts');
    return finish(compareTables(ref, cur, options));
  }
  return finish(compareDrift(ref, cur, options).result);
}
