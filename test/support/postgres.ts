/**
 * PostgreSQL for tests: `DRIFTWATCH_TEST_PG_URL` points at a server where the role may CREATE DATABASE
 * (`.ci/run` starts Debian's PostgreSQL and sets it). Without it, PostgreSQL suites skip with a visible notice —
 * except under `CI=true`, where a missing server is a failure, never a silent skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function pgTestUrl(): string | undefined {
  const url = process.env.DRIFTWATCH_TEST_PG_URL;
  if (url) return url;
  if (process.env.CI === 'true') {
    throw new Error('DRIFTWATCH_TEST_PG_URL is not set under CI=true: .ci/run must start PostgreSQL');
  }
  return undefined;
}

/** True when PostgreSQL suites should run; prints the skip notice once per file otherwise. */
export function hasPostgres(suite: string): boolean {
  const url = pgTestUrl();
  if (!url) console.warn(`\n⚠ SKIPPED (no PostgreSQL): ${suite} — set DRIFTWATCH_TEST_PG_URL to run it\n`);
  return url !== undefined;
}

/** Creates a fresh database for one test file; returns its URL and a drop function. */
export async function createTempPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = pgTestUrl();
  if (!base) throw new Error('no PostgreSQL');
  const name = `driftwatch_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
