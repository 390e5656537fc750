/**
 * Input checks of the CBPE entry points (usage errors: the caller drops rows with missing values first).
 * @module
 */
import { assertSelectionInRange, type ChunkSelection } from '../chunks/chunk.ts';
import { UsageError } from '../errors.ts';
import type { CbpeOptions } from './cbpe-types.ts';

export function assertLength(name: string, values: { readonly length: number }, n: number): void {
  if (values.length !== n) {
    throw new UsageError('DW_CBPE_LENGTH_MISMATCH', `${name} has ${values.length} rows, expected ${n}`);
  }
}

export function assertScores(name: string, scores: Float64Array): void {
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i]!)) {
      throw new UsageError(
        'DW_CBPE_BAD_SCORE',
        `${name} has a non-finite value at row ${i}: drop missing scores first`,
      );
    }
  }
}

export function assertBinary(name: string, values: Uint8Array): void {
  for (let i = 0; i < values.length; i++) {
    if (values[i]! > 1) {
      throw new UsageError('DW_CBPE_BAD_LABEL', `${name} must hold 0 or 1, found ${values[i]} at row ${i}`);
    }
  }
}

export function assertClassIndices(name: string, values: Int32Array, k: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0 || v >= k) {
      throw new UsageError(
        'DW_CBPE_BAD_LABEL',
        `${name} must hold class indices 0 … ${k - 1}, found ${v} at row ${i}`,
      );
    }
  }
}

export function assertNonEmpty(n: number): void {
  if (n === 0)
    throw new UsageError('DW_CBPE_EMPTY_REFERENCE', 'CBPE needs a reference with at least one row');
}

export function assertChunks(chunks: readonly ChunkSelection[], n: number): void {
  for (const chunk of chunks) assertSelectionInRange(chunk, n);
}

/** Options with defaults applied. */
export interface ResolvedCbpeOptions {
  readonly calibration: 'auto' | 'always' | 'never';
  readonly k: number;
  readonly samplingErrorMultiplier: number;
  readonly bootstrapSeed: number;
}

export function resolveOptions(options: CbpeOptions): ResolvedCbpeOptions {
  const calibration = options.calibration ?? 'auto';
  if (calibration !== 'auto' && calibration !== 'always' && calibration !== 'never') {
    throw new UsageError(
      'DW_CBPE_BAD_OPTION',
      `calibration must be 'auto', 'always' or 'never', got '${calibration}'`,
    );
  }
  const samplingErrorMultiplier = options.samplingErrorMultiplier ?? 3;
  if (!Number.isFinite(samplingErrorMultiplier) || samplingErrorMultiplier < 0) {
    throw new UsageError('DW_CBPE_BAD_OPTION', `samplingErrorMultiplier must be finite and >= 0`);
  }
  const bootstrapSeed = options.bootstrapSeed ?? 42;
  if (!Number.isInteger(bootstrapSeed) || bootstrapSeed < 0 || bootstrapSeed > 0xffffffff) {
    throw new UsageError('DW_CBPE_BAD_OPTION', `bootstrapSeed must be an integer in [0, 2^32)`);
  }
  return { calibration, k: options.k ?? 3, samplingErrorMultiplier, bootstrapSeed };
}
