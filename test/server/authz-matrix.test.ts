/**
 * Authorisation matrix: every endpoint of the OpenAPI document × (no key, another project's key, ingest-only,
 * read-only, project admin, server key) → the expected status. The endpoint list comes from /openapi.json, so a new
 * endpoint that is not in RULES fails this test until someone decides who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from './app-harness.ts';

type Need = 'public' | 'server' | 'admin' | 'ingest' | 'read' | 'read-any';
/** What each operation needs (`read-any`: a read key of any project, or the server key). */
const RULES: Record<string, Need> = {
  'POST /v1/projects': 'server',
  'GET /v1/projects': 'read-any',
  'POST /v1/projects/{project}/keys': 'admin',
  'DELETE /v1/projects/{project}/keys/{id}': 'admin',
  'POST /v1/projects/{project}/models/{model}/predictions': 'ingest',
  'POST /v1/projects/{project}/models/{model}/labels': 'ingest',
  'POST /v1/projects/{project}/models/{model}/feedback': 'ingest',
  'GET /v1/projects/{project}/models/{model}/records/{id}': 'read',
  'GET /metrics': 'read-any',
  'GET /v1/projects/{project}/models': 'read',
  'GET /v1/projects/{project}/models/{model}': 'read',
  'GET /v1/projects/{project}/models/{model}/config': 'read',
  'PUT /v1/projects/{project}/models/{model}/config': 'admin',
  'GET /v1/projects/{project}/models/{model}/versions': 'read',
  'POST /v1/projects/{project}/models/{model}/versions': 'admin',
  'GET /v1/projects/{project}/models/{model}/versions/{version}': 'read',
  'GET /v1/projects/{project}/models/{model}/versions/{version}/config': 'read',
  'PUT /v1/projects/{project}/models/{model}/versions/{version}/config': 'admin',
  'PUT /v1/projects/{project}/models/{model}/versions/{version}/reference': 'admin',
  'GET /v1/projects/{project}/models/{model}/versions/{version}/reference': 'read',
  'GET /v1/projects/{project}/models/{model}/aliases': 'read',
  'PUT /v1/projects/{project}/models/{model}/aliases/{alias}': 'admin',
  'DELETE /v1/projects/{project}/models/{model}/aliases/{alias}': 'admin',
  'GET /v1/projects/{project}/audit': 'read',
  'GET /docs': 'public',
  'GET /openapi.json': 'public',
  'GET /healthz': 'public',
  'GET /v1/projects/{project}/models/{model}/series': 'read',
  'GET /v1/projects/{project}/models/{model}/windows': 'read',
  'GET /v1/projects/{project}/models/{model}/windows/{start}': 'read',
  'POST /v1/projects/{project}/models/{model}/windows/{start}/evaluate': 'admin',
  'GET /v1/projects/{project}/models/{model}/health': 'read',
  'GET /v1/projects/{project}/models/{model}/profile': 'read',
  'GET /v1/projects/{project}/models/{model}/export': 'read',
  'POST /v1/projects/{project}/reports': 'ingest',
  'GET /v1/projects/{project}/reports': 'read',
  'GET /v1/projects/{project}/reports/{id}': 'read',
};

/** Bodies that pass validation, so a scope denial cannot hide behind a 400. */
const BODIES: Record<string, unknown> = {
  'POST /v1/projects': { name: 'fresh' },
  'POST /v1/projects/{project}/keys': { scopes: ['read'] },
  'POST /v1/projects/{project}/models/{model}/predictions': [
    { id: 'r-authz', features: { x: 1 }, prediction: 1 },
  ],
  'POST /v1/projects/{project}/models/{model}/labels': [{ id: 'r-authz', target: 1 }],
  'POST /v1/projects/{project}/models/{model}/feedback': [{ recordId: 'r-authz', comment: 'ok' }],
  'PUT /v1/projects/{project}/models/{model}/config': {},
  'POST /v1/projects/{project}/models/{model}/versions': { name: 'v-authz' },
  'PUT /v1/projects/{project}/models/{model}/versions/{version}/config': {},
  'PUT /v1/projects/{project}/models/{model}/versions/{version}/reference': {
    from: '2026-01-01T00:00:00Z',
    to: '2026-01-02T00:00:00Z',
  },
  'PUT /v1/projects/{project}/models/{model}/aliases/{alias}': { version: 'v1' },
  'POST /v1/projects/{project}/reports': { result: { schemaVersion: 1 } },
};

