/**
 * Sign-in for the dashboard: an API key (read scope is enough) is exchanged for a session cookie that is
 * HTTP-only (no script can read it), `SameSite=Strict` (never sent on cross-site requests, which also stops
 * cross-site form posts), `Secure` when the request came over HTTPS, and `Path=/`. The cookie holds a random
 * session id only; the key is never stored in it or anywhere in clear.
 * @module
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../server/context.ts';
import { hasScope, type Principal, type Scope } from '../server/principal.ts';
import { findKeyBySecret } from '../storage/keys-store.ts';
import {
  activeKey,
  createSession,
  deleteSession,
  findSession,
  newSessionId,
  purgeExpiredSessions,
} from './data/session-store.ts';

export const SESSION_COOKIE = 'dw_session';
/** Session lifetime: 12 hours. */
export const SESSION_TTL_MS = 12 * 3_600_000;

const NO_AUTH: Principal = {
  keyId: 'no-auth',
  projectId: null,
  scopes: new Set(['admin', 'read', 'ingest']),
};

function isHttps(c: Context<AppEnv>): boolean {
  const proto = c.req.header('x-forwarded-proto');
  if (proto) return proto.split(',')[0]!.trim().toLowerCase() === 'https';
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * Who is looking: with `--no-auth`, everyone (loopback only); else the session cookie's key, or a bearer key
 * (for scripts and curl). Undefined when nobody is signed in or the key cannot read.
 */
export async function uiPrincipal(c: Context<AppEnv>): Promise<Principal | undefined> {
  const deps = c.var.deps;
  if (deps.options.noAuth) return NO_AUTH;
  const sid = getCookie(c, SESSION_COOKIE);
  if (sid) {
    const session = await findSession(deps.storage, sid, deps.now());
    if (session) {
      const key = await activeKey(deps.storage, session.keyId);
      if (key) {
        const p: Principal = {
          keyId: key.id,
          projectId: key.projectId,
          scopes: new Set(key.scopes as Scope[]),
        };
        if (hasScope(p, 'read')) return p;
      }
    }
  }
  const bearer = c.var.principal;
  return bearer && hasScope(bearer, 'read') ? bearer : undefined;
}

export type SignInResult = { ok: true } | { ok: false; reason: 'unknown' | 'scope' };

/** Checks the key and, when it may read, starts a session and sets the cookie. */
export async function signIn(c: Context<AppEnv>, secret: string): Promise<SignInResult> {
  const deps = c.var.deps;
  const key = secret ? await findKeyBySecret(deps.storage, secret.trim()) : undefined;
  if (!key) return { ok: false, reason: 'unknown' };
  const principal: Principal = { keyId: key.id, projectId: key.projectId, scopes: new Set(key.scopes) };
  if (!hasScope(principal, 'read')) return { ok: false, reason: 'scope' };
  const now = deps.now();
  await purgeExpiredSessions(deps.storage, now);
  const sid = newSessionId();
  await createSession(deps.storage, sid, { keyId: key.id, createdAt: now, expiresAt: now + SESSION_TTL_MS });
  setCookie(c, SESSION_COOKIE, sid, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
  return { ok: true };
}

/** Ends the session (server-side, so a copied cookie stops working too) and clears the cookie. */
export async function signOut(c: Context<AppEnv>): Promise<void> {
  const sid = getCookie(c, SESSION_COOKIE);
  if (sid) await deleteSession(c.var.deps.storage, sid);
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c) });
}

/**
 * Form posts must come from this origin. Browsers send `Origin` on POST; when it is present it must match the
 * host the request was sent to (defence in depth besides `SameSite=Strict`).
 */
export function sameOrigin(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return origin !== 'null';
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
