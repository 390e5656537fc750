/**
 * `driftwatch test`: run a declarative test suite (or presets) on the report of a reference/current pair,
 * for CI: exit 1 when a critical test fails, 0 otherwise, 2 on usage or input errors; JUnit XML for
 * GitHub Actions, GitLab and Jenkins.
 * @module
 */
import { styleText } from 'node:util';
import { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import type { ReportResult } from '../core/report/result-schema.ts';
import type { Suite, SuiteResult } from '../core/suite/suite-types.ts';
import { addCompareOptions, type CompareCliOptions, runCompare } from './compare-options.ts';
import { collect, parseList } from './parse-options.ts';
import { writeOutputs } from './report-command.ts';
import { writeFileAtomic } from './write-output.ts';

interface TestCliOptions extends CompareCliOptions {
  suite?: string;
  preset?: string[];
  printSuite?: boolean;
  json?: string;
  junit?: string;
  html?: string;
  quiet?: boolean;
  color: boolean;
}

/** The report result with the test outcomes, as `--json` writes it. */
export type TestRunResult = ReportResult &
  Pick<SuiteResult, 'tests'> & { testSummary: SuiteResult['summary'] };

export function renderTestSummary(outcome: SuiteResult, color: boolean): string {
  const paint = (style: Parameters<typeof styleText>[0], s: string) => (color ? styleText(style, s) : s);
  const mark = {
    pass: paint('green', 'PASS'),
    fail: paint('red', 'FAIL'),
    warning: paint('yellow', 'WARN'),
    error: paint('red', 'ERROR'),
  };
  const lines = outcome.tests.map((t) => `${mark[t.status].padEnd(color ? 14 : 5)} ${t.name} — ${t.message}`);
  const s = outcome.summary;
  lines.push(
    '',
    `${s.ok ? paint(['bold', 'green'], 'tests passed') : paint(['bold', 'red'], 'tests failed')}: ${s.passed} passed, ${s.failed} failed, ${s.warnings} warnings, ${s.errors} errors (${s.total} tests)`,
  );
  return `${lines.join('\n')}\n`;
}

export function testCommand(): Command {
  return addCompareOptions(
    new Command('test').description(
      'Run a test suite (pass/fail conditions on the report) for CI: exit 1 when a critical test fails.',
    ),
  )
    .option('--suite <file>', 'test suite (YAML or JSON)')
    .option(
      '--preset <names>',
      'generate tests: data-drift, data-quality, classification, regression (comma-separated)',
      collect,
    )
    .option('--print-suite', 'print the suite (YAML) and exit, to edit and pin it')
    .option('--json <file>', "write the report with its test results ('-' for stdout)")
    .option('--junit <file>', 'write JUnit XML')
    .option('--html <file>', 'write the HTML report')
    .option('--quiet', 'no terminal summary')
    .option('--no-color', 'no colours in the terminal summary')
    .action(async (opts: TestCliOptions) => {
      const presets = parseList(opts.preset) ?? [];
      if (!opts.suite && presets.length === 0) {
        throw new UsageError(
          'DW_NO_SUITE',
          'give --suite <file> or --preset <names> (data-drift, data-quality, classification, regression)',
        );
      }
      const result = await runCompare(opts);
      const suiteModule = await import('../core/suite/index.ts');
      const suites: Suite[] = [];
      if (opts.suite) suites.push(await (await import('../readers/suite-file.ts')).readSuiteFile(opts.suite));
      if (presets.length > 0) suites.push(suiteModule.presetSuite(presets, result));
      const suite: Suite = { tests: suites.flatMap((s) => s.tests) };
      if (opts.printSuite) {
        process.stdout.write(suiteModule.suiteToYaml(suite));
        return;
      }
      const outcome = suiteModule.evaluateSuite(suite, result);
      const run: TestRunResult = { ...result, tests: outcome.tests, testSummary: outcome.summary };
      const junit = opts.junit
        ? (await import('../renderers/junit.ts')).renderJUnit(outcome, {
            suiteName: 'driftwatch',
            timeSeconds: result.timings.computeMs / 1000,
          })
        : undefined;
      await writeOutputs(run, { ...opts, quiet: true });
      if (junit !== undefined) await writeFileAtomic(opts.junit!, junit);
      if (!opts.quiet) {
        const stream = opts.json === '-' ? process.stderr : process.stdout;
        const color = opts.color !== false && stream.isTTY === true && !process.env.NO_COLOR;
        stream.write(renderTestSummary(outcome, color));
      }
      process.exitCode = outcome.summary.ok ? 0 : 1;
    });
}
