/**
 * Who is calling: resolved from `Authorization: Bearer <key>` by the auth middleware.
 * @module
 */
export type Scope = 'ingest' | 'read' | 'admin';
export const SCOPES: readonly Scope[] = ['ingest', 'read', 'admin'];

export interface Principal {
  readonly keyId: string;
  /** null for the server-wide key (and for `--no-auth`), which may act on every project. */
  readonly projectId: string | null;
  readonly scopes: ReadonlySet<Scope>;
}

/** A project `admin` key includes `read` and `ingest`. */
export function hasScope(p: Principal, scope: Scope): boolean {
  return p.projectId === null || p.scopes.has(scope) || p.scopes.has('admin');
}
