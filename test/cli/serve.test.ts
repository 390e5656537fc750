/**
 * `driftwatch serve`: configuration precedence (flags > env > yaml > defaults), YAML validation naming the file and
 * key, the --no-auth loopback rule; and the built CLI end to end — `URL:` and the admin key printed once, the data
 * directory reused on restart, graceful exit on SIGTERM, exit code 2 with a stable code for bad configuration.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isLoopbackHost,
  loadServeConfig,
  parseByteSize,
  parseDurationMs,
  parseServeConfigText,
  resolveServeConfig,
  SERVE_DEFAULTS,
} from '../../src/cli/serve-config.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dw-serve-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('serve configuration', () => {
  it('defaults', () => {
    const c = resolveServeConfig({ flags: {}, env: {} });
    expect(c).toMatchObject({
      port: 7700,
      host: '127.0.0.1',
      dataDir: './driftwatch-data',
      databaseUrl: undefined,
      noAuth: false,
      strictModels: false,
      metricsPublic: false,
      bodyLimitBytes: 10 * 1024 * 1024,
      retentionDays: 30,
      graceMs: 300_000,
      logLevel: 'info',
      adminKey: undefined,
    });
    expect(SERVE_DEFAULTS.port).toBe(7700);
  });

  it('flags > env > yaml > defaults, per key', () => {
    const file = parseServeConfigText(
      'server:\n  port: 9000\n  host: 127.0.0.2\n  dataDir: /yaml\n  logLevel: error\n  grace: 90\n  bodyLimit: 1MiB\n  strictModels: true\n',
      'driftwatch.yaml',
    );
    const env = { port: '8000', dataDir: '/env', database: 'postgres://u@h/db', logLevel: 'warn' };
    const c = resolveServeConfig({
      flags: { port: '7000', grace: '2m' },
      env,
      file,
      configFile: 'driftwatch.yaml',
    });
    expect(c).toMatchObject({
      port: 7000, // flag
      host: '127.0.0.2', // yaml
      dataDir: '/env', // env over yaml
      databaseUrl: 'postgres://u@h/db',
      logLevel: 'warn',
      graceMs: 120_000, // flag over yaml
      bodyLimitBytes: 1024 * 1024,
      strictModels: true,
    });
    expect(resolveServeConfig({ flags: {}, env: {}, file }).port).toBe(9000);
    expect(resolveServeConfig({ flags: {}, env: {}, file }).graceMs).toBe(90_000);
  });

  it('YAML errors name the file and the key', () => {
    const bad = (text: string) => () => parseServeConfigText(text, 'conf/dw.yaml');
    expect(bad('server:\n  port: "eighty"\n')).toThrow(/^conf\/dw\.yaml: server\.port: /);
    expect(bad('server:\n  prot: 1\n')).toThrow(/conf\/dw\.yaml: unknown key server\.prot/);
    expect(bad('server:\n  logLevel: loud\n')).toThrow(/server\.logLevel/);
    expect(bad('server:\n  bodyLimit: lots\n')).toThrow(/conf\/dw\.yaml: server\.bodyLimit: expected a size/);
    expect(bad('server:\n  grace: soon\n')).toThrow(/server\.grace: expected a duration/);
    expect(bad('server:\n  database: mysql://x\n')).toThrow(/server\.database: expected a postgres/);
    expect(bad('server: [1\n')).toThrow(/conf\/dw\.yaml: not valid YAML\/JSON at line/);
    expect(bad('server:\n  port: 70000\n')).toThrow(
      expect.objectContaining({ code: 'DW_SERVE_CONFIG_INVALID' }),
    );
    // Other sections belong to other modules; an empty file is fine.
    expect(parseServeConfigText('alerts:\n  churn: {}\n', 'x.yaml')).toEqual({});
    expect(parseServeConfigText('', 'x.yaml')).toEqual({});
  });

  it('flag and env errors name the flag or variable', () => {
    const r =
      (flags: object, env: object = {}) =>
      () =>
        resolveServeConfig({ flags, env });
    expect(r({ port: 'abc' })).toThrow(/^--port: expected a port/);
    expect(r({}, { port: '-1' })).toThrow(/^DRIFTWATCH_PORT: /);
    expect(r({ bodyLimit: '10 parsecs' })).toThrow(/^--body-limit: /);
    expect(r({ grace: '5 days' })).toThrow(/^--grace: /);
    expect(r({ retentionDays: '0' })).toThrow(/^--retention-days: /);
    expect(r({}, { database: 'sqlite://x' })).toThrow(/^DRIFTWATCH_DATABASE_URL: /);
    expect(r({ logLevel: 'verbose' })).toThrow(expect.objectContaining({ code: 'DW_SERVE_BAD_OPTION' }));
    expect(r({}, { adminKey: 'short' })).toThrow(
      expect.objectContaining({ code: 'DW_SERVE_ADMIN_KEY_WEAK' }),
    );
  });

  it('--no-auth only on loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'])
      expect(resolveServeConfig({ flags: { noAuth: true, host }, env: {} }).noAuth).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com'])
      expect(() => resolveServeConfig({ flags: { noAuth: true, host }, env: {} })).toThrow(
        expect.objectContaining({ code: 'DW_SERVE_NO_AUTH_NOT_LOOPBACK' }),
      );
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });

  it('sizes and durations', () => {
    expect(parseByteSize('10MiB')).toBe(10_485_760);
    expect(parseByteSize('512kb')).toBe(512_000);
    expect(parseByteSize('2048')).toBe(2048);
    expect(parseByteSize(0)).toBeUndefined();
    expect(parseDurationMs('5m')).toBe(300_000);
    expect(parseDurationMs('1500ms')).toBe(1500);
    expect(parseDurationMs('1h')).toBe(3_600_000);
    expect(parseDurationMs('30')).toBe(30_000);
    expect(parseDurationMs('-1s')).toBeUndefined();
  });

  it('reads ./driftwatch.yaml when present, or the --config file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'driftwatch.yaml'), 'server:\n  port: 7001\n');
    const c = await loadServeConfig({}, {}, (n) => join(dir, n));
    expect(c.port).toBe(7001);
    expect(c.configFile).toBe(join(dir, 'driftwatch.yaml'));
    await expect(loadServeConfig({ config: join(dir, 'missing.yaml') }, {})).rejects.toMatchObject({
      code: 'DW_SERVE_CONFIG_NOT_FOUND',
    });
    const none = await loadServeConfig({}, {}, (n) => join(dir, 'nothing-here', n));
    expect(none.configFile).toBeUndefined();
  });
});

const MAIN = join(ROOT, 'dist/cli/main.js');

/** Starts `driftwatch serve …`, resolves with the printed lines once `URL:` is out. */
function serve(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  const child = spawn(process.execPath, [MAIN, 'serve', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stdout}\n${stderr}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /^URL: (\S+)$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]! });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`serve exited early:\n${stdout}\n${stderr}`));
    });
  });
  return { child, ready, exited, out: () => stdout, err: () => stderr };
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  child.kill('SIGTERM');
  return exited;
}

