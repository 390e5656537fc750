/**
 * `driftwatch report`: compare a reference dataset with a current one and write the JSON/HTML result
 * and a terminal summary. Exit code 1 when `--fail-on` is triggered, 2 on usage or input errors.
 * @module
 */
import { Command, Option } from 'commander';
import type { ReportResult } from '../core/report/result-schema.ts';
import { renderTerminal } from '../renderers/terminal.ts';
import { addCompareOptions, type CompareCliOptions, runCompare } from './compare-options.ts';
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

interface ReportCliOptions extends CompareCliOptions {
  json?: string;
  html?: string;
  failOn?: FailOn;
  quiet?: boolean;
  color: boolean;
}

/** Renders everything first, then writes, so an error never leaves a half-written output. */
export async function writeOutputs(
  result: ReportResult,
  opts: { json?: string; html?: string; quiet?: boolean; color: boolean },
): Promise<void> {
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
}

export function reportCommand(): Command {
  return addCompareOptions(
    new Command('report').description(
      'Compare a reference dataset with a current one: drift per column and for the dataset, data quality, data contract.',
    ),
  )
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
    .action(async (opts: ReportCliOptions) => {
      const result = await runCompare(opts);
      await writeOutputs(result, opts);
      process.exitCode = exitCodeFor(result, opts.failOn);
    });
}
