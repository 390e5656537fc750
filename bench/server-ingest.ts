/**
 * Server ingest benchmark (not a test): starts the app on a real socket (`@hono/node-server`) over a temporary
 * SQLite data directory (WAL, synchronous=FULL) — and over a temporary PostgreSQL database when
 * DRIFTWATCH_TEST_PG_URL is set — and runs a load client in a CHILD process on the same machine that sends
 * 20-feature records in batches of 500 over HTTP with a few keep-alive connections for a fixed duration.
 *
 * Prints records/s (acknowledged = durable), p50/p95/p99 request latency, the server's RSS at start and end, and
 * the write queue's commit figures. Targets (issue #3, 2 cores, load client included, SQLite): ≥ 20 000 records/s
 * sustained, p99 ≤ 200 ms.
 *
 *   npx tsx bench/server-ingest.ts
 *   env: BENCH_SERVER_SECONDS (default 20), BENCH_SERVER_CONNECTIONS (default 4), BENCH_SERVER_BATCH (default 500),
 *        BENCH_SERVER_WARMUP_SECONDS (default 2), DRIFTWATCH_TEST_PG_URL (also run on PostgreSQL)
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createApp } from '../src/server/app.ts';
import { ensureServerKey } from '../src/server/bootstrap.ts';
import { defaultServerOptions, type ServerDeps, silentLogger } from '../src/server/context.ts';
import { ingestQueue } from '../src/server/ingest/ingest-service.ts';
import { openDatabase, type StorageHandle } from '../src/storage/open-database.ts';

const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_SERVER_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_SERVER_CONNECTIONS ?? 4);
const BATCH = Number(process.env.BENCH_SERVER_BATCH ?? 500);
const FEATURES = 20;
const ADMIN_KEY = `dwk_bench_${randomBytes(16).toString('hex')}`;

interface ClientConfig {
  readonly port: number;
  readonly key: string;
  readonly seconds: number;
  readonly warmup: number;
  readonly connections: number;
  readonly batch: number;
  readonly path: string;
}

interface ClientReport {
  readonly records: number;
  readonly requests: number;
  readonly failures: number;
  readonly statuses: Record<string, number>;
  readonly seconds: number;
  /** Request latencies (ms) of the measured period. */
  readonly latenciesMs: number[];
  /** CPU time (user + system) the client used in the measured period, ms. */
  readonly cpuMs: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Load client (child process).

/** Pre-serialised record bodies without the id: 15 numeric and 5 categorical features, a score and a latency. */
function recordFragments(n: number): string[] {
  const cats = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const features: Record<string, number | string> = {};
    for (let f = 0; f < FEATURES; f++) {
      features[`f${f}`] = f < 15 ? Math.round(Math.random() * 1e6) / 1e3 : cats[(i + f) % cats.length]!;
    }
    const score = Math.random();
    out.push(
      `"features":${JSON.stringify(features)},"prediction":${score > 0.5 ? 1 : 0},"score":${score},` +
        `"latencyMs":${Math.round(Math.random() * 5000) / 100},"segments":{"region":"${cats[i % 3]}"}`,
    );
  }
  return out;
}

