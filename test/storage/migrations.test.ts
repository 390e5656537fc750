import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/storage/open-database.ts';
import { backends } from './backends.ts';

for (const backend of backends('storage migrations')) {
  describe(`migrations (${backend.name})`, () => {
    it('creates every table and is idempotent', async () => {
      const { handle, cleanup } = await backend.open();
      try {
        const tables = (await handle.db.introspection.getTables()).map((t) => t.name).sort();
        for (const t of [
          'api_keys',
          'audit_log',
          'labels',
          'models',
          'projects',
          'records',
          'series',
          'versions',
          'windows',
        ]) {
          expect(tables).toContain(t);
        }
        expect(await migrateToLatest(handle)).toEqual([]);
      } finally {
        await cleanup();
      }
    });

    it('round-trips epoch-ms timestamps as numbers', async () => {
      const { handle, cleanup } = await backend.open();
      try {
        const at = Date.UTC(2026, 10, 23, 12, 0, 0, 123);
        await handle.db
          .insertInto('projects')
          .values({ id: 'p1', name: 'demo ✓', created_at: at, created_by: null })
          .execute();
        const row = await handle.db.selectFrom('projects').selectAll().executeTakeFirstOrThrow();
        expect(row.created_at).toBe(at);
        expect(typeof row.created_at).toBe('number');
        expect(row.name).toBe('demo ✓');
      } finally {
        await cleanup();
      }
    });
  });
}
