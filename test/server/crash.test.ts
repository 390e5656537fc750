/**
 * Crash test (issue 3, reliability): senders stream records to `driftwatch serve` and remember which were
 * acknowledged (200 with every record accepted or duplicate); the server is `kill -9`ed mid-stream and restarted on
 * the same data; then every acknowledged record must be present exactly once, re-sending acknowledged batches must
 * store nothing new, and the batches that were in flight at the crash can be re-sent safely (idempotent ids).
 * Runs against SQLite (WAL, synchronous=FULL) and PostgreSQL (when DRIFTWATCH_TEST_PG_URL is set).
 * Uses the built CLI (`dist/cli/main.js`), as users run it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/open-database.ts';
import { createTempPgDatabase, hasPostgres } from '../support/postgres.ts';
import { startServeProcess } from '../support/serve-process.ts';

const KEY = 'dwk_crash_test_server_key_0123456789abcdef';
const PROJECT = 'crash';
const MODEL = 'stream';
const SENDERS = 4;
const BATCH = 50;

const startServe = (args: string[]) => startServeProcess(args, KEY);

function record(id: string, i: number) {
  return {
    id,
    features: { amount: (i * 7.3) % 100, country: i % 3 === 0 ? 'DE' : 'FR', flag: i % 2 === 0 },
    prediction: i % 2,
    timestamp: Date.now() - (i % 1000),
  };
}

async function post(url: string, path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const predictionsPath = `/v1/projects/${PROJECT}/models/${MODEL}/predictions`;

interface StreamResult {
  acknowledged: string[][];
  /** Batches sent without a usable answer (in flight at the crash). */
  unknown: string[][];
  sent: Set<string>;
}

/** Senders post batches in a loop until their request fails (the server died). */
async function stream(url: string, stopAfterAcks: number, kill: () => void): Promise<StreamResult> {
  const result: StreamResult = { acknowledged: [], unknown: [], sent: new Set() };
  let killed = false;
  const sender = async (s: number) => {
    for (let seq = 0; ; seq++) {
      const ids = Array.from({ length: BATCH }, (_, i) => `s${s}-b${seq}-r${i}`);
      for (const id of ids) result.sent.add(id);
      try {
        const r = await post(
          url,
          predictionsPath,
          ids.map((id, i) => record(id, seq * BATCH + i)),
        );
        const b = r.body as { accepted?: number; duplicates?: number; rejected?: number };
        if (r.status === 200 && b.rejected === 0 && (b.accepted ?? 0) + (b.duplicates ?? 0) === BATCH) {
          result.acknowledged.push(ids);
        } else {
          result.unknown.push(ids);
          if (r.status !== 429 && r.status !== 503) throw new Error(`unexpected answer ${r.status}`);
        }
      } catch (e) {
        result.unknown.push(ids);
        if (killed) return; // connection refused / reset: the server is gone
        throw e;
      }
      if (!killed && result.acknowledged.length >= stopAfterAcks) {
        killed = true;
        kill(); // while the other senders still have requests in flight
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, (_, s) => sender(s)));
  return result;
}

const suites: {
  name: string;
  enabled: boolean;
  setup: () => Promise<{
    args: string[];
    cleanup: () => Promise<void>;
    openArgs: { url?: string; dataDir?: string };
  }>;
}[] = [
  {
    name: 'SQLite',
    enabled: true,
    setup: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'dw-crash-'));
      return {
        args: ['--data-dir', dataDir],
        openArgs: { dataDir },
        cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    enabled: hasPostgres('crash test on PostgreSQL'),
    setup: async () => {
      const pgdb = await createTempPgDatabase();
      return { args: ['--database', pgdb.url], openArgs: { url: pgdb.url }, cleanup: pgdb.drop };
    },
  },
];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

for (const suite of suites) {
  describe.skipIf(!suite.enabled)(`crash (kill -9) on ${suite.name}`, () => {
    it('every acknowledged record survives exactly once; re-sends are duplicates', {
      timeout: 120_000,
    }, async () => {
      const { args, openArgs, cleanup } = await suite.setup();
      cleanups.push(cleanup);

      let server = await startServe(args);
      expect((await post(server.url, '/v1/projects', { name: PROJECT })).status).toBe(201);
      // One batch first, so the model exists before the concurrent senders start.
      const warm = Array.from({ length: BATCH }, (_, i) => `warm-${i}`);
      expect((await post(server.url, predictionsPath, warm.map(record))).body).toMatchObject({
        accepted: BATCH,
      });

      const s = server;
      const result = await stream(server.url, 40, () => s.child.kill('SIGKILL'));
      const exitCode = await server.exited;
      expect(exitCode).toBeNull(); // killed by the signal
      expect(server.child.signalCode).toBe('SIGKILL');
      result.acknowledged.push(warm);
      for (const id of warm) result.sent.add(id);
      expect(result.acknowledged.length).toBeGreaterThanOrEqual(41);
      expect(result.unknown.length).toBeGreaterThan(0); // the crash really was mid-stream

      // Restart on the same data.
      server = await startServe(args);
      // Acknowledged batches re-sent: nothing new is stored.
      for (const ids of result.acknowledged.slice(0, 5)) {
        const r = await post(server.url, predictionsPath, ids.map(record));
        expect(r.body).toMatchObject({ accepted: 0, duplicates: BATCH, rejected: 0 });
      }
      // Batches in flight at the crash: the client re-sends them; each record is stored at most once.
      for (const ids of result.unknown) {
        const r = await post(server.url, predictionsPath, ids.map(record));
        expect(r.status).toBe(200);
        expect((r.body.accepted as number) + (r.body.duplicates as number)).toBe(BATCH);
      }
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);

      const storage = await openDatabase(openArgs);
      try {
        const model = await storage.db
          .selectFrom('models')
          .innerJoin('projects', 'projects.id', 'models.project_id')
          .select('models.id')
          .where('projects.name', '=', PROJECT)
          .where('models.name', '=', MODEL)
          .executeTakeFirstOrThrow();
        const rows = await storage.db
          .selectFrom('records')
          .select('record_id')
          .where('model_id', '=', model.id)
          .execute();
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(r.record_id, (counts.get(r.record_id) ?? 0) + 1);
        const acked = result.acknowledged.flat();
        const missing = acked.filter((id) => counts.get(id) !== 1);
        expect(missing, 'acknowledged records missing or stored twice').toEqual([]);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        // Nothing that was never sent; everything sent is now there once (acknowledged + re-sent in-flight).
        expect([...counts.keys()].filter((id) => !result.sent.has(id))).toEqual([]);
        expect(counts.size).toBe(result.sent.size);
      } finally {
        await storage.close();
      }
    });
  });
}