describe('driftwatch serve (built CLI)', () => {
  it('prints the URL and the admin key once, reuses the data directory, exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const first = serve(['--port', '0', '--data-dir', dataDir]);
    const { url } = await first.ready;
    await new Promise((r) => setTimeout(r, 100));
    const key = /^Admin key: (dwk_\S+)$/m.exec(first.out())?.[1];
    expect(key).toBeDefined();
    const res = await fetch(`${url}/v1/projects`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(await stop(first.child, first.exited)).toBe(0);
    // Logs are JSON lines on stderr and never contain the key.
    const logs = first
      .err()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['listening', 'request', 'stopped']));
    expect(first.err()).not.toContain(key!);

    const second = serve(['--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
    const again = await second.ready;
    await new Promise((r) => setTimeout(r, 100));
    expect(second.out()).not.toMatch(/Admin key/);
    expect(
      (await fetch(`${again.url}/v1/projects`, { headers: { authorization: `Bearer ${key}` } })).status,
    ).toBe(200);
    expect(await stop(second.child, second.exited)).toBe(0);
    expect(second.err()).toBe(''); // --log-level warn: no info lines
  });

  it('DRIFTWATCH_ADMIN_KEY sets the first key (not echoed); --no-auth warns loudly', async () => {
    const adminKey = 'dwk_env_admin_key_for_tests_0123456789';
    const s = serve(['--port', '0', '--data-dir', tempDir(), '--no-auth'], {
      DRIFTWATCH_ADMIN_KEY: adminKey,
    });
    const { url } = await s.ready;
    await new Promise((r) => setTimeout(r, 100));
    expect(s.out()).toMatch(/^Admin key: \(from DRIFTWATCH_ADMIN_KEY\)$/m);
    expect(s.out()).not.toContain(adminKey);
    expect(s.err()).toMatch(/WARNING: --no-auth/);
    // No key needed.
    expect((await fetch(`${url}/v1/projects`)).status).toBe(200);
    expect(await stop(s.child, s.exited)).toBe(0);
  });

  it('bad configuration exits 2 with a stable code', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'driftwatch.yaml'), 'server:\n  port: high\n');
    const r = runCli(['serve'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/driftwatch\.yaml: server\.port: .*\[DW_SERVE_CONFIG_INVALID\]/);
    const noAuth = runCli(['serve', '--no-auth', '--host', '0.0.0.0', '--data-dir', join(dir, 'd')]);
    expect(noAuth.code).toBe(2);
    expect(noAuth.stderr).toMatch(/\[DW_SERVE_NO_AUTH_NOT_LOOPBACK\]/);
  });
});
