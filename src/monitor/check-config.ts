/**
 * The check configuration a window is evaluated with: the registry's effective configuration (CLI defaults ←
 * model `config_json` ← version override, `src/server/schemas/registry.ts`) turned into the check engine's options.
 * Stored configurations are validated when written; one that no longer parses is ignored (the defaults apply) and
 * the window's result says so in a warning.
 * @module
 */
import type { DriftOptions } from '../core/drift/drift-options.ts';
import type { ColumnType } from '../core/schema/column-type.ts';
import {
  CheckConfigSchema,
  type EffectiveCheckConfig,
  effectiveCheckConfig,
  instantToMs,
} from '../server/schemas/registry.ts';

/** Which reference to compare with (`reference` of the configuration, instants as epoch ms). */
export type ReferenceChoice =
  | { readonly kind: 'own' }
  | { readonly kind: 'version'; readonly version: string }
  | { readonly kind: 'firstDay' }
  | { readonly kind: 'range'; readonly from: number; readonly to: number };

export interface CheckConfig {
  readonly drift: DriftOptions;
  readonly columnTypes: Readonly<Record<string, ColumnType>>;
  readonly columns?: readonly string[];
  readonly exclude?: readonly string[];
  /** Segment columns (keys of the records' `segments {}`); default none. */
  readonly segments?: readonly string[];
  readonly task?: 'binary' | 'multiclass' | 'regression';
  readonly posLabel?: string;
  readonly decisionThreshold?: number;
  /** Windows evaluated (default both). */
  readonly windows: readonly ('1h' | '1d')[];
  /** Grace after an hourly window ends before it is evaluated, ms. */
  readonly graceMs: number;
  readonly reference: ReferenceChoice;
  /** What was ignored, for the result's warnings. */
  readonly problems: readonly string[];
}

/** The engine options of an effective configuration. */
export function fromEffective(e: EffectiveCheckConfig, problems: string[] = []): CheckConfig {
  const task = e.quality.task;
  if (task === 'ranking')
    problems.push(
      'config `quality.task: ranking` is not supported for windows (records carry no query id): ignored',
    );
  const r = e.reference;
  const reference: ReferenceChoice =
    r.kind === 'range'
      ? { kind: 'range', from: instantToMs(r.from), to: instantToMs(r.to) }
      : r.kind === 'version'
        ? { kind: 'version', version: r.version }
        : r.kind === 'firstDay'
          ? { kind: 'firstDay' }
          : { kind: 'own' };
  return {
    drift: { ...e.drift },
    columnTypes: { ...e.columnTypes },
    ...(e.columns ? { columns: [...e.columns] } : {}),
    ...(e.exclude.length > 0 ? { exclude: [...e.exclude] } : {}),
    segments: [...e.segments],
    ...(task && task !== 'ranking' ? { task } : {}),
    ...(e.quality.posLabel !== undefined ? { posLabel: String(e.quality.posLabel) } : {}),
    ...(e.quality.decisionThreshold !== undefined ? { decisionThreshold: e.quality.decisionThreshold } : {}),
    windows: [...e.windows],
    graceMs: e.graceMinutes * 60_000,
    reference,
    problems,
  };
}

/**
 * The configuration of a window: the model's configuration with the version's override (the evaluated version
 * for a version window; for the all-versions window, the version whose reference applies).
 */
export function checkConfigFor(modelConfig: unknown, versionConfig: unknown, graceMs: number): CheckConfig {
  const problems: string[] = [];
  for (const [level, raw] of [
    ['model', modelConfig],
    ['version', versionConfig],
  ] as const) {
    if (raw === null || raw === undefined) continue;
    const parsed = CheckConfigSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(
        `the ${level} check configuration is not valid (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}): ignored`,
      );
    }
  }
  const config = fromEffective(effectiveCheckConfig(modelConfig, versionConfig, { graceMs }), problems);
  const explicit = [versionConfig, modelConfig]
    .map((c) => CheckConfigSchema.safeParse(c))
    .find((p) => p.success && p.data.graceMinutes !== undefined);
  return explicit ? config : { ...config, graceMs };
}

/**
 * The hourly grace of a model: its configuration's `graceMinutes`, else the server's grace. (Scheduling reads the
 * model's configuration only; a version override of the grace does not move its windows.)
 */
export function modelGraceMs(modelConfig: unknown, graceMs: number): number {
  const parsed = CheckConfigSchema.safeParse(modelConfig);
  const minutes = parsed.success ? parsed.data.graceMinutes : undefined;
  return minutes === undefined ? graceMs : minutes * 60_000;
}
