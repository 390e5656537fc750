import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPathKey,
  formatSelector,
  joinPath,
  parseMetricPath,
  resolveMetricPath,
} from '../../../src/core/suite/metric-path.ts';

const RESULT = {
  drift: {
    share: 0.4,
    columns: [
      { column: 'age', statistic: 0.31, drifted: false },
      { column: 'income', statistic: 0.23, drifted: true },
      { column: 'a.b', statistic: 0.9, drifted: false },
      { column: 'x,y]', statistic: 0.8, drifted: null },
    ],
  },
  quality: {
    current: {
      columns: {
        age: { missingShare: 0.002, mean: null },
        'price.usd': { missingShare: 0 },
        'my col': { missingShare: 0.5 },
        '0': { missingShare: 0.25 },
        length: { missingShare: 0.125 },
        'say "hi"': { missingShare: 1 },
      },
      dataset: { constantColumns: ['a', 'b'], emptyColumns: [] },
    },
  },
  segments: [
    { segment: 'city', value: 'Paris', rows: 10, metrics: { f1: 0.5 } },
    { segment: 'city', value: 'Berlin', rows: 20, metrics: { f1: 0.75 } },
    { segment: 'plan', value: true, rows: 30, metrics: { f1: 0.875 } },
    { segment: ['city', 'plan'], value: ['Paris', true], rows: 5, metrics: { f1: 0.25 } },
  ],
};

