/**
 * First start: create the server-wide admin key (from DRIFTWATCH_ADMIN_KEY, else random, printed once).
 * @module
 */
import { appendAudit } from '../storage/audit-store.ts';
import { createKey, hasServerKey } from '../storage/keys-store.ts';
import type { StorageHandle } from '../storage/open-database.ts';
import { isUniqueViolation } from '../storage/projects-store.ts';

/** Returns the new secret on first start, else undefined (the key exists already and is never shown again). */
export async function ensureServerKey(
  storage: StorageHandle,
  options: { adminKey?: string | undefined; now: number },
): Promise<{ created: boolean; secret?: string }> {
  // A DRIFTWATCH_ADMIN_KEY given on a later start is not an error: it only applies on first start.
  if (await hasServerKey(storage)) return { created: false };
  let created: Awaited<ReturnType<typeof createKey>>;
  try {
    created = await createKey(storage, {
      projectId: null,
      scopes: ['admin', 'read', 'ingest'],
      createdBy: 'first-start',
      now: options.now,
      ...(options.adminKey ? { secret: options.adminKey } : {}),
    });
  } catch (e) {
    // Two nodes starting together on one PostgreSQL with the same DRIFTWATCH_ADMIN_KEY: the other one won.
    if (isUniqueViolation(e)) return { created: false };
    throw e;
  }
  const { key, secret } = created;
  await appendAudit(storage.db, {
    projectId: null,
    actor: 'first-start',
    action: 'key.create',
    targetType: 'key',
    targetId: key.id,
    after: { scopes: key.scopes, serverWide: true },
    at: options.now,
  });
  return { created: true, secret };
}
