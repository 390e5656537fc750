/**
 * Property-based fuzzing of the ingest endpoints: malformed JSON, wrong types, NaN/Infinity literals, huge strings,
 * deep nesting, unknown fields, oversized and corrupt bodies, odd content types — never a 5xx, and every error
 * (request-level or per-record) names its field.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestQueue } from '../../src/server/ingest/ingest-service.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const LIMIT = 64 * 1024;
const BASE = '/v1/projects/fuzz/models';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ bodyLimitBytes: LIMIT });
  await h.call('POST', '/v1/projects', { body: { name: 'fuzz' } });
});
afterAll(async () => {
  await ingestQueue(h.deps).close();
  await h.close();
});

interface Sent {
  readonly kind: 'predictions' | 'labels' | 'feedback';
  readonly model: string;
  readonly body: string | Uint8Array;
  readonly headers: Record<string, string>;
}

async function send(s: Sent) {
  return h.call('POST', `${BASE}/${encodeURIComponent(s.model)}/${s.kind}`, {
    body: s.body,
    headers: s.headers,
  });
}

function checkAnswer(r: Awaited<ReturnType<Harness['call']>>, s: Sent): void {
  const what = `${s.kind} ${JSON.stringify(s.headers)} ${typeof s.body === 'string' ? s.body.slice(0, 200) : '<bytes>'}`;
  expect(r.status, what).toBeLessThan(500);
  expect([200, 400, 413, 415], `${what} → ${r.status} ${JSON.stringify(r.body)}`).toContain(r.status);
  if (r.status === 200) {
    const b = r.body;
    expect(
      Number.isInteger(b.accepted) && Number.isInteger(b.duplicates) && Number.isInteger(b.rejected),
    ).toBe(true);
    expect(b.rejected === 0 || b.errors.length > 0, what).toBe(true);
    for (const e of b.errors) {
      expect(typeof e.field, what).toBe('string');
      expect(e.field.length, what).toBeGreaterThan(0);
      expect(e.code).toMatch(/^DW_[A-Z_]+$/);
      expect(Number.isInteger(e.index)).toBe(true);
      expect(typeof e.message).toBe('string');
    }
  } else {
    expect(r.body.error.code, what).toMatch(/^DW_[A-Z_]+$/);
    expect(typeof r.body.error.field, `${what} → ${JSON.stringify(r.body)}`).toBe('string');
    expect(r.body.error.field.length).toBeGreaterThan(0);
  }
}

const kinds = fc.constantFrom('predictions' as const, 'labels' as const, 'feedback' as const);
// `.` and `..` are dot segments: URL normalisation removes them, so such names cannot be addressed in a path.
const model = fc.oneof(
  fc.constant('m'),
  fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s !== '.' && s !== '..'),
);

/** Values of every JSON type, including awkward ones. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    1e308,
    -0,
    '',
    'x'.repeat(5000),
    '2024-05-01T12:00:00Z',
    '__proto__',
    'nul\u0000',
    'lone\ud800',
    { __proto__: null },
    [[[[[]]]]],
    Number.MAX_SAFE_INTEGER,
  ),
  fc.string({ maxLength: 20 }),
);

const fieldName = fc.oneof(
  fc.constantFrom('id', 'timestamp', 'version', 'features', 'prediction', 'score', 'scores', 'segments'),
  fc.constantFrom('latencyMs', 'error', 'target', 'recordId', 'kind', 'value', 'comment', 'author'),
  fc.string({ maxLength: 6 }),
);

/** Records that are plausible but often wrong in one or more fields. */
const record = fc.oneof(
  fc.dictionary(fieldName, nasty, { maxKeys: 6 }),
  fc.record({
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('a\u0000', '\udc00'), nasty),
    features: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), nasty, { maxKeys: 5 }), nasty),
    target: nasty,
    recordId: fc.string({ minLength: 1, maxLength: 8 }),
  }),
  nasty,
);

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/x-ndjson',
    'application/jsonl',
    'application/json; charset=utf-8',
  ),
  fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data', ''),
);

/** JSON text with injected non-JSON literals and truncations. */
function corrupt(text: string, seed: number): string {
  const ops = [
    (t: string) => t.replace(/\d+(\.\d+)?/, 'NaN'),
    (t: string) => t.replace(/\d+(\.\d+)?/, 'Infinity'),
    (t: string) => t.replace(/\d+(\.\d+)?/, '-Infinity'),
    (t: string) => t.slice(0, Math.max(0, t.length - 1 - (seed % 7))),
    (t: string) => `${t},`,
    (t: string) => t.replace('"', "'"),
    (t: string) => `\uFEFF${t}`,
    (t: string) => t.replace(/,/, ',,'),
  ];
  return ops[seed % ops.length]!(text);
}

