/**
 * The one migration set for both backends. Names sort in application order; never edit a migration that has
 * shipped — add the next one (they upgrade an existing data directory in place).
 * @module
 */
import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { initialMigration } from './0001-initial.ts';

export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
  };
}
