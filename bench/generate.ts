/**
 * Deterministic benchmark data: a reference/current pair with 25 columns — 20 numeric (about 2% missing;
 * five of them shifted in the current data) and 5 categorical (3 to 50 categories) — as CSV.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** mulberry32: tiny, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number): number {
  let u = 0;
  while (u === 0) u = r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

const CATEGORY_SIZES = [3, 5, 10, 20, 50];

export async function generate(path: string, rows: number, drifted: boolean, seed: number): Promise<void> {
  const r = rng(seed);
  const out = createWriteStream(path);
  const header = [
    ...Array.from({ length: 20 }, (_, i) => `num_${i}`),
    ...CATEGORY_SIZES.map((k, i) => `cat_${i}_${k}`),
  ];
  out.write(`${header.join(',')}\n`);
  let chunk = '';
  for (let row = 0; row < rows; row++) {
    const cells: string[] = [];
    for (let i = 0; i < 20; i++) {
      if (r() < 0.02) {
        cells.push('');
        continue;
      }
      const shift = drifted && i < 5 ? 0.5 : 0;
      const v =
        i % 4 === 3 ? Math.exp(normal(r) * 0.5 + shift) : normal(r) * (1 + i) + i * 10 + shift * (1 + i);
      cells.push(v.toFixed(4));
    }
    for (let i = 0; i < CATEGORY_SIZES.length; i++) {
      const k = CATEGORY_SIZES[i]!;
      // Skewed categories; the current data favours later categories in two columns.
      const u = drifted && i < 2 ? r() ** 0.7 : r() ** 1.3;
      cells.push(`c${Math.min(k - 1, Math.floor(u * k))}`);
    }
    chunk += `${cells.join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.write(chunk);
  out.end();
  await once(out, 'finish');
}

export async function ensureData(dir: string, rows: number): Promise<{ reference: string; current: string }> {
  await mkdir(dir, { recursive: true });
  const reference = join(dir, `reference-${rows}.csv`);
  const current = join(dir, `current-${rows}.csv`);
  for (const [path, drifted, seed] of [
    [reference, false, 1],
    [current, true, 2],
  ] as const) {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) await generate(path, rows, drifted, seed);
  }
  return { reference, current };
}
