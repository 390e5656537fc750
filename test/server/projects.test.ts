import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from './app-harness.ts';

describe('projects and keys', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  it('creates a project with the server key, 409 on a duplicate name', async () => {
    const r = await h.call('POST', '/v1/projects', { body: { name: 'démo/📈' } });
    expect(r.status).toBe(201);
    expect(r.body.name).toBe('démo/📈');
    const again = await h.call('POST', '/v1/projects', { body: { name: 'démo/📈' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DW_PROJECT_EXISTS');
  });

  it('401 with WWW-Authenticate without a key or with an unknown key', async () => {
    for (const key of [null, 'dwk_nope']) {
      const r = await h.call('POST', '/v1/projects', { key, body: { name: 'x' } });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(r.body.error.code).toBe('DW_UNAUTHORIZED');
    }
  });

  it('validates names (1–128 characters) and names the field', async () => {
    const long = 'é'.repeat(129);
    for (const name of ['', long, 42]) {
      const r = await h.call('POST', '/v1/projects', { body: { name } });
      expect(r.status).toBe(400);
      expect(r.body.error.field).toBe('name');
    }
    expect((await h.call('POST', '/v1/projects', { body: { name: 'é'.repeat(128) } })).status).toBe(201);
  });

  it('400 on malformed JSON', async () => {
    const r = await h.call('POST', '/v1/projects', {
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('DW_MALFORMED_BODY');
  });

  it('project keys: create (shown once), scope checks, other project 403, revoke', async () => {
    await h.call('POST', '/v1/projects', { body: { name: 'a' } });
    await h.call('POST', '/v1/projects', { body: { name: 'b' } });
    const admin = await h.call('POST', '/v1/projects/a/keys', { body: { scopes: ['admin'] } });
    expect(admin.status).toBe(201);
    expect(admin.body.key).toMatch(/^dwk_/);
    const adminKey = admin.body.key as string;
    // project admin can create keys in its own project only
    const read = await h.call('POST', '/v1/projects/a/keys', { key: adminKey, body: { scopes: ['read'] } });
    expect(read.status).toBe(201);
    expect(
      (await h.call('POST', '/v1/projects/b/keys', { key: adminKey, body: { scopes: ['read'] } })).status,
    ).toBe(403);
    expect(
      (await h.call('POST', '/v1/projects/a/keys', { key: read.body.key, body: { scopes: ['read'] } }))
        .status,
    ).toBe(403);
    expect((await h.call('POST', '/v1/projects', { key: adminKey, body: { name: 'c' } })).status).toBe(403);
    expect((await h.call('POST', '/v1/projects/zzz/keys', { body: { scopes: ['read'] } })).status).toBe(404);
    // list shows only the key's project
    const list = await h.call('GET', '/v1/projects', { key: read.body.key });
    expect(list.body.projects.map((p: { name: string }) => p.name)).toEqual(['a']);
    // revoke
    expect((await h.call('DELETE', `/v1/projects/a/keys/${read.body.id}`, { key: adminKey })).status).toBe(
      204,
    );
    expect((await h.call('GET', '/v1/projects', { key: read.body.key })).status).toBe(401);
    expect((await h.call('DELETE', `/v1/projects/a/keys/${read.body.id}`, { key: adminKey })).status).toBe(
      404,
    );
  });

  it('serves /healthz and /openapi.json without a key', async () => {
    expect((await h.call('GET', '/healthz', { key: null })).status).toBe(200);
    const doc = await h.call('GET', '/openapi.json', { key: null });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/v1/projects/{project}/keys');
  });
});