function value(path: string): unknown {
  const r = resolveMetricPath(RESULT, path);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function error(path: string): string {
  const r = resolveMetricPath(RESULT, path);
  if (r.ok) throw new Error(`expected ${path} to fail, got ${JSON.stringify(r.value)}`);
  return r.message;
}

describe('resolveMetricPath', () => {
  it('follows object keys and array indexes (dot and bracket forms, negative from the end)', () => {
    expect(value('drift.share')).toBe(0.4);
    expect(value('drift.columns.0.statistic')).toBe(0.31);
    expect(value('drift.columns[1].statistic')).toBe(0.23);
    expect(value('drift.columns.-1.column')).toBe('x,y]');
    expect(value('drift.columns[-2].column')).toBe('a.b');
    expect(value('drift.columns[ 0 ].column')).toBe('age');
    expect(value('quality.current.columns.age.mean')).toBeNull();
  });

  it('selects list elements by field (first match; several conditions ANDed; values as text)', () => {
    expect(value('drift.columns[column=income].statistic')).toBe(0.23);
    expect(value('drift.columns[column = income].drifted')).toBe(true);
    expect(value('drift.columns[column="a.b"].statistic')).toBe(0.9);
    expect(value('drift.columns[column="x,y]"].statistic')).toBe(0.8);
    expect(value('drift.columns[drifted=true].column')).toBe('income');
    expect(value('drift.columns[statistic=0.31].column')).toBe('age');
    expect(value('segments[segment=city].value')).toBe('Paris');
    expect(value('segments[segment=city,value=Berlin].metrics.f1')).toBe(0.75);
    expect(value('segments[segment=plan,value=true].rows')).toBe(30);
    expect(value('segments["segment"="city"].rows')).toBe(10);
    expect(value('segments[segment="city,plan",value="Paris,true"].metrics.f1')).toBe(0.25);
  });

  it('reads keys with dots, spaces, quotes and digits; quoted keys never index lists', () => {
    expect(value('quality.current.columns."price.usd".missingShare')).toBe(0);
    expect(value('quality.current.columns["price.usd"].missingShare')).toBe(0);
    expect(value('quality.current.columns.my col.missingShare')).toBe(0.5);
    expect(value('quality.current.columns."say \\"hi\\"".missingShare')).toBe(1);
    expect(value('quality.current.columns.0.missingShare')).toBe(0.25);
    expect(value('quality.current.columns[0].missingShare')).toBe(0.25);
    expect(value('quality.current.columns.length.missingShare')).toBe(0.125);
    expect(error('drift.columns."0"')).toContain('is not an index');
  });

  it('gives the length of lists only', () => {
    expect(value('drift.columns.length')).toBe(4);
    expect(value('quality.current.dataset.constantColumns.length')).toBe(2);
    expect(value('quality.current.dataset.emptyColumns.length')).toBe(0);
  });

  it('names the missing segment, the deepest existing prefix and a suggestion', () => {
    expect(error('quality.current.columns.agee.missingShare')).toBe(
      'no key "agee" in quality.current.columns (did you mean "age"?)',
    );
    expect(error('drift.shares')).toBe('no key "shares" in drift (did you mean "share"?)');
    expect(error('drift.columns[column=agee].statistic')).toBe(
      'no element of drift.columns has column = "agee" (did you mean column=age?)',
    );
    expect(error('drift.columns[column=zzz]')).toBe(
      'no element of drift.columns has column = "zzz" (column: age, income, a.b, x,y])',
    );
    expect(error('drift.columns[name=age]')).toBe(
      'no element of drift.columns has name = "age" (no element has a field "name")',
    );
    expect(error('segments[segment=city,value=Rome]')).toBe(
      'no element of segments has segment = "city" and value = "Rome"',
    );
    expect(error('drift.columns.4')).toBe('no element 4 in drift.columns: it has 4 (0..3)');
    expect(error('quality.current.dataset.emptyColumns[0]')).toBe(
      'no element 0 in quality.current.dataset.emptyColumns: it is empty',
    );
    expect(error('drift.columns.statistic')).toBe(
      'drift.columns is a list of 4, not an object: "statistic" is not an index (use a number, [field=value] or length)',
    );
    expect(error('drift.share.value')).toBe('drift.share is a number (0.4), so it has no key "value"');
    expect(error('quality.current.columns.age.mean.x')).toBe(
      'quality.current.columns.age.mean is null, so it has no key "x"',
    );
    expect(error('drift[column=age]')).toBe(
      'drift is an object, not a list: [column=age] selects list elements',
    );
    expect(error('nothing')).toBe('no key "nothing" in the result (keys: drift, quality, segments)');
    expect(resolveMetricPath({}, 'a').ok).toBe(false);
    expect((resolveMetricPath({}, 'a') as { message: string }).message).toBe(
      'no key "a" in the result (it is empty)',
    );
    expect((resolveMetricPath(null, 'a') as { message: string }).message).toBe(
      'the result is null, so it has no key "a"',
    );
  });

  it('does not read inherited properties', () => {
    expect(error('drift.constructor')).toContain('no key "constructor"');
    expect(error('drift.columns.0.toString')).toContain('no key "toString"');
  });
});

describe('parseMetricPath', () => {
  it.each([
    ['', 'the path is empty'],
    ['.a', 'empty segment ("..", or a leading ".") at character 1 of ".a"'],
    ['a..b', 'empty segment ("..", or a leading ".") at character 3 of "a..b"'],
    ['a.', 'the path ends with "." at character 2 of "a."'],
    ['a[0].', 'the path ends with "." at character 5 of "a[0]."'],
    ['a[0', 'unterminated "[" at character 4 of "a[0"'],
    ['a[]', 'expected an index, a quoted key or field=value at character 3 of "a[]"'],
    ['a[x]', 'expected "=" in a [field=value] selector at character 4 of "a[x]"'],
    ['a[x=]', 'empty value in selector at character 5 of "a[x=]"'],
    ['a[0]b', 'expected "." or "[" after "]" at character 5 of "a[0]b"'],
    ['a"b"', 'a quote inside a key: quote the whole key ("…") at character 2 of "a\\"b\\""'],
    ['"a', 'unterminated quoted key at character 1 of "\\"a"'],
    ['"a"b', 'expected "." or "[" after a quoted key at character 4 of "\\"a\\"b"'],
    ['a]', 'unexpected "]" at character 2 of "a]"'],
    ['"\\q"', 'invalid quoted key (JSON string syntax) at character 1 of "\\"\\\\q\\""'],
  ])('rejects %j: %s', (path, message) => {
    const parsed = parseMetricPath(path);
    expect(parsed).toEqual({ ok: false, message });
  });

  it('keeps each segment as written, for messages', () => {
    const parsed = parseMetricPath('a."b.c"[0][x=1]');
    expect(parsed.ok && parsed.segments.map((s) => s.text)).toEqual(['a', '"b.c"', '[0]', '[x=1]']);
    expect(parsed.ok && parsed.segments.map((s) => s.kind)).toEqual(['key', 'key', 'index', 'select']);
  });

  it('allows an empty quoted selector value', () => {
    expect(resolveMetricPath({ l: [{ v: '' }, { v: 'x' }] }, 'l[v=""].v')).toEqual({ ok: true, value: '' });
  });
});

describe('formatPathKey / joinPath / formatSelector', () => {
  it('quotes keys only when needed', () => {
    expect(joinPath('quality', 'current', 'columns', 'age')).toBe('quality.current.columns.age');
    expect(joinPath('columns', 'price.usd')).toBe('columns."price.usd"');
    expect(joinPath('columns', 'a[0]', ' x', '', 'q"')).toBe('columns."a[0]"." x".""."q\\""');
    expect(formatPathKey('my col')).toBe('my col');
    expect(formatPathKey('tab\there')).toBe('"tab\\there"');
    expect(formatSelector('column', 'age')).toBe('[column=age]');
    expect(formatSelector('column', 'a,b')).toBe('[column="a,b"]');
    expect(formatSelector('column', '')).toBe('[column=""]');
  });

  it('round-trips any key through joinPath and resolveMetricPath (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 4 }), (keys) => {
        let obj: unknown = 42;
        for (const key of [...keys].reverse()) obj = { [key]: obj };
        expect(resolveMetricPath(obj, joinPath(...keys))).toEqual({ ok: true, value: 42 });
      }),
    );
  });

  it('round-trips any selector value (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (v) => {
        const list = [{ k: `${v}x` }, { k: v, hit: true }];
        expect(resolveMetricPath({ list }, `list${formatSelector('k', v)}.hit`)).toEqual({
          ok: true,
          value: true,
        });
      }),
    );
  });
});
