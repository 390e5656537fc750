import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImplicitVersion, findModel } from '../../src/storage/models-store.ts';
import { findProjectByName } from '../../src/storage/projects-store.ts';
import { backends } from '../storage/backends.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const enc = encodeURIComponent;
const WEIRD_PROJECT = 'team/a b 📈 <script>alert(1)</script>';
const WEIRD_MODEL = 'm/ x 🚀 <script>alert("m")</script>';

function paths(project: string, model: string) {
  const p = `/v1/projects/${enc(project)}`;
  const m = `${p}/models/${enc(model)}`;
  return { p, m, versions: `${m}/versions`, aliases: `${m}/aliases`, audit: `${p}/audit` };
}

async function withProject(h: Harness, name: string) {
  const r = await h.call('POST', '/v1/projects', { body: { name } });
  expect(r.status).toBe(201);
  const keys: Record<string, string> = {};
  for (const scope of ['admin', 'read', 'ingest'] as const) {
    const k = await h.call('POST', `/v1/projects/${enc(name)}/keys`, { body: { scopes: [scope] } });
    expect(k.status).toBe(201);
    keys[scope] = k.body.key;
  }
  return keys as { admin: string; read: string; ingest: string };
}

describe('registry API', () => {
  let h: Harness;
  let now: number;
  beforeEach(async () => {
    now = Date.UTC(2026, 0, 15, 9, 0, 0);
    h = await makeHarness({}, undefined, () => now++);
  });
  afterEach(() => h.close());

  it('names with /, spaces, emoji and <script> round-trip as text through percent-encoded paths', async () => {
    await withProject(h, WEIRD_PROJECT);
    const u = paths(WEIRD_PROJECT, WEIRD_MODEL);
    const created = await h.call('POST', u.versions, { body: { name: 'v1 <b>/é' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(created.body.name).toBe('v1 <b>/é');
    const list = await h.call('GET', `${u.p}/models`);
    expect(list.status).toBe(200);
    expect(list.body.models).toEqual([
      {
        name: WEIRD_MODEL,
        createdAt: expect.any(String),
        schema: null,
        versions: 1,
        aliases: {},
        lastRecordAt: null,
        labelLagMs: null,
      },
    ]);
    const one = await h.call('GET', u.m);
    expect(one.status).toBe(200);
    expect(one.body.name).toBe(WEIRD_MODEL);
    const v = await h.call('GET', `${u.versions}/${enc('v1 <b>/é')}`);
    expect(v.status).toBe(200);
    expect(v.body.name).toBe('v1 <b>/é');
    // Unknown model and version: 404 naming the thing, as JSON text
    const missing = await h.call('GET', paths(WEIRD_PROJECT, '<nope>').versions);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'DW_MODEL_NOT_FOUND', field: 'model' });
    expect(missing.body.error.message).toContain('"<nope>"');
    const noVersion = await h.call('GET', `${u.versions}/v9`);
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.error).toMatchObject({ code: 'DW_VERSION_NOT_FOUND', field: 'version' });
  });

  it('registers a version with its metadata; 409 on a duplicate; who and when recorded', async () => {
    await withProject(h, 'p');
    const u = paths('p', 'credit');
    const body = {
      name: 'v1',
      contract: {
        columns: { age: { type: 'num', min: 0, max: 120 }, country: { type: 'cat', allowed: ['DE', 'FR'] } },
      },
      reference: { description: 'train split, Dec 2025' },
      features: { age: { type: 'num', description: 'years', source: 'crm' }, country: { type: 'cat' } },
      fingerprint: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      environment: { runtime: 'python 3.12', packages: { sklearn: '1.5.0' }, gitCommit: 'abc123' },
      evaluation: { rocAuc: 0.91, logLoss: 0.32 },
      validation: { checks: [{ check: 'rocAuc >= 0.85', status: 'PASS' }] },
      tags: { team: 'risk', ticket: 'ML-42' },
    };
    const r = await h.call('POST', u.versions, { body });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      name: 'v1',
      createdAt: expect.stringMatching(/^2026-01-15T09:00:00\.\d{3}Z$/),
      createdBy: expect.any(String),
      aliases: [],
      contract: {
        columns: {
          age: { type: 'num', required: true, min: 0, max: 120 },
          country: { type: 'cat', required: true, allowed: ['DE', 'FR'] },
        },
      },
      reference: {
        kind: 'default',
        description: 'train split, Dec 2025',
        note: expect.stringContaining('first full UTC day'),
        hasProfile: false,
      },
      features: body.features,
      fingerprint: body.fingerprint,
      environment: body.environment,
      evaluation: body.evaluation,
      validation: body.validation,
      tags: body.tags,
      config: null,
    });
    const dup = await h.call('POST', u.versions, { body: { name: 'v1' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'DW_VERSION_EXISTS', field: 'name' });
    const list = await h.call('GET', u.versions);
    expect(list.body.versions.map((v: { name: string }) => v.name)).toEqual(['v1']);
    expect(list.body.versions[0].createdBy).toBe(r.body.createdBy);
  });

  it('validates version bodies and names the field', async () => {
    await withProject(h, 'p');
    const u = paths('p', 'm');
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'é'.repeat(129) }, 'name'],
      [{ name: 'v\u0000' }, 'name'],
      [{ name: 'v', fingerprint: 'sha256:\u0000' }, 'fingerprint'],
      [{ name: 'v', contract: { columns: { age: { type: 'num', max: 'x' } } } }, 'contract'],
      [{ name: 'v', contract: { colums: {} } }, 'contract'],
      [{ name: 'v', tags: { team: 3 } }, 'tags.team'],
      [{ name: 'v', environment: 'py' }, 'environment'],
      [{ name: 'v', fingerprint: 'has space' }, 'fingerprint'],
      [{ name: 'v', reference: { from: '2026-01-01T00:00:00Z' } }, 'reference.to'],
      [
        { name: 'v', reference: { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' } },
        'reference.to',
      ],
      [{ name: 'v', reference: { from: 'yesterday', to: 1 } }, 'reference.from'],
      [{ name: 'v', extra: 1 }, ''],
      [{ name: 'v', config: { drift: { driftShare: 2 } } }, 'config.drift.driftShare'],
    ];
    for (const [body, field] of cases) {
      const r = await h.call('POST', u.versions, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('DW_VALIDATION');
      if (field) expect(r.body.error.field, JSON.stringify(body)).toBe(field);
    }
    // Deeply nested free-form JSON is refused (400 naming the field), never a 5xx.
    for (const field of ['environment', 'evaluation', 'validation', 'features']) {
      const deep = `{"name":"v","${field}":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
      const r = await h.call('POST', u.versions, {
        body: deep,
        headers: { 'content-type': 'application/json' },
      });
      expect(r.status, field).toBe(400);
      expect(r.body.error.field, field).toMatch(new RegExp(`^${field}`));
    }
    const contract = await h.call('POST', u.versions, {
      body: { name: 'v', contract: { columns: { age: { type: 'num', max: 'x' } } } },
    });
    expect(contract.body.error.message).toContain('columns.age.max');
    // Nothing was created by the failed requests.
    expect((await h.call('GET', `${paths('p', 'm').p}/models`)).body.models).toEqual([]);
    // A range reference given at registration is stored as the reference.
    const ok = await h.call('POST', u.versions, {
      body: { name: 'v', reference: { from: '2026-01-01T00:00:00Z', to: Date.UTC(2026, 0, 2) } },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.reference).toMatchObject({
      kind: 'range',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-02T00:00:00.000Z',
      hasProfile: false,
    });
  });

  it('400 on malformed JSON bodies', async () => {
    await withProject(h, 'p');
    const r = await h.call('POST', paths('p', 'm').versions, {
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('DW_MALFORMED_BODY');
  });

  it('--strict-models: registering a version of an unknown model is a 404 naming it', async () => {
    await h.close();
    h = await makeHarness({ strictModels: true });
    await withProject(h, 'p');
    const r = await h.call('POST', paths('p', 'fraud <x>').versions, { body: { name: 'v1' } });
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'DW_MODEL_NOT_FOUND', field: 'model' });
    expect(r.body.error.message).toContain('"fraud <x>"');
  });

  it('fills in a version that ingestion created implicitly (200), once', async () => {
    await withProject(h, 'p');
    const u = paths('p', 'm');
    expect((await h.call('POST', u.versions, { body: { name: 'v1' } })).status).toBe(201);
    const storage = h.deps.storage;
    const project = await findProjectByName(storage, 'p');
    const model = await findModel(storage, project!.id, 'm');
    await createImplicitVersion(storage, model!.id, project!.id, 'v2', now);
    const r = await h.call('POST', u.versions, { body: { name: 'v2', tags: { a: 'b' } } });
    expect(r.status).toBe(200);
    expect(r.body.tags).toEqual({ a: 'b' });
    expect((await h.call('POST', u.versions, { body: { name: 'v2' } })).status).toBe(409);
  });

  it('aliases move between versions; a rollback is a move back; history per alias', async () => {
    await withProject(h, 'p');
    const u = paths('p', 'm');
    for (const name of ['v1', 'v2'])
      expect((await h.call('POST', u.versions, { body: { name } })).status).toBe(201);
    const put = (alias: string, version: string) =>
      h.call('PUT', `${u.aliases}/${alias}`, { body: { version } });
    expect((await put('production', 'v1')).body).toMatchObject({
      alias: 'production',
      version: 'v1',
      previous: null,
      changed: true,
    });
    expect((await put('production', 'v1')).body).toMatchObject({
      version: 'v1',
      previous: 'v1',
      changed: false,
    });
    expect((await put('production', 'v2')).body).toMatchObject({
      version: 'v2',
      previous: 'v1',
      changed: true,
    });
    expect((await put('shadow', 'v1')).status).toBe(200);
    expect((await put('production', 'v1')).body).toMatchObject({ version: 'v1', previous: 'v2' }); // rollback
    // resolving by alias
    const byAlias = await h.call('GET', `${u.versions}/production`);
    expect(byAlias.body).toMatchObject({ name: 'v1', aliases: ['production', 'shadow'] });
    const models = await h.call('GET', `${u.p}/models`);
    expect(models.body.models[0].aliases).toEqual({ production: 'v1', shadow: 'v1' });

    const list = await h.call('GET', u.aliases);
    expect(list.status).toBe(200);
    const prod = list.body.aliases.find((a: { alias: string }) => a.alias === 'production');
    expect(prod).toMatchObject({ version: 'v1', updatedBy: expect.any(String) });
    expect(prod.history.map((m: { from: string; to: string }) => [m.from, m.to])).toEqual([
      [null, 'v1'],
      ['v1', 'v2'],
      ['v2', 'v1'],
    ]);
    // errors
    const badName = await put('Prod', 'v1');
    expect(badName.status).toBe(400);
    expect(badName.body.error.field).toBe('alias');
    expect((await put(`a${'b'.repeat(64)}`, 'v1')).status).toBe(400);
    const unknown = await put('canary', 'v9');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'DW_VERSION_NOT_FOUND', field: 'version' });
    const clash = await put('v2', 'v1');
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('DW_ALIAS_IS_VERSION_NAME');
    const versionNamedLikeAlias = await h.call('POST', u.versions, { body: { name: 'production' } });
    expect(versionNamedLikeAlias.status).toBe(409);
    expect((await h.call('PUT', `${u.aliases}/canary`, { body: {} })).body.error.field).toBe('version');
    // delete
    expect((await h.call('DELETE', `${u.aliases}/shadow`)).status).toBe(204);
    expect((await h.call('DELETE', `${u.aliases}/shadow`)).status).toBe(404);
    const after = await h.call('GET', u.aliases);
    expect(after.body.aliases.find((a: { alias: string }) => a.alias === 'shadow')).toMatchObject({
      version: null,
      history: [
        { from: null, to: 'v1' },
        { from: 'v1', to: null },
      ],
    });
  });

  it('audit log: ordered, paged with after/next, filtered by target; before/after of alias moves', async () => {
    await withProject(h, 'p');
    const u = paths('p', 'm');
    await h.call('POST', u.versions, { body: { name: 'v1' } });
    await h.call('POST', u.versions, { body: { name: 'v2' } });
    await h.call('PUT', `${u.aliases}/production`, { body: { version: 'v1' } });
    await h.call('PUT', `${u.aliases}/production`, { body: { version: 'v2' } });
    await h.call('PUT', `${u.m}/config`, { body: { drift: { driftShare: 0.3 } } });
    const all = await h.call('GET', u.audit);
    expect(all.status).toBe(200);
    const actions = all.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'project.create',
      'key.create',
      'key.create',
      'key.create',
      'model.create',
      'version.create',
      'version.create',
      'alias.set',
      'alias.set',
      'model.config.set',
    ]);
    const seqs = all.body.entries.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(all.body.next).toBeNull();
    const moves = all.body.entries.filter((e: { action: string }) => e.action === 'alias.set');
    expect(moves[1]).toMatchObject({
      before: { model: 'm', alias: 'production', version: 'v1' },
      after: { model: 'm', alias: 'production', version: 'v2' },
      target: { type: 'alias' },
      actor: expect.any(String),
      at: expect.stringMatching(/^2026-01-15T/),
    });
    // paging
    const page1 = await h.call('GET', `${u.audit}?limit=4`);
    expect(page1.body.entries).toHaveLength(4);
    expect(page1.body.next).toBe(seqs[3]);
    const page2 = await h.call('GET', `${u.audit}?limit=4&after=${page1.body.next}`);
    expect(page2.body.entries.map((e: { seq: number }) => e.seq)).toEqual(seqs.slice(4, 8));
    // target filters
    const aliasOnly = await h.call('GET', `${u.audit}?target=alias`);
    expect(aliasOnly.body.entries).toHaveLength(2);
    const oneTarget = await h.call('GET', `${u.audit}?target=${enc(`alias:${moves[0].target.id}`)}`);
    expect(oneTarget.body.entries).toHaveLength(2);
    // validation
    for (const q of ['limit=0', 'limit=1001', 'limit=x', 'after=-1', 'target=%20']) {
      const r = await h.call('GET', `${u.audit}?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.field, q).toBe(q.split('=')[0]);
    }
  });

  it('check configuration: defaults = the CLI defaults, validated, version override merges, audited', async () => {
    await withProject(h, 'p');
    const u = paths('p', 'm');
    await h.call('POST', u.versions, { body: { name: 'v1' } });
    const initial = await h.call('GET', `${u.m}/config`);
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      config: null,
      effective: {
        drift: {
          columnMethods: {},
          columnThresholds: {},
          driftShare: 0.5,
          correction: 'none',
          binning: 'sturges',
          seed: 0,
        },
        columnTypes: {},
        exclude: [],
        windows: ['1h', '1d'],
        graceMinutes: 5,
        segments: [],
        reference: { kind: 'own' },
        quality: { k: 10 },
      },
    });
    const bad: [unknown, string][] = [
      [{ drift: { driftShare: 1.5 } }, 'drift.driftShare'],
      [{ drift: { method: 'nope' } }, 'drift.method'],
      [{ drift: { columnMethods: { age: 'nope' } } }, 'drift.columnMethods.age'],
      [{ drift: { threshold: -1 } }, 'drift.threshold'],
      [{ drift: { bins: 10 } }, 'drift.bins'],
      [{ windows: [] }, 'windows'],
      [{ windows: ['5m'] }, 'windows.0'],
      [{ columnTypes: { age: 'number' } }, 'columnTypes.age'],
      [
        { reference: { kind: 'range', from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' } },
        'reference.to',
      ],
      [{ reference: { kind: 'sometimes' } }, 'reference.kind'],
      [{ unknownKey: true }, ''],
    ];
    for (const [body, field] of bad) {
      const r = await h.call('PUT', `${u.m}/config`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      if (field) expect(r.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const set = await h.call('PUT', `${u.m}/config`, {
      body: {
        drift: {
          numMethod: 'wasserstein',
          catMethod: 'psi',
          columnThresholds: { age: 0.2 },
          driftShare: 0.3,
        },
        windows: ['1d'],
        segments: ['country'],
        reference: { kind: 'range', from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z' },
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.config.reference).toEqual({
      kind: 'range',
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2026, 0, 8),
    });
    expect(set.body.effective.drift).toMatchObject({
      numMethod: 'wasserstein',
      driftShare: 0.3,
      correction: 'none',
    });
    // version override: merges drift key by key
    const v = await h.call('PUT', `${u.versions}/v1/config`, {
      body: { drift: { columnThresholds: { income: 0.1 }, binning: 'quantile', bins: 20 } },
    });
    expect(v.status).toBe(200);
    expect(v.body.effective.drift).toMatchObject({
      numMethod: 'wasserstein',
      catMethod: 'psi',
      columnThresholds: { age: 0.2, income: 0.1 },
      binning: 'quantile',
      bins: 20,
      driftShare: 0.3,
    });
    expect(v.body.effective.windows).toEqual(['1d']);
    const got = await h.call('GET', `${u.versions}/v1/config`);
    expect(got.body).toEqual(v.body);
    expect((await h.call('GET', `${u.versions}/v1`)).body.config).toEqual(v.body.config);
    // {} clears the override
    const cleared = await h.call('PUT', `${u.versions}/v1/config`, { body: {} });
    expect(cleared.body.config).toBeNull();
    const audit = await h.call('GET', `${u.audit}?target=version`);
    const configChanges = audit.body.entries.filter(
      (e: { action: string }) => e.action === 'version.config.set',
    );
    expect(configChanges.map((e: { before: { config: unknown } }) => e.before.config)).toEqual([
      null,
      v.body.config,
    ]);
  });

  it('authorisation: no key 401, other project 403, missing scope 403, unknown project 404', async () => {
    const keys = await withProject(h, 'p');
    const other = await withProject(h, 'q');
    const u = paths('p', 'm');
    await h.call('POST', u.versions, { body: { name: 'v1' } });
    const reads: [string, string][] = [
      ['GET', `${u.p}/models`],
      ['GET', u.m],
      ['GET', `${u.m}/config`],
      ['GET', u.versions],
      ['GET', `${u.versions}/v1`],
      ['GET', `${u.versions}/v1/config`],
      ['GET', u.aliases],
      ['GET', u.audit],
    ];
    const writes: [string, string, unknown][] = [
      ['POST', u.versions, { name: 'v2' }],
      ['PUT', `${u.m}/config`, {}],
      ['PUT', `${u.versions}/v1/config`, {}],
      ['PUT', `${u.aliases}/production`, { version: 'v1' }],
      ['PUT', `${u.versions}/v1/reference`, { from: 0, to: 1000 }],
    ];
    for (const [method, path] of reads) {
      expect((await h.call(method, path, { key: null })).status, path).toBe(401);
      expect((await h.call(method, path, { key: 'dwk_unknown' })).status, path).toBe(401);
      expect((await h.call(method, path, { key: other.admin })).status, path).toBe(403);
      expect((await h.call(method, path, { key: keys.ingest })).status, path).toBe(403);
      expect((await h.call(method, path, { key: keys.read })).status, path).toBe(200);
      expect((await h.call(method, path, { key: keys.admin })).status, path).toBe(200);
    }
    for (const [method, path, body] of writes) {
      expect((await h.call(method, path, { key: null, body })).status, path).toBe(401);
      expect((await h.call(method, path, { key: other.admin, body })).status, path).toBe(403);
      expect((await h.call(method, path, { key: keys.ingest, body })).status, path).toBe(403);
      expect((await h.call(method, path, { key: keys.read, body })).status, path).toBe(403);
      expect((await h.call(method, path, { key: keys.admin, body })).status, path).toBeLessThan(300);
    }
    expect((await h.call('DELETE', `${u.aliases}/production`, { key: keys.read })).status).toBe(403);
    expect((await h.call('DELETE', `${u.aliases}/production`, { key: keys.admin })).status).toBe(204);
    expect((await h.call('GET', paths('nope', 'm').versions)).status).toBe(404);
    expect((await h.call('GET', '/v1/projects/nope/audit')).body.error.code).toBe('DW_PROJECT_NOT_FOUND');
  });

  it('every registry route is in /openapi.json', async () => {
    const doc = await h.call('GET', '/openapi.json', { key: null });
    const p = doc.body.paths;
    expect(Object.keys(p['/v1/projects/{project}/models']!)).toEqual(['get']);
    expect(Object.keys(p['/v1/projects/{project}/models/{model}/versions']!).sort()).toEqual(['get', 'post']);
    expect(
      Object.keys(p['/v1/projects/{project}/models/{model}/versions/{version}/reference']!).sort(),
    ).toEqual(['get', 'put']);
    expect(Object.keys(p['/v1/projects/{project}/models/{model}/aliases/{alias}']!).sort()).toEqual([
      'delete',
      'put',
    ]);
    expect(p['/v1/projects/{project}/audit'].get.parameters.map((x: { name: string }) => x.name)).toEqual([
      'project',
      'limit',
      'after',
      'target',
    ]);
    expect(Object.keys(p['/v1/projects/{project}/models/{model}/config']!).sort()).toEqual(['get', 'put']);
    expect(doc.body.components.schemas.CheckConfig).toBeDefined();
  });
});

for (const backend of backends('registry API')) {
  describe(`registry API end to end (${backend.name})`, () => {
    it('registers, uploads a reference, moves aliases and reads it all back', async () => {
      const { handle, cleanup } = await backend.open();
      const h = await makeHarness({}, handle);
      try {
        await withProject(h, WEIRD_PROJECT);
        const u = paths(WEIRD_PROJECT, WEIRD_MODEL);
        expect(
          (await h.call('POST', u.versions, { body: { name: 'v1', tags: { a: '\u0000' } } })).status,
        ).toBe(201);
        expect((await h.call('POST', u.versions, { body: { name: 'v2' } })).status).toBe(201);
        const csv = 'x,y\n1,a\n2,b\n3,a\n';
        const ref = await h.call('PUT', `${u.versions}/v2/reference`, {
          body: csv,
          headers: { 'content-type': 'text/csv' },
        });
        expect(ref.status).toBe(200);
        expect(ref.body.reference).toMatchObject({ kind: 'upload', rows: 3, columns: 2 });
        for (const v of ['v1', 'v2', 'v1']) {
          expect((await h.call('PUT', `${u.aliases}/production`, { body: { version: v } })).status).toBe(200);
        }
        const models = await h.call('GET', `${u.p}/models`);
        expect(models.body.models).toMatchObject([
          { name: WEIRD_MODEL, versions: 2, aliases: { production: 'v1' } },
        ]);
        const v1 = await h.call('GET', `${u.versions}/production`);
        expect(v1.body).toMatchObject({ name: 'v1', tags: { a: '\u0000' } });
        const aliases = await h.call('GET', u.aliases);
        expect(aliases.body.aliases[0].history.map((m: { to: string }) => m.to)).toEqual(['v1', 'v2', 'v1']);
        const audit = await h.call('GET', `${u.audit}?target=alias`);
        expect(audit.body.entries).toHaveLength(3);
        expect((await h.call('GET', `${u.versions}/v2/reference`)).body.rows).toBe(3);
      } finally {
        await h.close();
        await cleanup();
      }
    });
  });
}
