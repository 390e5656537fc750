import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { parseSuiteText, readSuiteFile } from '../../src/readers/suite-file.ts';

const DIR = 'test/fixtures/suite';

/** `CODE: message` of the error reading `file` throws. */
async function errorOf(file: string): Promise<string> {
  try {
    await readSuiteFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    return `${err.code}: ${err.message}`;
  }
  throw new Error(`expected reading ${file} to fail`);
}

const EXAMPLE = {
  tests: [
    {
      name: 'few drifted columns',
      metric: 'drift.share',
      condition: 'lt',
      threshold: 0.5,
      severity: 'critical',
    },
    {
      name: 'age has no missing values',
      metric: 'quality.current.columns.age.missingShare',
      condition: 'eq',
      threshold: 0,
      severity: 'warning',
    },
    {
      name: 'F1 no more than 10% below reference',
      metric: 'quality.current.metrics.f1',
      condition: 'gte',
      threshold: { reference: 'quality.reference.metrics.f1', relative: -0.1 },
      severity: 'critical',
    },
  ],
};

describe('readSuiteFile', () => {
  it("reads the issue's example suite as YAML", async () => {
    expect(await readSuiteFile(`${DIR}/example.yaml`)).toEqual(EXAMPLE);
  });

  it('reads the same suite as (tab-indented) JSON', async () => {
    expect(await readSuiteFile(`${DIR}/example.json`)).toEqual(EXAMPLE);
  });

  it('reads block and flow styles with comments', async () => {
    const suite = await readSuiteFile(`${DIR}/all-forms.yml`);
    expect(suite.tests.map((t) => [t.condition, t.threshold, t.severity])).toEqual([
      ['eq', false, 'critical'],
      ['is_in', ['ks', 'psi', 'wasserstein'], 'warning'],
      ['between', [0.05, 1], 'critical'],
      ['not_eq', { approx: { value: 0, absolute: 0.5 } }, 'critical'],
      ['not_in', [10, 20], 'critical'],
      ['eq', { reference: 'quality.reference.columns.income.mean', relative: 0.3 }, 'critical'],
    ]);
  });

  it('DW_SUITE_NOT_FOUND for a missing file or a directory', async () => {
    expect(await errorOf(`${DIR}/nope.yaml`)).toBe(
      'DW_SUITE_NOT_FOUND: suite file test/fixtures/suite/nope.yaml not found',
    );
    expect(await errorOf(`${DIR}/example.yaml/inner`)).toBe(
      'DW_SUITE_NOT_FOUND: suite file test/fixtures/suite/example.yaml/inner not found',
    );
    expect(await errorOf(DIR)).toBe(
      'DW_SUITE_NOT_FOUND: suite file test/fixtures/suite is a directory, expected a YAML or JSON file',
    );
  });

  it('DW_SUITE_INVALID for malformed YAML/JSON, with the position', async () => {
    expect(await errorOf(`${DIR}/malformed.yaml`)).toBe(
      'DW_SUITE_INVALID: test/fixtures/suite/malformed.yaml: not valid YAML/JSON at line 6, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
    expect(await errorOf(`${DIR}/duplicate-key.json`)).toBe(
      'DW_SUITE_INVALID: test/fixtures/suite/duplicate-key.json: not valid YAML/JSON at line 1, column 91: Map keys must be unique',
    );
    expect(await errorOf(`${DIR}/two-documents.yaml`)).toBe(
      'DW_SUITE_INVALID: test/fixtures/suite/two-documents.yaml: holds 2 YAML documents (---); expected one',
    );
  });

  it('DW_SUITE_INVALID for an empty file or a list of tests without "tests:"', async () => {
    expect(await errorOf(`${DIR}/empty.yaml`)).toBe(
      'DW_SUITE_INVALID: test/fixtures/suite/empty.yaml: the suite is empty; expected a mapping with "tests"',
    );
    expect(await errorOf(`${DIR}/not-a-mapping.yaml`)).toBe(
      'DW_SUITE_INVALID: test/fixtures/suite/not-a-mapping.yaml: expected a mapping with "tests", got a list (put the tests under "tests:")',
    );
  });

  it('DW_SUITE_INVALID names every typo, in file order, with a suggestion', async () => {
    expect(await errorOf(`${DIR}/typos.yaml`)).toBe(
      'DW_SUITE_INVALID: test/fixtures/suite/typos.yaml: ' +
        'tests[0].condition: expected one of eq, not_eq, gt, gte, lt, lte, between, is_in, not_in, got "lessthan" (did you mean "lt"?); ' +
        'tests[1]: unknown key "treshold" (did you mean "threshold"?); ' +
        'tests[1].threshold: required; ' +
        'tests[2].severity: expected one of critical, warning, got "warn" (did you mean "warning"?)',
    );
  });

  it('parseSuiteText strips a BOM and reports alias bombs', () => {
    expect(
      parseSuiteText('\uFEFFtests: [{ name: a, metric: b, condition: eq, threshold: 1 }]', 'bom.yaml').tests,
    ).toHaveLength(1);
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 6; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const bomb = lines.join('\n');
    expect(() => parseSuiteText(bomb, 'bomb.yaml')).toThrow(/bomb\.yaml: .*[Aa]lias/);
  });
});