describe('ingest fuzzing', () => {
  it('arbitrary records in valid JSON/NDJSON bodies: 200 with per-record errors naming fields', async () => {
    await fc.assert(
      fc.asyncProperty(
        kinds,
        model,
        fc.array(record, { maxLength: 8 }),
        fc.boolean(),
        async (kind, m, recs, nd) => {
          const body = nd ? recs.map((r) => JSON.stringify(r)).join('\n') : JSON.stringify(recs);
          const s: Sent = {
            kind,
            model: m,
            body,
            headers: { 'content-type': nd ? 'application/x-ndjson' : 'application/json' },
          };
          checkAnswer(await send(s), s);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('malformed bodies, NaN/Infinity literals, odd content types: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        kinds,
        fc.array(record, { maxLength: 4 }),
        fc.nat(),
        contentType,
        fc.string({ maxLength: 50 }),
        async (kind, recs, seed, ct, junk) => {
          const text = seed % 5 === 0 ? junk : corrupt(JSON.stringify(recs), seed);
          const s: Sent = { kind, model: 'm', body: text, headers: ct ? { 'content-type': ct } : {} };
          checkAnswer(await send(s), s);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('deep nesting, huge strings, oversized and corrupt gzip bodies', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const cases: Sent[] = [
      {
        kind: 'predictions',
        model: 'm',
        body: deep(20_000),
        headers: { 'content-type': 'application/json' },
      },
      {
        kind: 'predictions',
        model: 'm',
        body: `[{"id":"d","features":{"x":${deep(5000)}}}]`,
        headers: { 'content-type': 'application/json' },
      },
      {
        kind: 'labels',
        model: 'm',
        body: `{"id":"l","target":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`,
        headers: { 'content-type': 'application/x-ndjson' },
      },
      {
        kind: 'predictions',
        model: 'm',
        body: JSON.stringify([{ id: 'h', features: { s: 'x'.repeat(LIMIT - 100) } }]),
        headers: { 'content-type': 'application/json' },
      },
      {
        kind: 'predictions',
        model: 'm',
        body: JSON.stringify([{ id: 'h'.repeat(20_000) }]),
        headers: { 'content-type': 'application/json' },
      },
      {
        kind: 'predictions',
        model: 'm',
        body: JSON.stringify([{ id: 'big', features: { s: 'x'.repeat(LIMIT) } }]),
        headers: { 'content-type': 'application/json' },
      },
      {
        kind: 'feedback',
        model: 'm',
        body: gzipSync(`[${' '.repeat(LIMIT * 4)}]`),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      },
      {
        kind: 'feedback',
        model: 'm',
        body: gzipSync('[]').subarray(0, 8),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      },
      {
        kind: 'predictions',
        model: 'm',
        body: '[]',
        headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' },
      },
      { kind: 'predictions', model: 'm', body: '', headers: { 'content-type': 'application/json' } },
      { kind: 'predictions', model: 'm', body: '\n\n', headers: { 'content-type': 'application/x-ndjson' } },
      { kind: 'predictions', model: 'm', body: 'null', headers: { 'content-type': 'application/json' } },
      { kind: 'predictions', model: 'm', body: '[1e999]', headers: { 'content-type': 'application/json' } },
      {
        kind: 'predictions',
        model: 'm',
        body: '[{"id":"inf","features":{"x":1e999},"score":-1e999}]',
        headers: { 'content-type': 'application/json' },
      },
      {
        kind: 'predictions',
        model: 'x'.repeat(200),
        body: '[]',
        headers: { 'content-type': 'application/json' },
      },
    ];
    const statuses: number[] = [];
    for (const s of cases) {
      const r = await send(s);
      statuses.push(r.status);
      checkAnswer(r, s);
    }
    // The oversized ones are 413, the corrupt gzip 400, deflate 415; the 1e999 values are per-record errors.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 413, 413, 400, 415, 400, 400, 400, 200, 200, 400]);
  });

  it('GET a record by arbitrary ids: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (id) => {
        const r = await h.call('GET', `${BASE}/m/records/${encodeURIComponent(id)}`);
        expect(r.status).toBeLessThan(500);
        if (r.status !== 200) expect(r.body.error.field ?? r.body.error.code).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });
});
