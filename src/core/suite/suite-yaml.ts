/**
 * Writes a suite as YAML for `driftwatch test --preset … --print-suite`, so users can edit and pin it.
 * One block mapping per test (keys in the order name, metric, condition, threshold, severity; severity
 * always spelled out), thresholds that are lists or objects in flow style, a blank line between tests.
 * The output parses back (`parseSuite(YAML.parse(text))`) to an equal suite.
 * @module
 */
import { Document, isCollection, isMap, isSeq } from 'yaml';
import type { Suite } from './suite-types.ts';

export interface SuiteToYamlOptions {
  /** Comment put before the document, one `# ` line per line. Default `SUITE_YAML_HEADER`; `''` for none. */
  readonly header?: string;
}

/** The default header comment of `suiteToYaml`. */
export const SUITE_YAML_HEADER = [
  'driftwatch test suite. Run it with `driftwatch test --suite <this file> --reference R --current C`.',
  'metric: a path into the JSON result (driftwatch report --json); condition: eq, not_eq, gt, gte, lt,',
  'lte, between, is_in, not_in; threshold: a number, [low, high], a list, { approx: { value, relative,',
  'absolute } } or { reference: <path>, relative, absolute }; severity: critical (fails the run) or warning.',
].join('\n');

export function suiteToYaml(suite: Suite, options: SuiteToYamlOptions = {}): string {
  const header = options.header ?? SUITE_YAML_HEADER;
  const plain = {
    tests: suite.tests.map((t) => ({
      name: t.name,
      metric: t.metric,
      condition: t.condition,
      threshold: t.threshold,
      severity: t.severity,
    })),
  };
  const doc = new Document(plain);
  const tests = doc.get('tests', true);
  if (isSeq(tests)) {
    tests.items.forEach((item, i) => {
      if (!isMap(item)) return;
      if (i > 0) item.spaceBefore = true;
      const threshold = item.get('threshold', true);
      if (isCollection(threshold)) threshold.flow = true;
    });
  }
  // lineWidth 0: never fold long names or paths onto a second line.
  const body = doc.toString({ lineWidth: 0 });
  const comment =
    header === ''
      ? ''
      : header
          .split('\n')
          .map((line) => (line === '' ? '#' : `# ${line}`))
          .join('\n') + '\n';
  return comment + body;
}
