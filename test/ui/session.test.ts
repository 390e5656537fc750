/**
 * Dashboard sign-in/out without a browser: the key becomes an HTTP-only, SameSite=Strict session cookie holding
 * only a random id; nothing is visible without it; sign-out and key revocation end the session on the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeKey } from '../../src/storage/keys-store.ts';
import { makeHarness } from '../server/app-harness.ts';
import { type Seeded, seedDashboard } from './seed.ts';

let s: Seeded;
beforeAll(async () => {
  s = await seedDashboard();
});
afterAll(async () => {
  await s.close();
});

async function req(path: string, init: RequestInit = {}): Promise<Response> {
  return s.h.app.request(path, init);
}

async function signIn(key: string, extra: Record<string, string> = {}): Promise<Response> {
  return req('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra },
    body: new URLSearchParams({ key, next: '/projects/shop' }).toString(),
  });
}

function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

describe('dashboard sign-in', () => {
  it('redirects every page to the sign-in form when nobody is signed in', async () => {
    for (const path of [
      '/',
      '/projects/shop',
      '/projects/shop/models/credit-default',
      '/projects/shop/models/credit-default/quality',
      '/projects/shop/models/credit-default/versions',
      '/projects/shop/models/credit-default/records?id=rec-1',
      '/projects/shop/reports',
    ]) {
      const res = await req(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(
        path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`,
      );
      expect(await res.text()).not.toContain('credit-default');
    }
    const json = await req('/projects/shop/overview.json');
    expect(json.status).toBe(401);
  });

  it('serves the sign-in form with a strict CSP and no inline script or style', async () => {
    const res = await req('/login?next=%2Fprojects%2Fshop');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const body = await res.text();
    expect(body).toContain('<form method="post" action="/login">');
    expect(body).toContain('name="next" value="/projects/shop"');
    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(body).not.toMatch(/\sstyle="/);
  });

  it('rejects unknown keys and keys without the read scope', async () => {
    const bad = await signIn('dwk_not_a_key');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    expect(await bad.text()).toContain('Unknown or revoked key.');
    const ingest = await signIn(s.keys.ingest);
    expect(ingest.status).toBe(401);
    expect(await ingest.text()).toContain('lacks the read scope');
  });

  it('turns a read key into an HTTP-only SameSite=Strict session cookie that never contains the key', async () => {
    const res = await signIn(s.keys.read);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/projects/shop');
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/^dw_session=[A-Za-z0-9_-]{43};/);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/');
    expect(set).toMatch(/Max-Age=43200/);
    expect(set).not.toContain('Secure'); // plain http on loopback
    expect(set).not.toContain(s.keys.read);
    expect(set).not.toContain(s.keys.read.slice(4, 20));
    const cookie = cookieOf(res);
    const page = await req('/projects/shop', { headers: { cookie } });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Signed in: read key of shop');
    expect(body).toContain('credit-default');
    // The session row holds the key id, never the key.
    const rows = await s.storage.db
      .selectFrom('meta')
      .selectAll()
      .where('key', 'like', 'ui.session.%')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.value).not.toContain(s.keys.read);
      expect(r.key).not.toContain(cookie.slice('dw_session='.length));
    }
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const res = await signIn(s.keys.read, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('signs out on the server: the old cookie stops working', async () => {
    const cookie = cookieOf(await signIn(s.keys.read));
    expect((await req('/', { headers: { cookie } })).status).toBe(200);
    const out = await req('/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    expect(out.headers.get('set-cookie')).toMatch(/dw_session=;.*Max-Age=0/);
    const after = await req('/', { headers: { cookie } });
    expect(after.status).toBe(303);
  });

  it('ends the session when its key is revoked', async () => {
    const h = await makeHarness();
    try {
      await h.call('POST', '/v1/projects', { body: { name: 'p' } });
      const key = (await h.call('POST', '/v1/projects/p/keys', { body: { scopes: ['read'] } })).body;
      const res = await h.app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: key.key }).toString(),
      });
      const cookie = cookieOf(res);
      expect((await h.app.request('/', { headers: { cookie } })).status).toBe(200);
      const project = await h.deps.storage.db
        .selectFrom('projects')
        .select('id')
        .where('name', '=', 'p')
        .executeTakeFirstOrThrow();
      await revokeKey(h.deps.storage, project.id, key.id, Date.now());
      expect((await h.app.request('/', { headers: { cookie } })).status).toBe(303);
    } finally {
      await h.close();
    }
  });

  it('refuses cross-origin sign-in and sign-out, and never redirects off-site', async () => {
    const cross = await signIn(s.keys.read, { origin: 'https://evil.example', host: 'localhost' });
    expect(cross.status).toBe(403);
    const same = await signIn(s.keys.read, { origin: 'http://localhost', host: 'localhost' });
    expect(same.status).toBe(303);
    const cookie = cookieOf(same);
    const out = await req('/logout', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', host: 'localhost' },
    });
    expect(out.status).toBe(403);
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const res = await req('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: s.keys.read, next }).toString(),
      });
      expect(res.headers.get('location'), next).toBe('/');
    }
  });

  it('accepts a bearer key with read scope (scripts), but not an ingest-only one', async () => {
    expect(
      (await req('/projects/shop', { headers: { authorization: `Bearer ${s.keys.read}` } })).status,
    ).toBe(200);
    expect(
      (await req('/projects/shop', { headers: { authorization: `Bearer ${s.keys.ingest}` } })).status,
    ).toBe(303);
  });

  it('shows everything without sign-in when the server runs with --no-auth', async () => {
    const h = await makeHarness({ noAuth: true });
    try {
      const res = await h.app.request('/');
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('no authentication (loopback only)');
      expect(body).not.toContain('Sign out');
      expect((await h.app.request('/login')).status).toBe(303);
    } finally {
      await h.close();
    }
  });
});
