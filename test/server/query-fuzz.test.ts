/**
 * Property-based fuzzing of the query endpoints (issue 3, reliability): arbitrary query parameters and path segments
 * (wrong types, NaN/Infinity, huge strings, odd Unicode, unknown parameters) must never produce a 5xx, and every 400
 * names the offending field.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from './app-harness.ts';

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '-1',
    '0',
    '1e309',
    '9999999999999999999999',
    '2026-13-45T99:99:99Z',
    '',
    ' ',
    '%',
    '%00',
    '\u0000',
    '../..',
    '[]',
    '{}',
    'true',
    'null',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ minLength: 2000, maxLength: 5000 }),
);

const QUERY_PATHS = [
  { path: 'series', params: ['metric', 'from', 'to', 'window', 'segment', 'version'] },
  { path: 'windows', params: ['window', 'from', 'to', 'version'] },
  { path: 'health', params: ['from', 'to', 'version'] },
  { path: 'export', params: ['from', 'to', 'format', 'labeled', 'version'] },
  { path: 'versions', params: ['limit'] },
  { path: 'aliases', params: [] },
  { path: 'config', params: [] },
];

describe('query endpoint fuzzing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
    await h.call('POST', '/v1/projects', { body: { name: 'p' } });
    await h.call('POST', '/v1/projects/p/models/m/predictions', {
      body: [{ id: 'a', features: { x: 1, c: 'u' }, prediction: 1, timestamp: '2026-01-01T10:00:00Z' }],
    });
  });
  afterAll(() => h.close());

  const check = (r: { status: number; body: any }, what: string) => {
    if (r.status >= 500) throw new Error(`${what} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    if (r.status === 400) {
      expect(r.body?.error?.code, what).toBeTypeOf('string');
      expect(r.body?.error?.field, `${what} → 400 without field: ${JSON.stringify(r.body)}`).toBeTypeOf(
        'string',
      );
    }
  };

  it('arbitrary query parameters on every query endpoint: never a 5xx; 400s name the field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...QUERY_PATHS),
        fc.array(fc.tuple(fc.nat(), nasty), { maxLength: 4 }),
        fc.option(fc.tuple(fc.string({ maxLength: 12 }), nasty), { nil: undefined }),
        async (endpoint, values, unknown) => {
          const qs = new URLSearchParams();
          for (const [i, v] of values) {
            const name = endpoint.params[i % Math.max(1, endpoint.params.length)];
            if (name) qs.append(name, v);
          }
          if (endpoint.path === 'series' && !qs.has('metric')) qs.set('metric', 'drift.share');
          if (unknown) qs.append(unknown[0] || 'x', unknown[1]);
          const path = `/v1/projects/p/models/m/${endpoint.path}?${qs}`;
          check(await h.call('GET', path), path.slice(0, 200));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary path segments (model, version, window start, record id): never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        nasty,
        fc.constantFrom(
          'models/{x}',
          'models/m/versions/{x}',
          'models/m/windows/{x}',
          'models/m/records/{x}',
          'models/{x}/series?metric=a',
          'models/m/versions/{x}/reference',
        ),
        async (seg, shape) => {
          const path = `/v1/projects/p/${shape.replace('{x}', encodeURIComponent(seg))}`;
          check(await h.call('GET', path), path.slice(0, 200));
        },
      ),
      { numRuns: 300 },
    );
  });
});