async function runClient(cfg: ClientConfig): Promise<ClientReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: cfg.connections });
  const fragments = recordFragments(2000);
  const run = randomBytes(4).toString('hex');
  let seq = 0;
  const makeBody = () => {
    const parts: string[] = new Array(cfg.batch);
    const ts = Date.now();
    for (let i = 0; i < cfg.batch; i++) {
      const n = seq++;
      parts[i] = `{"id":"${run}-${n}","timestamp":${ts},${fragments[n % fragments.length]}}`;
    }
    return `[${parts.join(',')}]`;
  };
  const post = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port: cfg.port,
          method: 'POST',
          path: cfg.path,
          headers: {
            authorization: `Bearer ${cfg.key}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const start = performance.now();
  const measureFrom = start + cfg.warmup * 1000;
  let cpuFrom: NodeJS.CpuUsage | undefined;
  setTimeout(() => (cpuFrom = process.cpuUsage()), cfg.warmup * 1000);
  const end = measureFrom + cfg.seconds * 1000;
  let records = 0;
  let requests = 0;
  let failures = 0;
  const statuses: Record<string, number> = {};
  const latenciesMs: number[] = [];
  const worker = async () => {
    while (performance.now() < end) {
      const body = makeBody();
      const t0 = performance.now();
      let status = 0;
      let text = '';
      try {
        ({ status, text } = await post(body));
      } catch {
        status = -1;
      }
      const t1 = performance.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 429) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      if (status !== 200) {
        failures++;
        if (failures < 3) process.stderr.write(`request failed: ${status} ${text.slice(0, 300)}\n`);
        continue;
      }
      if (t0 >= measureFrom && t1 <= end) {
        const r = JSON.parse(text) as { accepted: number };
        records += r.accepted;
        requests++;
        latenciesMs.push(t1 - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: cfg.connections }, worker));
  const cpu = process.cpuUsage(cpuFrom);
  agent.destroy();
  return {
    records,
    requests,
    failures,
    statuses,
    seconds: cfg.seconds,
    latenciesMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Server side (this process).

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function benchBackend(name: string, storage: StorageHandle): Promise<void> {
  await ensureServerKey(storage, { adminKey: ADMIN_KEY, now: Date.now() });
  const deps: ServerDeps = {
    storage,
    options: { ...defaultServerOptions },
    now: Date.now,
    log: silentLogger,
    services: new Map(),
  };
  const app = createApp(deps);
  const created = await app.request('/v1/projects', {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (created.status !== 201)
    throw new Error(`project create failed: ${created.status} ${await created.text()}`);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
  const port = (server.address() as { port: number }).port;

  global.gc?.();
  const rssStart = process.memoryUsage().rss;
  const cfg: ClientConfig = {
    port,
    key: ADMIN_KEY,
    seconds: SECONDS,
    warmup: WARMUP,
    connections: CONNECTIONS,
    batch: BATCH,
    path: '/v1/projects/bench/models/bench-model/predictions',
  };
  let rssMax = rssStart;
  const rssSamples: number[] = [];
  let ticks = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    rssMax = Math.max(rssMax, rss);
    if (++ticks % 20 === 0) rssSamples.push(rss); // every 10 s
  }, 500);
  // Server CPU over the client's measured period (started after its warm-up).
  let cpuFrom: NodeJS.CpuUsage | undefined;
  const cpuTimer = setTimeout(() => (cpuFrom = process.cpuUsage()), WARMUP * 1000);
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BENCH_SERVER_ROLE: 'client' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const report = await new Promise<ClientReport>((resolve, reject) => {
    child.once('message', (m) => resolve(m as ClientReport));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`client exited with ${code}`)));
    child.send(cfg);
  });
  clearInterval(sampler);
  clearTimeout(cpuTimer);
  const serverCpu = process.cpuUsage(cpuFrom);
  const serverCpuMs = (serverCpu.user + serverCpu.system) / 1000;
  const rssEnd = process.memoryUsage().rss;
  const queue = ingestQueue(deps);
  await queue.close();
  const stats = queue.stats();
  const seriesLat = await benchSeriesQuery(storage, port);
  await new Promise<void>((r) => server.close(() => r()));

  const lat = report.latenciesMs.sort((a, b) => a - b);
  const rate = report.records / report.seconds;
  console.log(
    `\n${name}: ${BATCH}-record batches of ${FEATURES}-feature records, ${CONNECTIONS} connections, ${SECONDS} s (+${WARMUP} s warm-up)`,
  );
  console.log(
    `  throughput     ${Math.round(rate).toLocaleString('en-US')} records/s  (${report.requests} requests measured)`,
  );
  console.log(
    `  latency        p50 ${quantile(lat, 0.5).toFixed(1)} ms   p95 ${quantile(lat, 0.95).toFixed(1)} ms   p99 ${quantile(lat, 0.99).toFixed(1)} ms   max ${lat.at(-1)?.toFixed(1)} ms`,
  );
  console.log(
    `  CPU            server ${(serverCpuMs / report.seconds / 10).toFixed(0)}% of a core (${((serverCpuMs * 1000) / Math.max(1, report.records)).toFixed(1)} µs/record), ` +
      `client ${(report.cpuMs / report.seconds / 10).toFixed(0)}% (${((report.cpuMs * 1000) / Math.max(1, report.records)).toFixed(1)} µs/record); load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`  server RSS     start ${mb(rssStart)}   end ${mb(rssEnd)}   max ${mb(rssMax)}`);
  if (rssSamples.length > 1)
    console.log(`  RSS every 10 s ${rssSamples.map((b) => (b / 1024 / 1024).toFixed(0)).join(' ')} MB`);
  console.log(
    `  commits        ${stats.commits} (${(stats.accepted / Math.max(1, stats.commits)).toFixed(0)} records/commit avg, ` +
      `${(stats.commitLatencySumMs / Math.max(1, stats.commits)).toFixed(1)} ms avg, ${stats.commitLatencyMaxMs.toFixed(1)} ms max)`,
  );
  console.log(
    `  statuses       ${JSON.stringify(report.statuses)}${report.failures ? `  FAILURES ${report.failures}` : ''}`,
  );
  console.log(
    `  series query   30-day hourly series (720 points of ${SERIES_METRICS} metrics), ${seriesLat.length} GETs over HTTP: ` +
      `p50 ${quantile(seriesLat, 0.5).toFixed(1)} ms   p95 ${quantile(seriesLat, 0.95).toFixed(1)} ms   (target p95 ≤ 50 ms)`,
  );
  if (name.startsWith('SQLite'))
    console.log(
      `  targets (SQLite): ≥ 20 000 records/s ${rate >= 20_000 ? 'met' : 'NOT met'}; p99 ≤ 200 ms ${quantile(lat, 0.99) <= 200 ? 'met' : 'NOT met'}`,
    );
}

