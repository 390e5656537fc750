/**
 * JUnit XML for `driftwatch test --junit out.xml`, in the shape pytest writes (`<testsuites>` around one
 * `<testsuite>`), which GitHub Actions test reporters, GitLab (`artifacts:reports:junit`) and Jenkins'
 * JUnit plugin all read:
 * - one `<testcase classname name time>` per test; `classname` is `<suiteName>.<first metric segment>`
 *   (`driftwatch.drift`, `driftwatch.quality`), so Jenkins groups tests by result section;
 * - `fail` and critical `error` tests carry a `<failure message type>` (`type` is `fail` or `error`) whose
 *   text lists metric, condition, threshold, actual value, severity and status. The brief counts a
 *   critical error as a failure, so the `errors` attribute stays 0;
 * - warnings (and errors of warning-severity tests) are not failures: their message goes to the test
 *   case's `<system-out>` prefixed `WARNING:` / `ERROR (warning severity):`, and the suite's `<properties>`
 *   count them (`driftwatch.warnings`, `driftwatch.errors`, `driftwatch.ok`);
 * - passed tests have their message (`actual 0.4 < 0.5`) in `<system-out>` too.
 * Everything is escaped for XML 1.0: markup characters as entities, newlines/tabs in attributes as
 * character references, and characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone
 * surrogates, U+FFFE/U+FFFF) written as visible `\uXXXX` text.
 * @module
 */
import type { SuiteResult, TestOutcome } from '../core/suite/suite-types.ts';

export interface JUnitOptions {
  /** `name` of `<testsuites>`/`<testsuite>` and the `classname` prefix. Default `driftwatch`. */
  readonly suiteName?: string;
  /**
   * When the suite ran: a Date is written as ISO 8601 UTC without fraction (`2026-04-12T09:30:00Z`), a
   * string as given. Omitted when not given (keeps the output reproducible).
   */
  readonly timestamp?: Date | string;
  /** The suite's `time` attribute in seconds (e.g. the report's compute time). Default 0. */
  readonly timeSeconds?: number;
}

export function renderJUnit(testsResult: SuiteResult, options: JUnitOptions = {}): string {
  const suiteName = options.suiteName ?? 'driftwatch';
  const time = formatSeconds(options.timeSeconds ?? 0);
  const { tests, summary } = testsResult;
  const failures = tests.filter(isFailure).length;
  const counts = `tests="${tests.length}" failures="${failures}" errors="0" skipped="0" time="${time}"`;
  const timestamp =
    options.timestamp === undefined
      ? ''
      : ` timestamp="${attr(typeof options.timestamp === 'string' ? options.timestamp : isoSeconds(options.timestamp))}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(suiteName)}" ${counts}>`,
    `  <testsuite name="${attr(suiteName)}" ${counts}${timestamp}>`,
    '    <properties>',
    `      <property name="driftwatch.warnings" value="${summary.warnings}"/>`,
    `      <property name="driftwatch.errors" value="${summary.errors}"/>`,
    `      <property name="driftwatch.ok" value="${summary.ok}"/>`,
    '    </properties>',
  ];
  for (const test of tests) lines.push(...testCase(test, suiteName));
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

function isFailure(t: TestOutcome): boolean {
  return t.status === 'fail' || (t.status === 'error' && t.severity === 'critical');
}

function testCase(t: TestOutcome, suiteName: string): string[] {
  const open = `    <testcase classname="${attr(`${suiteName}.${group(t.metric)}`)}" name="${attr(t.name)}" time="0">`;
  if (isFailure(t)) {
    return [
      open,
      `      <failure message="${attr(t.message)}" type="${t.status}">${text(details(t))}</failure>`,
      '    </testcase>',
    ];
  }
  const prefix =
    t.status === 'warning'
      ? 'WARNING: '
      : t.status === 'error'
        ? 'ERROR (warning severity, does not fail the run): '
        : '';
  return [open, `      <system-out>${text(prefix + t.message)}</system-out>`, '    </testcase>'];
}

/** The failure's text: one `key: value` line per field. */
function details(t: TestOutcome): string {
  return [
    t.message,
    `metric: ${t.metric}`,
    `condition: ${t.condition}`,
    `threshold: ${t.threshold === null ? '(not resolved)' : JSON.stringify(t.threshold)}`,
    `actual: ${t.actual === null ? '(none)' : JSON.stringify(t.actual)}`,
    `severity: ${t.severity}`,
    `status: ${t.status}`,
  ].join('\n');
}

/** The first key of a metric path (`drift`, `quality`), reduced to characters safe in a class name. */
function group(metric: string): string {
  const first = /^"((?:[^"\\]|\\.)*)"|^([^.[]*)/.exec(metric);
  const raw = first?.[1] ?? first?.[2] ?? '';
  const safe = raw.replace(/[^A-Za-z0-9_-]/g, '_');
  return safe === '' ? 'result' : safe;
}

function formatSeconds(s: number): string {
  return Number.isFinite(s) && s >= 0 ? String(Number(s.toFixed(3))) : '0';
}

function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** Text content: markup escaped, CR kept as a reference (parsers would turn a raw CR into LF). */
function text(s: string): string {
  return replaceForbidden(s).replace(/[&<>\r]/g, (c) => ESCAPES[c]!);
}

/** Attribute value (double-quoted): also quotes, and tab/LF/CR as references (else normalised to spaces). */
function attr(s: string): string {
  return replaceForbidden(s).replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Characters outside XML 1.0's `Char` production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]) cannot appear in a document even as references; write them as `\uXXXX` text.
 * The `u` flag makes a valid surrogate pair one character, so only lone surrogates match.
 */
function replaceForbidden(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the characters XML forbids is the point.
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
