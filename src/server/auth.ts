/**
 * Authentication (`Authorization: Bearer <key>`) and authorisation helpers.
 * Order of answers: no/unknown key → 401 (with `WWW-Authenticate: Bearer`); unknown project → 404; key of another
 * project or without the scope → 403.
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import { findKeyBySecret } from '../storage/keys-store.ts';
import { findProjectByName, type Project } from '../storage/projects-store.ts';
import { ApiError } from './api-error.ts';
import type { AppEnv } from './context.ts';
import { hasScope, type Principal, type Scope } from './principal.ts';

const NO_AUTH: Principal = {
  keyId: 'no-auth',
  projectId: null,
  scopes: new Set(['admin', 'read', 'ingest']),
};
const CACHE_MS = 2000;

/** Resolves the bearer key (if any) into `c.var.principal`; never rejects by itself. */
export function authMiddleware(): MiddlewareHandler<AppEnv> {
  // Short-lived cache: a hot ingest path would otherwise pay one key lookup per request. Revocation through this
  // process clears it at once (clearKeyCache); other nodes see it within CACHE_MS.
  return async (c, next) => {
    const deps = c.var.deps;
    if (deps.options.noAuth) {
      c.set('principal', NO_AUTH);
      return next();
    }
    const header = c.req.header('authorization');
    const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (m?.[1]) {
      const secret = m[1];
      const cache = keyCache(deps.services);
      const hit = cache.get(secret);
      const now = Date.now();
      let principal: Principal | undefined;
      if (hit && hit.until > now) principal = hit.principal;
      else {
        const key = await findKeyBySecret(deps.storage, secret);
        principal = key
          ? { keyId: key.id, projectId: key.projectId, scopes: new Set(key.scopes) }
          : undefined;
        if (cache.size > 10_000) cache.clear();
        cache.set(secret, { principal, until: now + CACHE_MS });
      }
      c.set('principal', principal);
    } else {
      c.set('principal', undefined);
    }
    return next();
  };
}

interface CacheEntry {
  principal: Principal | undefined;
  until: number;
}
function keyCache(services: Map<string, unknown>): Map<string, CacheEntry> {
  let cache = services.get('auth.keyCache') as Map<string, CacheEntry> | undefined;
  if (!cache) {
    cache = new Map();
    services.set('auth.keyCache', cache);
  }
  return cache;
}

export function clearKeyCache(services: Map<string, unknown>): void {
  keyCache(services).clear();
}

export function unauthorized(): ApiError {
  return new ApiError(
    401,
    'DW_UNAUTHORIZED',
    'Missing or unknown API key: send `Authorization: Bearer <key>`',
    {
      headers: { 'WWW-Authenticate': 'Bearer realm="driftwatch"' },
    },
  );
}

/** The caller must present a valid key. */
export function requirePrincipal(c: Context<AppEnv>): Principal {
  const p = c.var.principal;
  if (!p) throw unauthorized();
  return p;
}

/** The caller must hold the server-wide key. */
export function requireServerKey(c: Context<AppEnv>): Principal {
  const p = requirePrincipal(c);
  if (p.projectId !== null) {
    throw new ApiError(403, 'DW_FORBIDDEN', 'Only the server-wide key (made on first start) may do this');
  }
  return p;
}

/**
 * The caller must hold `scope` on the named project. Returns the project.
 * (Project names arrive percent-decoded from the path.)
 */
export async function requireProject(
  c: Context<AppEnv>,
  projectName: string,
  scope: Scope,
): Promise<{ principal: Principal; project: Project }> {
  const principal = requirePrincipal(c);
  const gated = c.var.project;
  const project =
    gated?.name === projectName ? gated : await findProjectByName(c.var.deps.storage, projectName);
  if (!project)
    throw new ApiError(404, 'DW_PROJECT_NOT_FOUND', `Project ${JSON.stringify(projectName)} does not exist`);
  if (principal.projectId !== null && principal.projectId !== project.id) {
    throw new ApiError(403, 'DW_FORBIDDEN', 'This key belongs to another project');
  }
  if (!hasScope(principal, scope)) {
    throw new ApiError(403, 'DW_FORBIDDEN', `This key lacks the \`${scope}\` scope`);
  }
  return { principal, project };
}

/**
 * Gate for every `/v1/…` route: a valid key is required (401 otherwise); for `/v1/projects/{project}/…` the project
 * must exist (404) and the key must be the server key or one of that project (403). Scope checks stay in the
 * handlers (`requireProject`), which know what each operation needs.
 */
export function projectGate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = requirePrincipal(c);
    const m = /^\/v1\/projects\/([^/]+)(\/|$)/.exec(c.req.path);
    if (m?.[1] !== undefined) {
      let name: string;
      try {
        name = decodeURIComponent(m[1]);
      } catch {
        throw new ApiError(400, 'DW_VALIDATION', 'Project name in the path is not valid percent-encoding', {
          field: 'project',
        });
      }
      const project = await findProjectByName(c.var.deps.storage, name);
      if (!project)
        throw new ApiError(404, 'DW_PROJECT_NOT_FOUND', `Project ${JSON.stringify(name)} does not exist`);
      if (principal.projectId !== null && principal.projectId !== project.id) {
        throw new ApiError(403, 'DW_FORBIDDEN', 'This key belongs to another project');
      }
      c.set('project', project);
    }
    await next();
  };
}
