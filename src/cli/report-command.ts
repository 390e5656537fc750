/**
 * `driftwatch report`: compare a reference dataset with a current one and write the JSON/HTML result
 * and a terminal summary. Exit code 1 when `--fail-on` is triggered, 2 on usage or input errors.
 * @module
 */
import { Command, Option } from 'commander';
import { UsageError } from '../core/errors.ts';
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
  push?: string;
  project?: string;
  key?: string;
  tag?: string[];
}

/** Where and how to push: checked before any work, so a typo does not cost a whole report. */
export function pushTarget(opts: {
  push?: string;
  project?: string;
  key?: string;
  tag?: string[];
}): { url: string; project: string; key: string; tags: string[] } | null {
  if (opts.push === undefined) {
    if (opts.project !== undefined || opts.key !== undefined || (opts.tag?.length ?? 0) > 0)
      throw new UsageError('DW_PUSH_USAGE', '--project, --key and --tag only apply with --push URL');
    return null;
  }
  let base: URL;
  try {
    base = new URL(opts.push);
  } catch {
    throw new UsageError(
      'DW_PUSH_USAGE',
      `--push expects the server's URL (http://host:port), got ${JSON.stringify(opts.push)}`,
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new UsageError('DW_PUSH_USAGE', `--push expects an http(s) URL, got ${JSON.stringify(opts.push)}`);
  if (!opts.project) throw new UsageError('DW_PUSH_USAGE', '--push needs --project NAME');
  const key = opts.key ?? process.env.DRIFTWATCH_KEY;
  if (!key)
    throw new UsageError(
      'DW_PUSH_USAGE',
      '--push needs an API key with the ingest scope: --key KEY or DRIFTWATCH_KEY',
    );
  const url = `${opts.push.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(opts.project)}/reports`;
  return { url, project: opts.project, key, tags: [...new Set(opts.tag ?? [])] };
}

/** Sends the result to the server (`POST /v1/projects/{project}/reports`); returns the dashboard URL of the report. */
export async function pushReport(
  result: ReportResult,
  target: { url: string; key: string; tags: string[] },
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(target.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ result, ...(target.tags.length > 0 ? { tags: target.tags } : {}) }),
    });
  } catch (e) {
    throw new UsageError(
      'DW_PUSH_FAILED',
      `Could not reach ${new URL(target.url).origin}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  const text = await res.text();
  if (res.status !== 201) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {}
    throw new UsageError('DW_PUSH_FAILED', `The server refused the report (HTTP ${res.status}): ${message}`);
  }
  const path = (JSON.parse(text) as { url?: string }).url ?? '';
  return new URL(path, target.url).href;
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
    .option(
      '--push <url>',
      'also send the report to a driftwatch server (http://host:port), listed in its dashboard',
    )
    .option('--project <name>', 'with --push: the project to store the report in')
    .option('--key <key>', 'with --push: an API key with the ingest scope (default: $DRIFTWATCH_KEY)')
    .option(
      '--tag <tag>',
      'with --push: a tag for the report (repeatable)',
      (v: string, acc: string[] = []) => [...acc, v],
    )
    .action(async (opts: ReportCliOptions) => {
      const push = pushTarget(opts);
      const result = await runCompare(opts);
      await writeOutputs(result, opts);
      if (push) {
        const url = await pushReport(result, push);
        if (!opts.quiet)
          (opts.json === '-' ? process.stderr : process.stdout).write(`Pushed to ${push.project}: ${url}\n`);
      }
      process.exitCode = exitCodeFor(result, opts.failOn);
    });
}
