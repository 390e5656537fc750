/**
 * `npm run bench`: end-to-end and compute-only timings of `driftwatch report` on generated
 * 25-column CSV pairs (100k and 1M rows), plus HTML rendering. Prints a table; numbers go in the README.
 * Targets (issue #5): 100k × 25 end to end ≤ 1.0 s; 1M × 25 end to end ≤ 8 s with peak RSS ≤ 2.5 GB.
 */
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData } from './generate.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = join(here, '.data');
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface CliRun {
  wallMs: number;
  maxRssMb: number;
}

function runCli(args: string[]): CliRun {
  const start = performance.now();
  const res = spawnSync(process.execPath, [join(here, 'measure-cli.mjs'), ...args], { encoding: 'utf8' });
  const wallMs = performance.now() - start;
  const m = /BENCH_MAX_RSS_KB=(\d+)/.exec(res.stderr);
  if (res.status !== 0 || !m) throw new Error(`CLI failed (${res.status}): ${res.stderr}`);
  return { wallMs, maxRssMb: Number(m[1]) / 1024 };
}

async function main(): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const { readDataset } = await import('../dist/readers/index.js' as string);
  const { compareTables } = await import('../dist/core/report/compare-tables.js' as string);
  const { renderHtml } = await import('../dist/renderers/html/index.js' as string);
  console.log(`driftwatch benchmark — node ${process.version}, ${runs} runs each, median reported\n`);
  const rows: string[][] = [];
  for (const n of sizes) {
    process.stderr.write(`generating ${n}-row data (cached in bench/.data)…\n`);
    const { reference, current } = await ensureData(dataDir, n);
    const out = join(dataDir, `result-${n}.json`);
    const e2e: CliRun[] = [];
    for (let i = 0; i < runs; i++) {
      e2e.push(runCli(['report', '--reference', reference, '--current', current, '--json', out, '--quiet']));
    }
    const readMs: number[] = [];
    const computeMs: number[] = [];
    const htmlMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const [ref, cur] = await Promise.all([
        readDataset(reference, { prepare: true }),
        readDataset(current, { prepare: true }),
      ]);
      readMs.push(performance.now() - t);
      t = performance.now();
      const result = compareTables(ref, cur);
      computeMs.push(performance.now() - t);
      t = performance.now();
      renderHtml(result);
      htmlMs.push(performance.now() - t);
    }
    const wall = median(e2e.map((r) => r.wallMs));
    const totalRows = 2 * n;
    rows.push([
      `${n.toLocaleString('en')} × 25 (×2 files)`,
      `${(wall / 1000).toFixed(3)} s`,
      `${Math.round(totalRows / (wall / 1000)).toLocaleString('en')}`,
      `${Math.round(Math.max(...e2e.map((r) => r.maxRssMb)))} MB`,
      `${(median(readMs) / 1000).toFixed(3)} s`,
      `${(median(computeMs) / 1000).toFixed(3)} s`,
      `${Math.round(totalRows / (median(computeMs) / 1000)).toLocaleString('en')}`,
      `${Math.round(median(htmlMs))} ms`,
    ]);
  }
  const header = [
    'dataset',
    'CLI end-to-end',
    'rows/s',
    'peak RSS',
    'read (in-process)',
    'compute',
    'compute rows/s',
    'HTML render',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log(
    '\nCLI end-to-end: `driftwatch report --json` from process start to exit; rows/s counts both files.',
  );
  // Model quality + chunks (issue #2 target: ≤ 3 s compute for 1M rows in 10 chunks).
  if (process.env.BENCH_MODEL !== '0') {
    const { classificationTable } = await import('./classification.ts');
    const reference = classificationTable(100_000, 0, 11);
    const current = classificationTable(1_000_000, 0.5, 12);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      compareTables(reference, current, {
        roles: { target: 'target', prediction: 'prediction', score: 'score' },
        chunks: { count: 10 },
      });
      times.push(performance.now() - t);
    }
    console.log(
      `\nbinary classifier, reference 100k rows, current 1M rows in 10 chunks (realized quality, CBPE, drift and ` +
        `correlations per chunk, 5 features): compute ${(median(times) / 1000).toFixed(3)} s (median of ${runs})`,
    );
  }

  // The monitoring server: HTTP ingestion on SQLite (and PostgreSQL when DRIFTWATCH_TEST_PG_URL is set), series
  // query latency, RSS over the run. BENCH_SERVER_SECONDS=300 makes it the 5-minute soak.
  if (process.env.BENCH_SERVER !== '0') {
    const res = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(here, 'server-ingest.ts')],
      {
        stdio: 'inherit',
        env: process.env,
      },
    );
    if (res.status !== 0) throw new Error(`server benchmark failed with exit code ${res.status}`);
  }
}

await main();
