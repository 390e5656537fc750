import { createDriftInput, type DriftInput, type SideData } from '../../src/core/drift/drift-input.ts';

/** Builds a DriftInput from plain arrays (numbers → numeric side, strings → dictionary side). */
export function inputFrom(
  reference: readonly (number | string)[],
  current: readonly (number | string)[],
  type: 'num' | 'cat',
  integer = false,
): DriftInput {
  return createDriftInput(type, side(reference), side(current), integer);
}

function side(values: readonly (number | string)[]): SideData {
  if (values.every((v) => typeof v === 'number')) {
    const rowOrder = Float64Array.from(values as number[]);
    return { kind: 'number', sorted: rowOrder.slice().sort(), rowOrder };
  }
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    const s = String(v);
    let c = index.get(s);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(s);
      index.set(s, c);
    }
    return c;
  });
  return { kind: 'string', codes, dictionary };
}

/** Relative error, with an absolute floor for values near zero. */
export function relErr(actual: number, expected: number): number {
  if (expected === actual) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}
