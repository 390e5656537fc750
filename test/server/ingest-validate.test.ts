import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseContract } from '../../src/core/schema/contract.ts';
import { INGEST_LIMITS, parseRfc3339, timestampToMs } from '../../src/server/ingest/limits.ts';
import { applyModelSchema, mergeSchemas } from '../../src/server/ingest/model-schema.ts';
import { compileRecordContract } from '../../src/server/ingest/record-contract.ts';
import {
  FeedbackRecordSchema,
  LabelRecordSchema,
  PredictionRecordSchema,
} from '../../src/server/ingest/record-schemas.ts';
import {
  ErrorSink,
  validateFeedback,
  validateLabels,
  validatePredictions,
} from '../../src/server/ingest/validate-records.ts';

function one(record: unknown) {
  const sink = new ErrorSink();
  const ok = validatePredictions([record], sink);
  return { ok, errors: sink.errors };
}

describe('RFC 3339 timestamps', () => {
  it('parses offsets, fractions and Z; rejects dates without time or offset', () => {
    expect(parseRfc3339('2024-05-01T12:00:00Z')).toBe(Date.UTC(2024, 4, 1, 12));
    expect(parseRfc3339('2024-05-01T14:00:00+02:00')).toBe(Date.UTC(2024, 4, 1, 12));
    expect(parseRfc3339('2024-05-01t11:30:00.123456789-00:30')).toBe(Date.UTC(2024, 4, 1, 12, 0, 0, 123));
    expect(parseRfc3339('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    for (const bad of [
      '2024-05-01',
      '2024-05-01T12:00:00',
      '2023-02-29T00:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T23:59:60Z',
      '2024-05-01T12:00:00+0200',
      ' 2024-05-01T12:00:00Z',
      'yesterday',
    ]) {
      expect(parseRfc3339(bad), bad).toBeNaN();
    }
  });

  it('accepts epoch ms from 1970 to 9999 (fractions truncated)', () => {
    expect(timestampToMs(1714564800000.9)).toBe(1714564800000);
    expect(timestampToMs(0)).toBe(0);
    expect(timestampToMs(-1)).toBeNaN();
    expect(timestampToMs(INGEST_LIMITS.maxTimestampMs + 1)).toBeNaN();
    expect(timestampToMs(Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe('validatePredictions', () => {
  it('accepts a full record', () => {
    const { ok, errors } = one({
      id: 'r1',
      timestamp: '2024-05-01T12:00:00Z',
      version: 'production',
      features: { age: 42, country: 'DE', vip: true, income: null },
      prediction: 1,
      score: 0.9,
      segments: { region: 'eu' },
      latencyMs: 12.5,
      error: null,
    });
    expect(errors).toEqual([]);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.ts).toBe(Date.UTC(2024, 4, 1, 12));
  });

  it('names the field of every error', () => {
    const cases: [unknown, string, string][] = [
      [{}, 'id', 'DW_REQUIRED'],
      [{ id: 5 }, 'id', 'DW_INVALID_TYPE'],
      [{ id: '' }, 'id', 'DW_TOO_SHORT'],
      [{ id: 'x'.repeat(257) }, 'id', 'DW_TOO_LONG'],
      [{ id: 'a', timestamp: 'soon' }, 'timestamp', 'DW_INVALID_TIMESTAMP'],
      [{ id: 'a', timestamp: true }, 'timestamp', 'DW_INVALID_TYPE'],
      [{ id: 'a', features: [] }, 'features', 'DW_INVALID_TYPE'],
      [{ id: 'a', features: { x: { y: 1 } } }, 'features.x', 'DW_NESTED_VALUE'],
      [{ id: 'a', features: { 'my col': [1] } }, 'features["my col"]', 'DW_NESTED_VALUE'],
      [{ id: 'a', features: { x: Number.POSITIVE_INFINITY } }, 'features.x', 'DW_NOT_FINITE'],
      [{ id: 'a', features: { x: 'y'.repeat(4097) } }, 'features.x', 'DW_TOO_LONG'],
      [{ id: 'a', features: { '': 1 } }, 'features[""]', 'DW_TOO_SHORT'],
      [{ id: 'a', prediction: {} }, 'prediction', 'DW_NESTED_VALUE'],
      [{ id: 'a', score: '0.5' }, 'score', 'DW_INVALID_TYPE'],
      [{ id: 'a', score: Number.NaN }, 'score', 'DW_NOT_FINITE'],
      [{ id: 'a', scores: { a: 'x' } }, 'scores.a', 'DW_INVALID_TYPE'],
      [{ id: 'a', score: 1, scores: { a: 1 } }, 'scores', 'DW_CONFLICT'],
      [{ id: 'a', segments: { r: null } }, 'segments.r', 'DW_INVALID_TYPE'],
      [{ id: 'a', latencyMs: -1 }, 'latencyMs', 'DW_OUT_OF_RANGE'],
      [{ id: 'a', error: 500 }, 'error', 'DW_INVALID_TYPE'],
      [{ id: 'a', error: '' }, 'error', 'DW_TOO_SHORT'],
      [{ id: 'a', version: '' }, 'version', 'DW_TOO_SHORT'],
      [{ id: 'a\u0000b' }, 'id', 'DW_INVALID_TEXT'],
      [{ id: 'a\ud800' }, 'id', 'DW_INVALID_TEXT'],
      [{ id: 'a', error: 'E\u0000' }, 'error', 'DW_INVALID_TEXT'],
      [{ id: 'a', featurez: {} }, 'featurez', 'DW_UNKNOWN_FIELD'],
      [5, 'record', 'DW_INVALID_TYPE'],
      [null, 'record', 'DW_INVALID_TYPE'],
    ];
    for (const [record, field, code] of cases) {
      const { ok, errors } = one(record);
      expect(ok, JSON.stringify(record)).toHaveLength(0);
      expect(errors[0], JSON.stringify(record)).toMatchObject({ index: 0, field, code });
      expect(errors[0]!.message.length).toBeGreaterThan(5);
    }
  });

  it('counts ids in code points: 256 emoji are fine, 257 are not', () => {
    expect(one({ id: '😀'.repeat(256) }).ok).toHaveLength(1);
    expect(one({ id: '😀'.repeat(257) }).errors[0]!.code).toBe('DW_TOO_LONG');
  });

  it('says which unknown field, and lists the allowed ones', () => {
    const { errors } = one({ id: 'a', colour: 1 });
    expect(errors[0]!.message).toContain('"colour"');
    expect(errors[0]!.message).toContain('features');
  });

  it('a __proto__ key is an unknown field (and a nested feature), never a prototype change', () => {
    const rec = JSON.parse('{"id":"a","__proto__":{"x":1},"features":{"__proto__":{"y":1}}}');
    const { errors } = one(rec);
    expect(errors.map((e) => e.field).sort()).toEqual(['__proto__', 'features.__proto__']);
  });

  it('too many features', () => {
    const features = Object.fromEntries(
      Array.from({ length: INGEST_LIMITS.features + 1 }, (_, i) => [`f${i}`, i]),
    );
    expect(one({ id: 'a', features }).errors[0]).toMatchObject({ field: 'features', code: 'DW_TOO_MANY' });
  });
});

describe('validateLabels / validateFeedback', () => {
  it('labels need id and a scalar target', () => {
    const sink = new ErrorSink([3, 4, 5, 6]);
    const ok = validateLabels(
      [{ id: 'a', target: 1 }, { id: 'b' }, { id: 'c', target: null }, { id: 'd', target: 'x', extra: 1 }],
      sink,
    );
    expect(ok.map((l) => l.id)).toEqual(['a']);
    expect(sink.errors).toEqual([
      expect.objectContaining({ index: 1, line: 4, field: 'target', code: 'DW_REQUIRED' }),
      expect.objectContaining({ index: 2, line: 5, field: 'target', code: 'DW_INVALID_TYPE' }),
      expect.objectContaining({ index: 3, line: 6, field: 'extra', code: 'DW_UNKNOWN_FIELD' }),
    ]);
  });

  it('feedback needs recordId; comment and author are text', () => {
    const sink = new ErrorSink();
    const ok = validateFeedback(
      [
        { recordId: 'a', kind: 'correction', value: 1, comment: 'wrong', author: 'ann' },
        { id: 'f', comment: 'x' },
        { recordId: 'b', comment: 5 },
        { recordId: 'b', comment: 'c'.repeat(10_001) },
      ],
      sink,
    );
    expect(ok).toHaveLength(1);
    expect(sink.errors.map((e) => [e.index, e.field, e.code])).toEqual([
      [1, 'recordId', 'DW_REQUIRED'],
      [2, 'comment', 'DW_INVALID_TYPE'],
      [3, 'comment', 'DW_TOO_LONG'],
    ]);
  });
});

describe('the hand-written validator agrees with the zod schemas (OpenAPI)', () => {
  const scalar = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.string({ maxLength: 5 }),
    fc.constantFrom('x'.repeat(4096), 'x'.repeat(4097), 'ok'),
    fc.boolean(),
    fc.constant(null),
    fc.constant({ nested: 1 }),
    fc.constant([1]),
  );
  const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('', 'k'.repeat(257), '__proto__x'));
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const timestamp = fc.oneof(
    fc.constantFrom('2024-05-01T12:00:00Z', '2024-05-01', 'x', '2024-05-01T12:00:00.5+01:00'),
    fc.integer({ min: -5, max: 2 ** 50 }),
    fc.double(),
    fc.boolean(),
  );
  const id = fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.constantFrom('', 'i'.repeat(256), 'i'.repeat(257), 'nul\u0000', '\ud800', '\ud83d\ude00'),
    fc.integer(),
  );
  const withoutUndefined = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

  it('predictions', () => {
    const record = fc
      .record({
        id: maybe(id),
        timestamp: maybe(timestamp),
        version: maybe(fc.oneof(fc.string({ maxLength: 3 }), fc.constant('v'.repeat(129)))),
        features: maybe(
          fc.oneof(fc.dictionary(key, scalar, { maxKeys: 4 }), fc.constant([]), fc.constant(3)),
        ),
        prediction: maybe(scalar),
        score: maybe(fc.oneof(fc.double(), fc.string())),
        scores: maybe(fc.dictionary(key, fc.oneof(fc.double(), fc.string()), { maxKeys: 3 })),
        segments: maybe(fc.dictionary(key, scalar, { maxKeys: 3 })),
        latencyMs: maybe(fc.double()),
        error: maybe(
          fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.integer(), fc.constant('\u0000')),
        ),
        unknown: maybe(fc.integer()),
      })
      .map(withoutUndefined);
    fc.assert(
      fc.property(record, (r) => {
        const zodOk = PredictionRecordSchema.safeParse(r).success;
        const mine = one(r);
        expect(mine.ok.length === 1, JSON.stringify(r)).toBe(zodOk);
        if (!zodOk) expect(mine.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('labels and feedback', () => {
    const label = fc
      .record({ id: maybe(id), target: maybe(scalar), timestamp: maybe(timestamp), x: maybe(fc.integer()) })
      .map(withoutUndefined);
    const feedback = fc
      .record({
        id: maybe(id),
        recordId: maybe(id),
        kind: maybe(fc.oneof(fc.string({ maxLength: 3 }), fc.constant('k'.repeat(65)))),
        value: maybe(scalar),
        comment: maybe(fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.integer())),
        author: maybe(fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.constant('a'.repeat(257)))),
        timestamp: maybe(timestamp),
      })
      .map(withoutUndefined);
    fc.assert(
      fc.property(label, feedback, (l, f) => {
        const s1 = new ErrorSink();
        expect(validateLabels([l], s1).length === 1, JSON.stringify(l)).toBe(
          LabelRecordSchema.safeParse(l).success,
        );
        const s2 = new ErrorSink();
        expect(validateFeedback([f], s2).length === 1, JSON.stringify(f)).toBe(
          FeedbackRecordSchema.safeParse(f).success,
        );
      }),
      { numRuns: 800 },
    );
  });
});

describe('model schema inference', () => {
  const recs = (features: Record<string, unknown>[]) => {
    const sink = new ErrorSink();
    return validatePredictions(
      features.map((f, i) => ({ id: String(i), features: f, prediction: i % 2 === 0 ? 1 : 0 })),
      sink,
    );
  };

  it('infers types from the first batch; ints widen to float; null is missing', () => {
    const sink = new ErrorSink();
    const { accepted, schema } = applyModelSchema(
      null,
      recs([
        { a: 1, b: 'x', c: true, d: null },
        { a: 2.5, b: 'y', c: false, d: 3 },
      ]),
      sink,
    );
    expect(sink.errors).toEqual([]);
    expect(accepted).toHaveLength(2);
    expect(schema).toEqual({
      features: { a: 'float', b: 'string', c: 'bool', d: 'int' },
      prediction: 'int',
      hasScore: false,
    });
  });

  it('a type mismatch is a per-record error naming the feature; the rest is accepted', () => {
    const sink = new ErrorSink();
    const base = { features: { a: 'float', b: 'string' } as const, hasScore: false };
    const { accepted, schema } = applyModelSchema(
      base,
      recs([{ a: 'oops' }, { a: 1, b: 'ok', n: 5 }, { b: 7 }]),
      sink,
    );
    expect(accepted.map((r) => r.id)).toEqual(['1']);
    expect(sink.errors.map((e) => [e.index, e.field, e.code])).toEqual([
      [0, 'features.a', 'DW_SCHEMA_MISMATCH'],
      [2, 'features.b', 'DW_SCHEMA_MISMATCH'],
    ]);
    expect(schema?.features).toEqual({ a: 'float', b: 'string', n: 'int' });
  });

  it('returns no schema when nothing changed; merge widens int+float', () => {
    const base = { features: { a: 'float' as const }, prediction: 'int' as const, hasScore: false };
    expect(applyModelSchema(base, recs([{ a: 1 }]), new ErrorSink()).schema).toBeUndefined();
    expect(
      mergeSchemas({ features: { a: 'int', b: 'string' } }, { features: { a: 'float', c: 'bool' } }).features,
    ).toEqual({
      a: 'float',
      b: 'string',
      c: 'bool',
    });
  });
});

describe('per-record contract validation', () => {
  const contract = compileRecordContract(
    parseContract({
      columns: {
        age: { type: 'num', min: 0, max: 120 },
        country: { type: 'cat', allowed: ['DE', 'FR'] },
        code: { type: 'cat', allowed: [1, 2], required: false },
        email: { type: 'text', regex: '^[^@]+@[^@]+$', required: false, maxMissingShare: 0 },
        signup: { type: 'datetime', min: '2020-01-01', required: false },
        prediction: { type: 'cat', allowed: [0, 1], required: false },
      },
    }),
  );
  const check = (features: Record<string, unknown>, prediction?: unknown) => {
    const sink = new ErrorSink();
    const [r] = validatePredictions(
      [{ id: 'a', features, ...(prediction !== undefined ? { prediction } : {}) }],
      sink,
    );
    contract.check(r!, sink);
    return sink.errors.map((e) => [e.field, e.code]);
  };

  it('accepts a conforming record', () => {
    expect(
      check({ age: 30, country: 'DE', code: 2, email: 'a@b', signup: '2021-03-04T00:00:00Z' }, 1),
    ).toEqual([]);
    expect(check({ age: 30, country: 'FR', signup: 1_700_000_000_000, email: 'x@y' })).toEqual([]);
  });

  it('types, ranges, allowed values, regex, required, nulls and extra features', () => {
    expect(check({ age: '30', country: 'DE' })).toEqual([['features.age', 'DW_CONTRACT_TYPE']]);
    expect(check({ age: 130, country: 'DE' })).toEqual([['features.age', 'DW_CONTRACT_RANGE']]);
    expect(check({ age: 1, country: 'US' })).toEqual([['features.country', 'DW_CONTRACT_ALLOWED']]);
    expect(check({ age: 1, country: 'DE', code: 3 })).toEqual([['features.code', 'DW_CONTRACT_ALLOWED']]);
    expect(check({ age: 1, country: 'DE', code: 1.5 })).toEqual([['features.code', 'DW_CONTRACT_TYPE']]);
    expect(check({ age: 1, country: 'DE', email: 'nope' })).toEqual([
      ['features.email', 'DW_CONTRACT_REGEX'],
    ]);
    expect(check({ age: 1, country: 'DE', email: null })).toEqual([
      ['features.email', 'DW_CONTRACT_MISSING'],
    ]);
    expect(check({ age: null, country: 'DE' })).toEqual([]);
    expect(check({ country: 'DE' })).toEqual([['features.age', 'DW_CONTRACT_MISSING']]);
    expect(check({ age: 1, country: 'DE', signup: '2019-12-31T00:00:00Z' })).toEqual([
      ['features.signup', 'DW_CONTRACT_RANGE'],
    ]);
    expect(check({ age: 1, country: 'DE', signup: 'last week' })).toEqual([
      ['features.signup', 'DW_CONTRACT_TYPE'],
    ]);
    expect(check({ age: 1, country: 'DE', other: 1 })).toEqual([['features.other', 'DW_CONTRACT_EXTRA']]);
    expect(check({ age: 1, country: 'DE' }, 2)).toEqual([['prediction', 'DW_CONTRACT_ALLOWED']]);
  });

  it('allowExtraColumns lets undeclared features through', () => {
    const open = compileRecordContract(
      parseContract({ columns: { a: { type: 'num' } }, dataset: { allowExtraColumns: true } }),
    );
    const sink = new ErrorSink();
    const [r] = validatePredictions([{ id: 'a', features: { a: 1, b: 2 } }], sink);
    expect(open.check(r!, sink)).toBe(true);
  });
});
