/**
 * `driftwatch report`: compare a reference dataset with a current one and write the JSON/HTML result
 * and a terminal summary. Exit code 1 when `--fail-on` is triggered, 2 on usage or input errors.
 * @module
 */
import { Command, Option } from '@commander-js/extra-typings';
import type { Correction, DriftOptions } from '../core/drift/drift-options.ts';
import { UsageError } from '../core/errors.ts';
import { type CompareOptions, compareTables } from '../core/report/compare-tables.ts';
import type { ReportResult } from '../core/report/result-schema.ts';
import type { ColumnType } from '../core/schema/column-type.ts';
import { readDataset } from '../readers/index.ts';
import { createProgressBar } from '../readers/progress-bar.ts';
import { renderTerminal } from '../renderers/terminal.ts';
import {
  collect,
  parseChoice,
  parseColumnType,
  parseList,
  parseMethod,
  parseNumber,
  parsePairs,
} from './parse-options.ts';
import { writeFileAtomic } from './write-output.ts';

export type FailOn = 'drift' | 'contract' | 'any';

/** Exit code for a finished report under `--fail-on`. */
export function exitCodeFor(result: ReportResult, failOn: FailOn | undefined): 0 | 1 {
  if (!failOn) return 0;
  const drift = result.drift.datasetDrift;
  const contract = (result.contract?.violations.length ?? 0) > 0;
  if (failOn === 'drift') return drift ? 1 : 0;
  if (failOn === 'contract') return contract ? 1 : 0;
  return drift || contract ? 1 : 0;
}

export function reportCommand(): Command {
  return new Command('report')
    .description(
      'Compare a reference dataset with a current one: drift per column and for the dataset, data quality, data contract.',
    )
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
    .option('--json <file>', "write the JSON result ('-' for stdout; the summary then goes to stderr)")
    .option('--html <file>', 'write a self-contained HTML report')
    .addOption(
      new Option('--fail-on <what>', 'exit 1 on dataset drift, contract violations, or either').choices([
        'drift',
        'contract',
        'any',
      ]),
    )
    .option('--quiet', 'no terminal summary')
    .option('--no-color', 'no colours in the terminal summary')
    .action(async (opts) => {
      const methodPairs = parsePairs(opts.columnMethod, '--column-method');
      const thresholdPairs = parsePairs(opts.columnThreshold, '--column-threshold');
      const typePairs = parsePairs(opts.columnType, '--column-type');
      if (opts.bins !== undefined && opts.binning !== 'quantile') {
        throw new UsageError(
          'DW_BAD_OPTION',
          '--bins applies to --binning quantile only (Evidently-compatible sturges binning chooses its own bins)',
        );
      }
      const threshold = (v: string | undefined, flag: string) =>
        v === undefined ? undefined : parseNumber(v, flag);
      const drift: DriftOptions = {
        ...(opts.method ? { method: parseMethod(opts.method, '--method') } : {}),
        ...(opts.numMethod ? { numMethod: parseMethod(opts.numMethod, '--num-method') } : {}),
        ...(opts.catMethod ? { catMethod: parseMethod(opts.catMethod, '--cat-method') } : {}),
        columnMethods: Object.fromEntries(
          methodPairs.map(([c, m]) => [c, parseMethod(m, '--column-method')]),
        ),
        ...defined('threshold', threshold(opts.threshold, '--threshold')),
        ...defined('numThreshold', threshold(opts.numThreshold, '--num-threshold')),
        ...defined('catThreshold', threshold(opts.catThreshold, '--cat-threshold')),
        columnThresholds: Object.fromEntries(
          thresholdPairs.map(([c, t]) => [c, parseNumber(t, '--column-threshold')]),
        ),
        driftShare: parseNumber(opts.driftShare, '--drift-share', { min: 0, max: 1 }),
        correction: parseChoice(opts.correction, '--correction', [
          'none',
          'bonferroni',
          'bh',
        ] as Correction[]),
        binning: parseChoice(opts.binning, '--binning', ['sturges', 'quantile'] as const),
        ...defined(
          'bins',
          opts.bins === undefined
            ? undefined
            : parseNumber(opts.bins, '--bins', { min: 2, max: 1000, integer: true }),
        ),
        seed: parseNumber(opts.seed, '--seed', { integer: true }),
      };
      const columnTypes: Record<string, ColumnType> = Object.fromEntries(
        typePairs.map(([c, t]) => [c, parseColumnType(t, '--column-type')]),
      );
      const format = opts.format as 'csv' | 'parquet' | 'jsonl' | undefined;
      const progress = createProgressBar('reading');
      let ref: Awaited<ReturnType<typeof readDataset>>;
      let cur: Awaited<ReturnType<typeof readDataset>>;
      try {
        const totals = { ref: [0, 0], cur: [0, 0] };
        const update = () =>
          progress.update(totals.ref[0]! + totals.cur[0]!, totals.ref[1]! + totals.cur[1]!);
        [ref, cur] = await Promise.all([
          readDataset(opts.reference, {
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
        ...(contract ? { contract, contractSource: opts.schema! } : {}),
        referenceFiles: ref.files,
        currentFiles: cur.files,
      };
      const result = compareTables(ref, cur, options);

      // Render everything before writing anything, so an error leaves no partial output.
      const json = opts.json ? `${JSON.stringify(result, null, 2)}\n` : undefined;
      let html: string | undefined;
      if (opts.html) {
        const { renderHtml } = await import('../renderers/html/index.ts');
        html = renderHtml(result);
      }
      if (json !== undefined && opts.json !== '-') await writeFileAtomic(opts.json!, json);
      if (html !== undefined) await writeFileAtomic(opts.html!, html);

      const summaryStream = opts.json === '-' ? process.stderr : process.stdout;
      if (!opts.quiet) {
        const color = opts.color !== false && summaryStream.isTTY === true && !process.env.NO_COLOR;
        summaryStream.write(renderTerminal(result, { color }));
      }
      if (json !== undefined && opts.json === '-') process.stdout.write(json);
      process.exitCode = exitCodeFor(result, opts.failOn as FailOn | undefined);
    });
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