/** Query strings that pass validation. */
const QUERIES: Record<string, string> = {
  'GET /v1/projects/{project}/models/{model}/series': '?metric=drift.share&window=1h',
};

const START = '2026-01-01T00:00:00.000Z';
function fill(path: string, project: string): string {
  return path
    .replace('{project}', encodeURIComponent(project))
    .replace('{model}', 'm')
    .replace('{version}', 'v1')
    .replace('{alias}', 'staging')
    .replace('{id}', 'no-such-id')
    .replace('{start}', encodeURIComponent(START));
}

type Caller = 'none' | 'other' | 'ingest' | 'read' | 'admin' | 'server';
function expected(need: Need, who: Caller): 'allowed' | 401 | 403 {
  if (need === 'public') return 'allowed';
  if (who === 'none') return 401;
  if (who === 'server') return 'allowed';
  if (need === 'server') return 403;
  if (need === 'read-any') return who === 'read' || who === 'admin' || who === 'other' ? 'allowed' : 403;
  if (who === 'other') return 403;
  if (who === 'admin') return 'allowed';
  return need === who ? 'allowed' : 403;
}

describe('authorisation matrix', () => {
  let h: Harness;
  let keys: Record<Exclude<Caller, 'none' | 'server'>, string>;
  let operations: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    h = await makeHarness();
    await h.call('POST', '/v1/projects', { body: { name: 'p' } });
    await h.call('POST', '/v1/projects', { body: { name: 'q' } });
    const mk = async (project: string, scopes: string[]) =>
      (await h.call('POST', `/v1/projects/${project}/keys`, { body: { scopes } })).body.key as string;
    keys = {
      other: await mk('q', ['admin']),
      ingest: await mk('p', ['ingest']),
      read: await mk('p', ['read']),
      admin: await mk('p', ['admin']),
    };
    const ok = await h.call('POST', '/v1/projects/p/models/m/versions', { body: { name: 'v1' } });
    expect(ok.status).toBeLessThan(300);
    const doc = (await h.call('GET', '/openapi.json', { key: null })).body;
    operations = [
      { method: 'GET', path: '/openapi.json' },
      { method: 'GET', path: '/healthz' },
    ];
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(ops)) operations.push({ method: method.toUpperCase(), path });
    }
  });
  afterAll(() => h.close());

  it('has a rule for every documented endpoint', () => {
    const missing = operations.map((o) => `${o.method} ${o.path}`).filter((k) => !(k in RULES));
    expect(missing).toEqual([]);
    expect(operations.length).toBeGreaterThan(25);
  });

  it('answers every (endpoint × caller) as expected', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { method, path } of operations) {
      const key = `${method} ${path}`;
      const need = RULES[key];
      if (!need) continue;
      for (const who of ['none', 'other', 'ingest', 'read', 'admin', 'server'] as const) {
        const secret = who === 'none' ? null : who === 'server' ? h.serverKey : keys[who];
        const body = BODIES[key];
        const res = await h.call(method, fill(path, 'p') + (QUERIES[key] ?? ''), {
          key: secret,
          ...(body !== undefined ? { body } : {}),
        });
        const want = expected(need, who);
        checked++;
        const good =
          want === 'allowed'
            ? res.status !== 401 && res.status !== 403 && res.status < 500
            : res.status === want;
        if (!good)
          failures.push(
            `${key} as ${who}: got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}, want ${want}`,
          );
        if (want === 401 && res.status === 401) {
          if (!res.headers.get('www-authenticate')?.startsWith('Bearer'))
            failures.push(`${key}: 401 without WWW-Authenticate`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it('unknown project → 404 for a valid key (after authentication)', async () => {
    const r = await h.call('GET', '/v1/projects/nope/models', { key: h.serverKey });
    expect(r.status).toBe(404);
    const anon = await h.call('GET', '/v1/projects/nope/models', { key: null });
    expect(anon.status).toBe(401);
  });
});
