/**
 * Presets: suites generated from a report result, like Evidently's presets with `include_tests=True`, for
 * `driftwatch test --preset data-drift,classification --print-suite`. Tests read their bounds from the
 * reference side of whatever result they later run on (`{ reference: quality.reference.… }`), so a
 * printed suite keeps working on new data; the result given here only decides which tests exist (which
 * columns, which metrics, where the reference had no missing values) and pins the drift-share threshold.
 * Definitions per preset: `presets/data-drift.ts`, `presets/data-quality.ts`, `presets/model-quality.ts`.
 * @module
 */
import { UsageError } from '../errors.ts';
import { closestMatch } from './closest-match.ts';
import { dataDriftPreset } from './presets/data-drift.ts';
import { dataQualityPreset } from './presets/data-quality.ts';
import { classificationPreset, regressionPreset } from './presets/model-quality.ts';
import type { PresetOptions, ResolvedPresetOptions } from './presets/preset-options.ts';
import { resolvePresetOptions } from './presets/preset-options.ts';
import type { Suite, SuiteTest } from './suite-types.ts';

export const PRESET_NAMES = ['data-drift', 'data-quality', 'classification', 'regression'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const PRESETS: Readonly<
  Record<PresetName, (result: unknown, options: ResolvedPresetOptions) => SuiteTest[]>
> = {
  'data-drift': dataDriftPreset,
  'data-quality': dataQualityPreset,
  classification: classificationPreset,
  regression: regressionPreset,
};

/**
 * The suite of the named presets (in the order given; duplicates and empty names ignored; an entry may
 * itself be a comma-separated list, as `--preset a,b` passes it).
 * @throws UsageError `DW_SUITE_UNKNOWN_PRESET` for an unknown name (with a suggestion) or no name;
 *   `DW_SUITE_PRESET_UNAVAILABLE` when the result lacks what a preset needs (e.g. no model metrics).
 */
export function presetSuite(
  names: readonly string[],
  referenceResult: unknown,
  options: PresetOptions = {},
): Suite {
  const wanted = [
    ...new Set(
      names
        .flatMap((n) => n.split(','))
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    ),
  ];
  if (wanted.length === 0) {
    throw new UsageError('DW_SUITE_UNKNOWN_PRESET', `no preset given; presets: ${PRESET_NAMES.join(', ')}`);
  }
  for (const name of wanted) {
    if (!(PRESET_NAMES as readonly string[]).includes(name)) {
      const guess = closestMatch(name, PRESET_NAMES, 3);
      const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
      throw new UsageError(
        'DW_SUITE_UNKNOWN_PRESET',
        `unknown preset "${name}"${hint}; presets: ${PRESET_NAMES.join(', ')}`,
      );
    }
  }
  const resolved = resolvePresetOptions(options);
  const tests = wanted.flatMap((name) => PRESETS[name as PresetName](referenceResult, resolved));
  return Object.freeze({ tests: Object.freeze(tests.map((t) => Object.freeze(t))) });
}
