/**
 * `npm start` = `driftwatch demo`: the server with the demo project must show, through the API and within a minute,
 * the drift episode in income and debt_ratio from day 10, the accuracy drop once labels arrive, the error-rate spike
 * on day 12 and the alias history. Uses the built CLI, as `npm start` does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.ts';

const MAIN = join(ROOT, 'dist/cli/main.js');
const DAY = 86_400_000;

describe('driftwatch demo (npm start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-demo-'));
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints URL and read-only key, and the API shows the story within a minute', async () => {
    const t0 = Date.now();
    child = spawn(process.execPath, [MAIN, 'demo', '--port', '0', '--data-dir', join(dir, 'data')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.stderr!.on('data', (d) => {
      err += d;
    });
    const { url, key } = await new Promise<{ url: string; key: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start:\n${out}\n${err}`)), 60_000);
      child!.stdout!.on('data', () => {
        const u = /^URL: (\S+)$/m.exec(out);
        const k = /^Read-only key: (\S+)$/m.exec(out);
        if (u && k) {
          clearTimeout(timer);
          resolve({ url: u[1]!, key: k[1]! });
        }
      });
      child!.once('exit', () => reject(new Error(`demo exited:\n${out}\n${err}`)));
    });
    const base = `${url}/v1/projects/demo/models/credit-default`;
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as any;
    };
    // The read-only key cannot write.
    const denied = await fetch(`${base}/predictions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '[]',
    });
    expect(denied.status).toBe(403);

    const today = Math.floor(Date.now() / DAY) * DAY;
    const day = (i: number) => new Date(today - (13 - i) * DAY).toISOString();
    const series = async (metric: string) => {
      const body = await get(`/series?metric=${metric}&window=1d&from=${day(0)}&to=${day(13)}`);
      return new Map<string, number>(
        body.points.map((p: { start: string; value: number }) => [p.start, p.value]),
      );
    };
    let income = new Map<string, number>();
    while (Date.now() - t0 < 90_000) {
      income = await series('drift.feature.income');
      if (income.size >= 13) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const seconds = (Date.now() - t0) / 1000;
    console.log(
      `demo: 13 daily windows evaluated and visible through the API ${seconds.toFixed(1)} s after start`,
    );
    expect(income.size).toBe(13);
    expect(seconds).toBeLessThan(90);

    const debt = await series('drift.feature.debt_ratio');
    const age = await series('drift.feature.age');
    const accuracy = await series('quality.accuracy');
    const errors = await series('health.errorRate');
    // Wasserstein distance (normed) on > 1000 rows, threshold 0.1: drift from day 10 in income and debt_ratio only.
    for (let i = 0; i < 10; i++) {
      expect(income.get(day(i))!).toBeLessThan(0.1);
      expect(debt.get(day(i))!).toBeLessThan(0.1);
    }
    for (let i = 10; i < 13; i++) {
      expect(income.get(day(i))!).toBeGreaterThan(0.1);
      expect(debt.get(day(i))!).toBeGreaterThan(0.1);
      expect(age.get(day(i))!).toBeLessThan(0.1);
    }
    const before = [...Array(10).keys()].map((i) => accuracy.get(day(i))!);
    const after = [10, 11, 12].map((i) => accuracy.get(day(i))!);
    expect(Math.min(...before)).toBeGreaterThan(0.77);
    expect(Math.max(...after)).toBeLessThan(0.72);
    expect(errors.get(day(12))!).toBeGreaterThan(0.02);
    expect(errors.get(day(11))!).toBe(0);

    const aliases = await get('/aliases');
    expect(JSON.stringify(aliases)).toContain('canary');
    const audit = await fetch(`${url}/v1/projects/demo/audit?limit=1000`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const moves = ((await audit.json()) as any).entries.filter((e: { action: string }) =>
      e.action.startsWith('alias'),
    );
    expect(moves.length).toBeGreaterThanOrEqual(4);

    child.kill('SIGTERM');
    expect(await new Promise((r) => child!.once('exit', (code) => r(code)))).toBe(0);
  }, 150_000);
});
