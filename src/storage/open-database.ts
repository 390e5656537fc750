/**
 * Opens the database behind a `Kysely<Database>`: embedded SQLite (better-sqlite3) by default, PostgreSQL (`pg`)
 * for several nodes, and brings the schema up to date with the one migration set.
 *
 * SQLite runs in WAL mode with `synchronous = FULL`: every commit fsyncs the WAL, so a write the server has
 * acknowledged survives a process crash *and* a power loss. (`NORMAL` in WAL mode survives a process crash but can
 * lose the last commits on power loss; ingestion batches many records per commit, so FULL costs little.)
 * @module
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.ts';
import { migrationsFor } from './migrations/index.ts';
import type { Database } from './schema.ts';

export interface OpenDatabaseOptions {
  /** `postgres://…` URL; when absent, SQLite is used. */
  readonly url?: string | undefined;
  /** Directory of the SQLite file (`driftwatch.db` inside it). Default `./driftwatch-data`. */
  readonly dataDir?: string | undefined;
  /** SQLite in memory (tests). */
  readonly memory?: boolean | undefined;
  /** PostgreSQL pool size. Default 10. */
  readonly poolSize?: number | undefined;
}

export interface StorageHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** The raw better-sqlite3 connection (SQLite only), for hot paths that bypass the query builder. */
  readonly sqlite?: SqliteDatabase.Database;
  /** The raw `pg` pool (PostgreSQL only). */
  readonly pgPool?: pg.Pool;
  /** Where the data lives, for messages (never includes a password). */
  readonly location: string;
  close(): Promise<void>;
}

let pgParsersSet = false;
function setPgTypeParsers(): void {
  if (pgParsersSet) return;
  pgParsersSet = true;
  // int8 (bigint) arrives as a string by default; epoch-ms timestamps and counts fit in a double exactly.
  pg.types.setTypeParser(20, (v) => Number(v));
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/** Opens (and migrates) the database. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<StorageHandle> {
  const handle = openDatabaseUnmigrated(options);
  try {
    await migrateToLatest(handle);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}

/** Opens without migrating (tests of the migrations themselves). */
export function openDatabaseUnmigrated(options: OpenDatabaseOptions = {}): StorageHandle {
  if (isPostgresUrl(options.url)) {
    setPgTypeParsers();
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      pgPool: pool,
      location: redactUrl(options.url),
      close: () => db.destroy(),
    };
  }
  let file = ':memory:';
  if (!options.memory) {
    const dir = options.dataDir ?? 'driftwatch-data';
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'driftwatch.db');
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlite, location: file, close: () => db.destroy() };
}

/** Applies every pending migration; throws DW_MIGRATION_FAILED with the failing migration's name. */
export async function migrateToLatest(handle: StorageHandle): Promise<readonly string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrationsFor(handle.dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const { DriftwatchError } = await import('../core/errors.ts');
    throw new DriftwatchError(
      'DW_MIGRATION_FAILED',
      `Database migration ${failed?.migrationName ?? ''} failed on ${handle.location}: ${String(
        (error as Error).message ?? error,
      )}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
