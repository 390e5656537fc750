/**
 * Dotted paths into a report's JSON result, as written in a suite's `metric` and `reference`.
 *
 * Syntax (a segment follows a `.`, a bracket follows anything):
 * - `drift.share`, `quality.current.columns.age.missingShare`: object keys. A bare key is any run of
 *   characters other than `.`, `[`, `]` and `"` (spaces are kept: `columns.my col.mean`).
 * - `drift.columns.0.statistic` or `drift.columns[0].statistic`: array elements by index; a negative
 *   index counts from the end (`chunks.-1.drift.share`, `chunks[-1]`).
 * - `quality.current.columns."price.usd".mean` or `columns["price.usd"]`: a key in double quotes (JSON
 *   string syntax, `\"` and `\\` escapes) may contain anything, dots included. A quoted key never indexes
 *   an array.
 * - `drift.columns[column=age].statistic`: the first array element that is an object whose `column`
 *   field equals `age` (compared as text: numbers and booleans by their JSON form, a list of scalars as
 *   its items joined by `,`). Several conditions are ANDed:
 *   `quality.segments[segment=city,value=Paris].metrics.f1`; a two-column segment is
 *   `quality.segments[segment="city,plan",value="Paris,pro"]`. Names and values may be quoted
 *   (`[column="a,b"]`); spaces around them are ignored.
 * - `length` on an array is its number of elements (`contract.violations.length`). On an object it is an
 *   ordinary key.
 * @module
 */
import { closestMatch, listSome } from './closest-match.ts';

export type PathSegment =
  /** A key; `quoted` keys never index arrays nor mean `length`. `text` is the segment as written. */
  | { readonly kind: 'key'; readonly key: string; readonly quoted: boolean; readonly text: string }
  | { readonly kind: 'index'; readonly index: number; readonly text: string }
  | {
      readonly kind: 'select';
      readonly where: readonly { readonly field: string; readonly value: string }[];
      readonly text: string;
    };

export type ParsedPath =
  | { readonly ok: true; readonly segments: readonly PathSegment[] }
  | { readonly ok: false; readonly message: string };

/** Parses a metric path; `message` says what is wrong and where (`at character 7`). */
export function parseMetricPath(path: string): ParsedPath {
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (what: string, at = i): ParsedPath => ({
    ok: false,
    message: `${what} at character ${at + 1} of ${JSON.stringify(path)}`,
  });
  if (path.length === 0) return { ok: false, message: 'the path is empty' };
  let expectSegment = true; // at the start or after a '.'
  while (i < path.length) {
    const c = path[i]!;
    if (c === '[') {
      const start = i;
      const parsed = parseBracket(path, i + 1);
      if ('error' in parsed) return fail(parsed.error, parsed.at);
      i = parsed.end;
      segments.push({ ...parsed.segment, text: path.slice(start, i) } as PathSegment);
      expectSegment = false;
      if (i < path.length && path[i] !== '.' && path[i] !== '[') return fail('expected "." or "[" after "]"');
      if (path[i] === '.') {
        i++;
        expectSegment = true;
        if (i === path.length) return fail('the path ends with "."', i - 1);
      }
      continue;
    }
    if (!expectSegment) return fail(`unexpected "${c}"`);
    if (c === '.') return fail('empty segment ("..", or a leading ".")');
    if (c === ']') return fail('unexpected "]"');
    const start = i;
    let key: string;
    let quoted = false;
    if (c === '"') {
      const end = endOfQuoted(path, i);
      if (end < 0) return fail('unterminated quoted key');
      try {
        key = JSON.parse(path.slice(i, end)) as string;
      } catch {
        return fail('invalid quoted key (JSON string syntax)');
      }
      quoted = true;
      i = end;
    } else {
      while (i < path.length && !'.[]"'.includes(path[i]!)) i++;
      if (path[i] === '"') return fail('a quote inside a key: quote the whole key ("…")');
      if (path[i] === ']') return fail('unexpected "]"');
      key = path.slice(start, i);
    }
    segments.push({ kind: 'key', key, quoted, text: path.slice(start, i) });
    expectSegment = false;
    if (i < path.length && path[i] !== '.' && path[i] !== '[')
      return fail('expected "." or "[" after a quoted key');
    if (path[i] === '.') {
      i++;
      expectSegment = true;
      if (i === path.length) return fail('the path ends with "."', i - 1);
    }
  }
  return { ok: true, segments };
}

type BracketContent =
  | { readonly kind: 'key'; readonly key: string; readonly quoted: true }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'select'; readonly where: readonly { field: string; value: string }[] };

