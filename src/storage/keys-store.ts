/**
 * API keys: random 256-bit secrets shown once, stored as sha256 (a fast hash is enough for high-entropy keys —
 * there is nothing to brute-force), looked up by hash and compared in constant time.
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from './ids.ts';
import type { StorageHandle } from './open-database.ts';

export type KeyScope = 'ingest' | 'read' | 'admin';

export interface StoredKey {
  readonly id: string;
  readonly projectId: string | null;
  readonly scopes: readonly KeyScope[];
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

export function generateKeySecret(): string {
  return `dwk_${randomBytes(32).toString('base64url')}`;
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Creates a key; returns the stored row and the secret (never stored). */
export async function createKey(
  storage: StorageHandle,
  input: {
    projectId: string | null;
    scopes: readonly KeyScope[];
    createdBy: string | null;
    secret?: string;
    now: number;
  },
): Promise<{ key: StoredKey; secret: string }> {
  const secret = input.secret ?? generateKeySecret();
  const id = newId(input.now);
  await storage.db
    .insertInto('api_keys')
    .values({
      id,
      project_id: input.projectId,
      key_hash: hashKey(secret),
      scopes: JSON.stringify(input.scopes),
      created_at: input.now,
      created_by: input.createdBy,
      revoked_at: null,
    })
    .execute();
  return {
    key: { id, projectId: input.projectId, scopes: input.scopes, createdAt: input.now, revokedAt: null },
    secret,
  };
}

/** Finds an active key by its secret, or undefined. */
export async function findKeyBySecret(
  storage: StorageHandle,
  secret: string,
): Promise<StoredKey | undefined> {
  const hash = hashKey(secret);
  const row = await storage.db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  // The index lookup already matched; compare again in constant time so timing never depends on the secret.
  if (!timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
  return {
    id: row.id,
    projectId: row.project_id,
    scopes: JSON.parse(row.scopes) as KeyScope[],
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export async function hasServerKey(storage: StorageHandle): Promise<boolean> {
  const row = await storage.db
    .selectFrom('api_keys')
    .select('id')
    .where('project_id', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Revokes a project's key; returns false when no such active key exists in that project. */
export async function revokeKey(
  storage: StorageHandle,
  projectId: string,
  keyId: string,
  now: number,
): Promise<boolean> {
  const res = await storage.db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', keyId)
    .where('project_id', '=', projectId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
