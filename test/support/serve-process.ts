/**
 * Runs `driftwatch serve` (the built CLI, as users do) in a child process on a free port and waits for its
 * `URL: …` line. Shared by the crash and two-node tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-cli.ts';

const MAIN = join(ROOT, 'dist/cli/main.js');

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

export async function startServeProcess(args: readonly string[], adminKey: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--log-level', 'error', ...args], {
    cwd: ROOT,
    env: { ...process.env, DRIFTWATCH_ADMIN_KEY: adminKey, NO_COLOR: '1' },
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
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}\n${err}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /^URL: (\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`serve exited:\n${out}\n${err}`));
    });
  });
  return { child, url, exited };
}