/** Parses what follows a `[`; returns the segment and the offset past `]`, or an error. */
function parseBracket(
  path: string,
  from: number,
): { segment: BracketContent; end: number } | { error: string; at: number } {
  let i = skipSpaces(path, from);
  const close = (segment: BracketContent, at: number) => {
    const j = skipSpaces(path, at);
    if (path[j] !== ']') return { error: 'expected "]"', at: j };
    return { segment, end: j + 1 };
  };
  const index = /^-?\d+/.exec(path.slice(i));
  if (index !== null && path[skipSpaces(path, i + index[0].length)] === ']') {
    return close({ kind: 'index', index: Number(index[0]) }, i + index[0].length);
  }
  if (path[i] === '"') {
    const end = endOfQuoted(path, i);
    if (end < 0) return { error: 'unterminated quoted key', at: i };
    let key: string;
    try {
      key = JSON.parse(path.slice(i, end)) as string;
    } catch {
      return { error: 'invalid quoted key (JSON string syntax)', at: i };
    }
    const j = skipSpaces(path, end);
    if (path[j] === ']') return close({ kind: 'key', key, quoted: true }, end);
    // Otherwise a quoted field name of a selector: fall through with i at the quote.
  }
  const where: { field: string; value: string }[] = [];
  for (;;) {
    const field = readToken(path, i, '=,]');
    if ('error' in field) return field;
    if (field.text === '') return { error: 'expected an index, a quoted key or field=value', at: i };
    i = skipSpaces(path, field.end);
    if (path[i] !== '=') return { error: 'expected "=" in a [field=value] selector', at: i };
    const value = readToken(path, skipSpaces(path, i + 1), ',]');
    if ('error' in value) return value;
    if (value.text === '' && !value.quoted) return { error: 'empty value in selector', at: value.end };
    where.push({ field: field.text, value: value.text });
    i = skipSpaces(path, value.end);
    if (path[i] === ',') {
      i = skipSpaces(path, i + 1);
      continue;
    }
    return close({ kind: 'select', where }, i);
  }
}

/** A quoted token or a bare one up to one of `stops` (trimmed). */
function readToken(
  path: string,
  from: number,
  stops: string,
): { text: string; end: number; quoted: boolean } | { error: string; at: number } {
  const i = skipSpaces(path, from);
  if (path[i] === '"') {
    const end = endOfQuoted(path, i);
    if (end < 0) return { error: 'unterminated quoted text', at: i };
    try {
      return { text: JSON.parse(path.slice(i, end)) as string, end, quoted: true };
    } catch {
      return { error: 'invalid quoted text (JSON string syntax)', at: i };
    }
  }
  let j = i;
  while (j < path.length && !stops.includes(path[j]!)) {
    if (path[j] === '"') return { error: 'a quote inside a selector: quote the whole name or value', at: j };
    j++;
  }
  if (j === path.length) return { error: 'unterminated "["', at: j };
  return { text: path.slice(i, j).trim(), end: j, quoted: false };
}

function skipSpaces(path: string, i: number): number {
  while (path[i] === ' ' || path[i] === '\t') i++;
  return i;
}

/** Offset just past the closing quote of the JSON string starting at `start`, or -1. */
function endOfQuoted(path: string, start: number): number {
  for (let i = start + 1; i < path.length; i++) {
    if (path[i] === '\\') i++;
    else if (path[i] === '"') return i + 1;
  }
  return -1;
}

