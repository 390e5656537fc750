/**
 * Dashboard sessions, kept in the `meta` table so every node of a multi-node deployment sees them and a
 * sign-out ends the session everywhere. The cookie carries only a random 256-bit session id; the row is keyed
 * by its sha256 (a leaked database does not yield usable cookies) and holds the API key's id, never the key.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StorageHandle } from '../../storage/open-database.ts';

const PREFIX = 'ui.session.';

export interface Session {
  readonly keyId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

function rowKey(sessionId: string): string {
  return PREFIX + createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

/** A new random session id (base64url, 43 characters). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** Session ids are exactly what `newSessionId` makes; anything else is rejected before any lookup. */
export function isWellFormedSessionId(s: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(s);
}

export async function createSession(
  storage: StorageHandle,
  sessionId: string,
  session: Session,
): Promise<void> {
  await storage.db
    .insertInto('meta')
    .values({ key: rowKey(sessionId), value: JSON.stringify(session) })
    .execute();
}

/** The live session for this id, or undefined (unknown or expired). */
export async function findSession(
  storage: StorageHandle,
  sessionId: string,
  now: number,
): Promise<Session | undefined> {
  if (!isWellFormedSessionId(sessionId)) return undefined;
  const row = await storage.db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', rowKey(sessionId))
    .executeTakeFirst();
  if (!row) return undefined;
  let s: Session;
  try {
    s = JSON.parse(row.value) as Session;
  } catch {
    return undefined;
  }
  return typeof s.keyId === 'string' && typeof s.expiresAt === 'number' && s.expiresAt > now ? s : undefined;
}

export async function deleteSession(storage: StorageHandle, sessionId: string): Promise<void> {
  if (!isWellFormedSessionId(sessionId)) return;
  await storage.db.deleteFrom('meta').where('key', '=', rowKey(sessionId)).execute();
}

/** Removes expired sessions (called at sign-in, so the table stays small without a timer). */
export async function purgeExpiredSessions(storage: StorageHandle, now: number): Promise<number> {
  const rows = await storage.db
    .selectFrom('meta')
    .select(['key', 'value'])
    .where('key', 'like', `${PREFIX}%`)
    .execute();
  const expired: string[] = [];
  for (const r of rows) {
    try {
      if ((JSON.parse(r.value) as Session).expiresAt <= now) expired.push(r.key);
    } catch {
      expired.push(r.key);
    }
  }
  if (expired.length > 0) await storage.db.deleteFrom('meta').where('key', 'in', expired).execute();
  return expired.length;
}

/** The key behind a session if it is still active (revoking the key ends its sessions). */
export async function activeKey(
  storage: StorageHandle,
  keyId: string,
): Promise<{ id: string; projectId: string | null; scopes: string[] } | undefined> {
  const row = await storage.db
    .selectFrom('api_keys')
    .select(['id', 'project_id', 'scopes'])
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, projectId: row.project_id, scopes: JSON.parse(row.scopes) as string[] };
}
