/**
 * Two nodes (issue 3): two `driftwatch serve` processes share one PostgreSQL on loopback. Phase 1: both ingest
 * (records of one model split between them; windows not yet due because of a huge grace). Phase 2: both restart
 * with no grace and race to evaluate every ended window; each window must be evaluated exactly once (revision 1),
 * over the records of BOTH nodes, and the window's profile must cover all of them.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTempPgDatabase, hasPostgres } from '../support/postgres.ts';
import { type ServeProcess, startServeProcess } from '../support/serve-process.ts';

const KEY = 'dwk_two_nodes_server_key_0123456789abcdef';
const HOUR = 3_600_000;

type Node = ServeProcess;

const startNode = (dbUrl: string, grace: string) =>
  startServeProcess(['--database', dbUrl, '--grace', grace], KEY);

async function stopNode(n: Node): Promise<void> {
  n.child.kill('SIGTERM');
  expect(await n.exited).toBe(0);
}

async function post(url: string, path: string, body: unknown, key = KEY) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe.runIf(hasPostgres('two nodes on one PostgreSQL'))('two nodes on one PostgreSQL', () => {
  it('both ingest, and every window is evaluated exactly once over both nodes\u2019 records', async () => {
    const tmp = await createTempPgDatabase();
    const nodes: Node[] = [];
    try {
      // Phase 1: ingest through both nodes; nothing is due yet.
      nodes.push(await startNode(tmp.url, '10000h'));
      nodes.push(await startNode(tmp.url, '10000h'));
      const [a, b] = nodes as [Node, Node];
      expect((await post(a.url, '/v1/projects', { name: 'shared' })).status).toBe(201);
      // Three whole hours that ended at least an hour ago.
      const base = Math.floor(Date.now() / HOUR) * HOUR - 4 * HOUR;
      const perNode = 3 * 120;
      const batches = [a, b].map((_node, n) =>
        Array.from({ length: perNode }, (_, i) => ({
          id: `n${n}-${i}`,
          timestamp: base + Math.floor((i / perNode) * 3 * HOUR),
          features: { x: n + (i % 17) / 17, c: i % 2 ? 'a' : 'b' },
          prediction: i % 2,
        })),
      );
      const answers = await Promise.all(
        [a, b].map((node, n) => post(node.url, '/v1/projects/shared/models/m/predictions', batches[n])),
      );
      for (const r of answers) expect(r.body).toMatchObject({ accepted: perNode, rejected: 0 });
      await Promise.all(nodes.map(stopNode));
      nodes.length = 0;

      // Phase 2: both nodes race on the same ended windows.
      nodes.push(await startNode(tmp.url, '0s'));
      nodes.push(await startNode(tmp.url, '0s'));
      const client = new pg.Client({ connectionString: tmp.url });
      await client.connect();
      try {
        const deadline = Date.now() + 60_000;
        let rows: Array<{
          start_ms: string;
          status: string;
          revision: number;
          rows: number;
          lease_owner: string;
        }> = [];
        for (;;) {
          rows = (
            await client.query(
              `select start_ms, status, revision, rows, lease_owner from windows
               where granularity = '1h' and version_key = '*' order by start_ms`,
            )
          ).rows;
          if (rows.length === 3 && rows.every((r) => r.status === 'evaluated')) break;
          if (Date.now() > deadline)
            throw new Error(`windows not evaluated in 60 s: ${JSON.stringify(rows)}`);
          await new Promise((r) => setTimeout(r, 500));
        }
        // Give the loser of every race time to (wrongly) evaluate again, then check nothing was evaluated twice.
        await new Promise((r) => setTimeout(r, 6000));
        rows = (
          await client.query(
            `select start_ms, status, revision, rows from windows where granularity = '1h' order by version_key, start_ms`,
          )
        ).rows;
        for (const r of rows)
          expect({ ...r, revision: Number(r.revision) }).toMatchObject({ status: 'evaluated', revision: 1 });
        const all = rows.filter((_, i) => i < 3);
        // Each hour holds 120 records from each node.
        const star = (
          await client.query(
            `select rows, profile_json from windows where granularity = '1h' and version_key = '*' order by start_ms`,
          )
        ).rows;
        expect(star.map((r) => Number(r.rows))).toEqual([240, 240, 240]);
        for (const r of star) expect(JSON.parse(r.profile_json).rows).toBe(240);
        expect(all.length).toBe(3);
        // No reference yet (the first full day has not passed), so the windows carry health and data figures only.
        const series = await client.query(
          `select value from series where metric = 'health.rows' and granularity = '1h' and version_key = '*' and segment = '' order by start_ms`,
        );
        expect(series.rows.map((r) => Number(r.value))).toEqual([240, 240, 240]);
      } finally {
        await client.end();
      }
    } finally {
      for (const n of nodes) {
        n.child.kill('SIGKILL');
        await n.exited;
      }
      await tmp.drop();
    }
  }, 180_000);
});
