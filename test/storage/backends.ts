/**
 * The storage suites run against both backends: SQLite in memory always, PostgreSQL when available
 * (see test/support/postgres.ts).
 */
import { openDatabase, type StorageHandle } from '../../src/storage/open-database.ts';
import { createTempPgDatabase, hasPostgres } from '../support/postgres.ts';

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<{ handle: StorageHandle; cleanup: () => Promise<void> }>;
}

export function backends(suite: string): Backend[] {
  const list: Backend[] = [
    {
      name: 'sqlite',
      async open() {
        const handle = await openDatabase({ memory: true });
        return { handle, cleanup: () => handle.close() };
      },
    },
  ];
  if (hasPostgres(suite)) {
    list.push({
      name: 'postgres',
      async open() {
        const tmp = await createTempPgDatabase();
        const handle = await openDatabase({ url: tmp.url, poolSize: 4 });
        return {
          handle,
          cleanup: async () => {
            await handle.close();
            await tmp.drop();
          },
        };
      },
    });
  }
  return list;
}
