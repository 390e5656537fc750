/**
 * startServer on a real socket (port 0): first-start key, restart on the same data directory, graceful shutdown
 * order (stop accepting → in-flight requests finish → ingest queue flushed → evaluator stopped → database closed),
 * port conflicts, and the logger (JSON lines, levels, secrets never logged).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, redact, redactText } from '../../src/server/logger.ts';
import { formatUrl, type RunningServer, startServer } from '../../src/server/start-server.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dw-start-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function captureLog() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
}

describe('startServer', () => {
  it('listens on a free port, creates the server key once, and the key works', async () => {
    const dataDir = tempDir();
    const { lines, log } = captureLog();
    const s = await startServer({ port: 0, dataDir, log });
    try {
      expect(s.port).toBeGreaterThan(0);
      expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
      expect(s.firstStartKey).toMatch(/^dwk_[A-Za-z0-9_-]{43}$/);
      expect(s.deps.options.nodeId).toMatch(/^.+-\d+-[0-9a-f]{6}$/);
      const health = await fetch(`${s.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const res = await fetch(`${s.url}/v1/projects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.firstStartKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'p1' }),
      });
      expect(res.status).toBe(201);
    } finally {
      await s.close();
    }
    // The key is never logged; requests are, without headers.
    const text = lines.join('');
    expect(text).not.toContain(s.firstStartKey!);
    expect(text).not.toMatch(/authorization/i);
    const request = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request' && l.method === 'POST');
    expect(request).toMatchObject({ level: 'info', path: '/v1/projects', status: 201 });

    // Restart on the same directory: the data is there and no new key is made.
    const again = await startServer({ port: 0, dataDir });
    try {
      expect(again.firstStartKey).toBeUndefined();
      const list = await fetch(`${again.url}/v1/projects`, {
        headers: { authorization: `Bearer ${s.firstStartKey}` },
      });
      expect(((await list.json()) as { projects: { name: string }[] }).projects.map((p) => p.name)).toEqual([
        'p1',
      ]);
    } finally {
      await again.close();
    }
  });

  it('takes the first-start key from the caller (DRIFTWATCH_ADMIN_KEY)', async () => {
    const adminKey = 'dwk_given_admin_key_0123456789abcdef';
    const s = await startServer({ port: 0, memory: true, adminKey });
    try {
      expect(s.firstStartKey).toBe(adminKey);
      const res = await fetch(`${s.url}/v1/projects`, { headers: { authorization: `Bearer ${adminKey}` } });
      expect(res.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('close(): finishes in-flight requests, flushes the queue, stops the evaluator, closes the database — in that order', async () => {
    const order: string[] = [];
    const evaluator = {
      start: () => {
        order.push('evaluator.start');
      },
      stop: async () => {
        order.push('evaluator.stop');
      },
    };
    const queue = {
      depth: () => 0,
      close: async () => {
        order.push('queue.close');
      },
    };
    const s: RunningServer = await startServer({
      port: 0,
      memory: true,
      services: [
        ['monitor.evaluator', evaluator],
        ['ingest.queue', queue],
      ],
    });
    const storageClose = s.deps.storage.close.bind(s.deps.storage);
    (s.deps.storage as { close: () => Promise<void> }).close = async () => {
      order.push('storage.close');
      await storageClose();
    };
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    s.app.get('/test/slow', async (c) => {
      order.push('slow.start');
      await gate;
      order.push('slow.end');
      return c.json({ done: true });
    });
    expect(order).toEqual(['evaluator.start']);
    const slow = fetch(`${s.url}/test/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    while (!order.includes('slow.start')) await new Promise((r) => setTimeout(r, 5));
    const closed = s.close();
    expect(s.close()).toBe(closed); // idempotent
    await new Promise((r) => setTimeout(r, 50));
    // Not accepting new connections any more, but the in-flight request is still running.
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    expect(order).toEqual(['evaluator.start', 'slow.start']);
    release();
    expect(await slow).toEqual({ status: 200, body: { done: true } });
    await closed;
    expect(order).toEqual([
      'evaluator.start',
      'slow.start',
      'slow.end',
      'queue.close',
      'evaluator.stop',
      'storage.close',
    ]);
  });

  it('a port in use is a usage error and leaves nothing open', async () => {
    const a = await startServer({ port: 0, memory: true });
    try {
      await expect(startServer({ port: a.port, memory: true })).rejects.toMatchObject({
        code: 'DW_SERVE_PORT_IN_USE',
      });
    } finally {
      await a.close();
    }
  });

  it('formats IPv6 URLs with brackets', () => {
    expect(formatUrl('::1', 7700)).toBe('http://[::1]:7700');
    expect(formatUrl('localhost', 1)).toBe('http://localhost:1');
  });
});

describe('logger', () => {
  it('writes one JSON object per line at or above its level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(l), now: () => 0 });
    log.debug('d');
    log.info('i');
    log.warn('w', { n: 1 });
    log.error('e');
    expect(lines).toEqual([
      '{"time":"1970-01-01T00:00:00.000Z","level":"warn","msg":"w","n":1}\n',
      '{"time":"1970-01-01T00:00:00.000Z","level":"error","msg":"e"}\n',
    ]);
    const silent: string[] = [];
    createLogger({ level: 'silent', write: (l) => silent.push(l) }).error('x');
    expect(silent).toEqual([]);
  });

  it('masks secrets: key-named fields, dwk_ keys in any text, URL passwords', () => {
    const key = 'dwk_AbC-123_xyz';
    expect(redactText(`bad key ${key}!`)).toBe('bad key dwk_***!');
    expect(redactText('postgres://dw:s3cret@db:5432/x')).toBe('postgres://dw:***@db:5432/x');
    expect(
      redact({
        authorization: `Bearer ${key}`,
        apiKey: 'k',
        nested: { password: 'p', note: `uses ${key}`, list: [key] },
        keyId: 'ABC',
        count: 3,
      }),
    ).toEqual({
      authorization: '***',
      apiKey: '***',
      nested: { password: '***', note: 'uses dwk_***', list: ['dwk_***'] },
      keyId: 'ABC',
      count: 3,
    });
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l) }).error(`failed for ${key}`, { error: new Error(key) });
    expect(lines.join('')).not.toContain(key);
  });
});