const SERIES_METRICS = 40;

/** Seeds 30 days of hourly series rows for the bench model, then times GET …/series for one metric over 30 days. */
async function benchSeriesQuery(storage: StorageHandle, port: number): Promise<number[]> {
  const model = await storage.db
    .selectFrom('models')
    .select('id')
    .where('name', '=', 'bench-model')
    .executeTakeFirstOrThrow();
  const HOUR = 3_600_000;
  const end = Math.floor(Date.now() / HOUR) * HOUR;
  const start = end - 30 * 24 * HOUR;
  const rows = [];
  for (let m = 0; m < SERIES_METRICS; m++) {
    const metric = m === 0 ? 'drift.share' : `drift.feature.f${m}`;
    for (let t = start; t < end; t += HOUR) {
      rows.push({
        model_id: model.id,
        metric,
        granularity: '1h',
        version_key: '*',
        segment: '',
        start_ms: t,
        end_ms: t + HOUR,
        value: Math.random(),
        exact: 1,
        rows: 500,
        method: 'wasserstein',
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await storage.db
      .insertInto('series')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const url =
    `http://127.0.0.1:${port}/v1/projects/bench/models/bench-model/series?metric=drift.share&window=1h` +
    `&from=${new Date(start).toISOString()}&to=${new Date(end).toISOString()}`;
  const lat: number[] = [];
  for (let i = 0; i < 220; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const body = (await res.json()) as { points?: unknown[] };
    if (res.status !== 200 || body.points?.length !== 720)
      throw new Error(`series query: ${res.status} ${body.points?.length}`);
    if (i >= 20) lat.push(performance.now() - t0); // first 20 warm up
  }
  return lat.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  console.log(`driftwatch server ingest benchmark — node ${process.version}`);
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-bench-'));
  try {
    const storage = await openDatabase({ dataDir: dir });
    try {
      await benchBackend('SQLite (WAL, synchronous=FULL)', storage);
    } finally {
      await storage.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const pgUrl = process.env.DRIFTWATCH_TEST_PG_URL;
  if (!pgUrl) {
    console.log('\nPostgreSQL: skipped (set DRIFTWATCH_TEST_PG_URL to run it)');
    return;
  }
  const dbName = `driftwatch_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${dbName}`;
  try {
    const storage = await openDatabase({ url: u.toString() });
    try {
      await benchBackend('PostgreSQL', storage);
    } finally {
      await storage.close();
    }
  } finally {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  }
}

if (process.env.BENCH_SERVER_ROLE === 'client') {
  process.once('message', (cfg) => {
    void runClient(cfg as ClientConfig).then((report) => {
      process.send!(report, () => process.exit(0));
    });
  });
} else {
  await main();
}
