/**
 * Reader micro-benchmark: cold-process read times (like one CLI run) and peak RSS.
 *
 *   npm run build && npx tsx bench/readers.ts [--runs 5] [--big] [--dist dist]
 *
 * Generates (once, deterministic) in `$TMPDIR/driftwatch-bench-readers/`:
 * - `ref-100k.csv`, `cur-100k.csv`: 100k rows × 25 columns = 20 float columns (~2 % empty cells,
 *   shortest round-trip text, i.e. mostly 16–17 significant digits, as pandas `to_csv` writes) + 5
 *   string columns with 3, 7, 12, 25, 50 categories;
 * - `ref-100k-6dp.csv`: the same with floats printed with 6 decimals;
 * - `ref-1m.csv` (with `--big`): 1M rows of the same shape.
 * Each scenario runs in a fresh `node` process against `dist/` (the compiled package), `--runs`
 * times; the table shows the minimum and median wall time of the read (module import excluded and
 * shown separately), rows/s at the median, and the child's peak RSS.
 * @module
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 5) || 5;
const big = args.includes('--big');
const dir = join(tmpdir(), 'driftwatch-bench-readers');
/** The compiled readers (`--dist <outDir>` to use another build). */
const dist = resolve(
  args.includes('--dist') ? args[args.indexOf('--dist') + 1]! : 'dist',
  'readers/index.js',
);

/** Deterministic LCG in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function generate(path: string, rows: number, seed: number, decimals?: number): void {
  if (existsSync(path)) return;
  const rnd = lcg(seed);
  const normal = () => Math.sqrt(-2 * Math.log(rnd() || 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const cats = [3, 7, 12, 25, 50];
  const header = [...Array.from({ length: 20 }, (_, j) => `num_${j}`), ...cats.map((_, j) => `cat_${j}`)];
  const parts: string[] = [`${header.join(',')}\n`];
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const row: string[] = [];
    for (let j = 0; j < 20; j++) {
      const x = normal() * (j + 1) + j;
      row.push(rnd() < 0.02 ? '' : decimals === undefined ? String(x) : x.toFixed(decimals));
    }
    for (const k of cats) row.push(`value_${Math.floor(rnd() * k)}`);
    lines.push(row.join(','));
    if (lines.length === 10_000) {
      parts.push(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length) parts.push(`${lines.join('\n')}\n`);
  writeFileSync(path, parts.join(''));
}

interface Sample {
  importMs: number;
  readMs: number;
  rows: number;
  maxRssMb: number;
}

/** One cold run in a child process. */
function runOnce(files: string[], options: Record<string, unknown>): Sample {
  const code = `
    const t0 = performance.now();
    const { readDataset } = await import(${JSON.stringify(dist)});
    const t1 = performance.now();
    const files = ${JSON.stringify(files)};
    const tables = await Promise.all(files.map((f) => readDataset(f, ${JSON.stringify(options)})));
    const t2 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, readMs: t2 - t1,
      rows: tables.reduce((a, t) => a + t.rowCount, 0), maxRssMb: process.resourceUsage().maxRSS / 1024 }));`;
  const script = join(dir, 'run-once.mjs');
  writeFileSync(script, code);
  const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Sample;
}

function scenario(name: string, files: string[], options: Record<string, unknown> = {}): void {
  const samples = Array.from({ length: runs }, () => runOnce(files, options));
  const reads = samples.map((s) => s.readMs).sort((a, b) => a - b);
  const median = reads[Math.floor((reads.length - 1) / 2)]!;
  const rows = samples[0]!.rows;
  const mb = files.reduce((a, f) => a + statSync(f).size, 0) / 1e6;
  const rss = Math.max(...samples.map((s) => s.maxRssMb));
  const imp = samples.map((s) => s.importMs).sort((a, b) => a - b)[0]!;
  console.log(
    `| ${name} | ${mb.toFixed(0)} MB | ${reads[0]!.toFixed(0)} | ${median.toFixed(0)} | ` +
      `${Math.round(rows / (median / 1000)).toLocaleString('en-US')} | ${rss.toFixed(0)} | ${imp.toFixed(0)} |`,
  );
}

function main(): void {
  if (!existsSync(dist)) {
    console.error('dist/readers/index.js not found: run `npm run build` first.');
    process.exit(1);
  }
  mkdirSync(dir, { recursive: true });
  const ref = join(dir, 'ref-100k.csv');
  const cur = join(dir, 'cur-100k.csv');
  const dp6 = join(dir, 'ref-100k-6dp.csv');
  generate(ref, 100_000, 1);
  generate(cur, 100_000, 2);
  generate(dp6, 100_000, 3, 6);
  const parquet = resolve('test/fixtures/readers/parquet/nannyml/reference_hotel_booking.parquet');
  console.log(`node ${process.version}, ${runs} cold runs per scenario, files in ${dir}\n`);
  console.log('| scenario | input | min ms | median ms | rows/s (median) | peak RSS MB | import ms |');
  console.log('|---|---|---|---|---|---|---|');
  scenario('CSV 100k×25, 17-digit floats, main thread', [ref], { worker: false });
  scenario('CSV 100k×25, 6-decimal floats, main thread', [dp6], { worker: false });
  scenario('CSV 100k×25 ref + cur together, main thread', [ref, cur], { worker: false });
  scenario('CSV 100k×25 ref + cur together, worker: auto (2nd on a worker)', [ref, cur]);
  scenario('CSV 100k×25 ref + cur together, worker per file', [ref, cur], { worker: true });
  scenario('Parquet 16,913×30 snappy (NannyML hotel booking)', [parquet]);
  if (big) {
    const big1m = join(dir, 'ref-1m.csv');
    generate(big1m, 1_000_000, 4);
    scenario('CSV 1M×25, 17-digit floats, main thread', [big1m], { worker: false });
    scenario('CSV 1M×25 ×2 together, worker per file', [big1m, big1m], { worker: true });
  }
}

main();