/** A key as a path segment: bare when it reads back as the same key, else JSON-quoted. */
export function formatPathKey(key: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters force quoting.
  const bare = key !== '' && !/[.[\]"\u0000-\u001f\u007f]/.test(key) && key.trim() === key;
  return bare ? key : JSON.stringify(key);
}

/** A `[field=value]` selector, quoting the value when needed. */
export function formatSelector(field: string, value: string): string {
  const plain = (s: string) =>
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters force quoting.
    s !== '' && !/[=,[\]"\u0000-\u001f\u007f]/.test(s) && s.trim() === s ? s : JSON.stringify(s);
  return `[${plain(field)}=${plain(value)}]`;
}

/** Joins keys into a path: `joinPath('quality', 'current', 'columns', 'a.b')` → `quality.current.columns."a.b"`. */
export function joinPath(...keys: readonly string[]): string {
  return keys.map(formatPathKey).join('.');
}

export type ResolvedPath =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/**
 * Follows `path` into `root`. On failure the message names the missing segment and the deepest prefix
 * that exists, with a suggestion for typos:
 * `no key "agee" in quality.current.columns (did you mean "age"?)`.
 */
export function resolveMetricPath(root: unknown, path: string): ResolvedPath {
  const parsed = parseMetricPath(path);
  if (!parsed.ok) return { ok: false, message: `invalid path: ${parsed.message}` };
  let value: unknown = root;
  let prefix = '';
  for (const segment of parsed.segments) {
    const where = prefix === '' ? 'the result' : prefix;
    const step = stepInto(value, segment, where);
    if (!step.ok) return step;
    value = step.value;
    prefix =
      prefix === '' || segment.text.startsWith('[') ? prefix + segment.text : `${prefix}.${segment.text}`;
  }
  return { ok: true, value };
}

function stepInto(value: unknown, segment: PathSegment, where: string): ResolvedPath {
  if (value === null || typeof value !== 'object') {
    return {
      ok: false,
      message: `${where} is ${describeValue(value)}, so it has no ${describeSegment(segment)}`,
    };
  }
  if (Array.isArray(value)) {
    if (segment.kind === 'index') return element(value, segment.index, where);
    if (segment.kind === 'key' && !segment.quoted) {
      if (segment.key === 'length') return { ok: true, value: value.length };
      if (/^-?\d+$/.test(segment.key)) return element(value, Number(segment.key), where);
    }
    if (segment.kind === 'select') return select(value, segment.where, where);
    return {
      ok: false,
      message: `${where} is a list of ${value.length}, not an object: "${segment.key}" is not an index (use a number, [field=value] or length)`,
    };
  }
  const obj = value as Record<string, unknown>;
  if (segment.kind === 'select') {
    return { ok: false, message: `${where} is an object, not a list: ${segment.text} selects list elements` };
  }
  const key = segment.kind === 'index' ? String(segment.index) : segment.key;
  if (Object.hasOwn(obj, key)) return { ok: true, value: obj[key] };
  const keys = Object.keys(obj);
  const guess = closestMatch(key, keys);
  const hint =
    guess !== undefined
      ? ` (did you mean "${guess}"?)`
      : keys.length === 0
        ? ' (it is empty)'
        : ` (keys: ${listSome(keys)})`;
  return { ok: false, message: `no key "${key}" in ${where}${hint}` };
}

function element(list: readonly unknown[], index: number, where: string): ResolvedPath {
  const i = index < 0 ? list.length + index : index;
  if (i < 0 || i >= list.length) {
    const range = list.length === 0 ? 'it is empty' : `it has ${list.length} (0..${list.length - 1})`;
    return { ok: false, message: `no element ${index} in ${where}: ${range}` };
  }
  return { ok: true, value: list[i] };
}

function select(
  list: readonly unknown[],
  where: readonly { field: string; value: string }[],
  at: string,
): ResolvedPath {
  const found = list.find(
    (item) =>
      item !== null &&
      typeof item === 'object' &&
      !Array.isArray(item) &&
      where.every(({ field, value }) => scalarText((item as Record<string, unknown>)[field]) === value),
  );
  if (found !== undefined) return { ok: true, value: found };
  const wanted = where.map(({ field, value }) => `${field} = ${JSON.stringify(value)}`).join(' and ');
  // Suggest from the values of the first condition's field.
  const first = where[0]!;
  const seen = [
    ...new Set(
      list
        .map((item) =>
          item !== null && typeof item === 'object'
            ? scalarText((item as Record<string, unknown>)[first.field])
            : undefined,
        )
        .filter((v): v is string => v !== undefined),
    ),
  ];
  const guess = closestMatch(first.value, seen);
  const hint =
    seen.length === 0
      ? ` (no element has a field "${first.field}")`
      : guess !== undefined && guess !== first.value
        ? ` (did you mean ${first.field}=${guess}?)`
        : where.length === 1
          ? ` (${first.field}: ${listSome(seen)})`
          : '';
  return { ok: false, message: `no element of ${at} has ${wanted}${hint}` };
}

/** The text a selector compares with: strings as they are, numbers and booleans by their JSON form. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // A list of scalars (a two-column segment such as ["city", "plan"]) reads as its items joined by ",".
  if (Array.isArray(v) && v.length > 0) {
    const items = v.map((x) => (typeof x === 'object' && x !== null ? undefined : scalarText(x)));
    return items.every((x) => x !== undefined) ? items.join(',') : undefined;
  }
  return undefined;
}

function describeSegment(segment: PathSegment): string {
  if (segment.kind === 'index') return `element ${segment.index}`;
  if (segment.kind === 'select') return `elements to select with ${segment.text}`;
  return `key "${segment.key}"`;
}

/** `null`, `a number (3)`, `a string ("ks")`, `a list of 6`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  switch (typeof value) {
    case 'number':
      return Number.isNaN(value) ? 'NaN' : `a number (${value})`;
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
