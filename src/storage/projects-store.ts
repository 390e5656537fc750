/**
 * Projects: the tenancy boundary. Names are 1–128 characters of UTF-8, unique server-wide.
 * @module
 */
import { appendAudit } from './audit-store.ts';
import { newId } from './ids.ts';
import type { StorageHandle } from './open-database.ts';

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
}

export async function findProjectByName(storage: StorageHandle, name: string): Promise<Project | undefined> {
  const row = await storage.db.selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? { id: row.id, name: row.name, createdAt: row.created_at } : undefined;
}

export async function listProjects(storage: StorageHandle): Promise<Project[]> {
  const rows = await storage.db.selectFrom('projects').selectAll().orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
}

/** Creates a project; returns undefined when the name is taken. */
export async function createProject(
  storage: StorageHandle,
  input: { name: string; actor: string | null; now: number },
): Promise<Project | undefined> {
  const id = newId(input.now);
  try {
    await storage.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('projects')
        .values({ id, name: input.name, created_at: input.now, created_by: input.actor })
        .execute();
      await appendAudit(tx, {
        projectId: id,
        actor: input.actor,
        action: 'project.create',
        targetType: 'project',
        targetId: id,
        after: { name: input.name },
        at: input.now,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return undefined;
    throw e;
  }
  return { id, name: input.name, createdAt: input.now };
}

/** SQLite `SQLITE_CONSTRAINT_UNIQUE`/`PRIMARYKEY`, PostgreSQL 23505. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
