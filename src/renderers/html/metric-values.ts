/**
 * Defensive readers for the loosely typed parts of the result (`quality.<side>.metrics`,
 * `quality.segments[].metrics`, `fairness[]` are `Record<string, unknown>` in the schema): the renderer
 * never trusts their shape, so a missing or oddly typed value renders as `—` instead of throwing.
 * Only own properties are read (a class or group named `constructor` or `__proto__` stays data).
 * JSON has no NaN or ±Infinity: writers emit `null` or the strings `"NaN"`, `"Infinity"`, `"-Infinity"`
 * (Clarify's convention); all of them are read back as numbers.
 * @module
 */

/** A plain JSON object. */
export type Rec = Readonly<Record<string, unknown>>;

/** `x` as a plain object, or null. */
export function asRec(x: unknown): Rec | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Rec) : null;
}

/** The own property `key` of `r`, or undefined. */
export function field(r: Rec | null | undefined, key: string): unknown {
  return r !== null && r !== undefined && Object.hasOwn(r, key) ? r[key] : undefined;
}

/** `x` as a number (NaN and ±Infinity included, also from their string spellings), or null. */
export function asNum(x: unknown): number | null {
  if (typeof x === 'number') return x;
  if (x === 'NaN') return Number.NaN;
  if (x === 'Infinity') return Number.POSITIVE_INFINITY;
  if (x === '-Infinity') return Number.NEGATIVE_INFINITY;
  return null;
}

/** The number at `key`, or null when absent or not a number. */
export function num(r: Rec | null | undefined, key: string): number | null {
  return asNum(field(r, key));
}

/** The plain object at `key`, or null. */
export function rec(r: Rec | null | undefined, key: string): Rec | null {
  return asRec(field(r, key));
}

/** The string at `key`, or null. */
export function str(r: Rec | null | undefined, key: string): string | null {
  const v = field(r, key);
  return typeof v === 'string' ? v : null;
}

/** The boolean at `key`, or null. */
export function bool(r: Rec | null | undefined, key: string): boolean | null {
  const v = field(r, key);
  return typeof v === 'boolean' ? v : null;
}

/** The array at `key`, or an empty array. */
export function list(r: Rec | null | undefined, key: string): readonly unknown[] {
  const v = field(r, key);
  return Array.isArray(v) ? v : [];
}

/** The array at `key` as numbers (anything else becomes NaN), or null when it is not an array. */
export function numbers(r: Rec | null | undefined, key: string): number[] | null {
  const v = field(r, key);
  return Array.isArray(v) ? v.map((x) => asNum(x) ?? Number.NaN) : null;
}

/** The array at `key` as strings (numbers and booleans are stringified), or null. */
export function strings(r: Rec | null | undefined, key: string): string[] | null {
  const v = field(r, key);
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x))) : null;
}
