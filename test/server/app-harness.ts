/**
 * Builds an app on a fresh in-memory SQLite (or a given storage) with a server key, for route tests that call
 * `app.request()` without a socket.
 */
import { createApp } from '../../src/server/app.ts';
import { ensureServerKey } from '../../src/server/bootstrap.ts';
import {
  defaultServerOptions,
  type ServerDeps,
  type ServerOptions,
  silentLogger,
} from '../../src/server/context.ts';
import { openDatabase, type StorageHandle } from '../../src/storage/open-database.ts';

export interface Harness {
  app: ReturnType<typeof createApp>;
  deps: ServerDeps;
  serverKey: string;
  /** fetch-like helper: JSON body in, parsed JSON out. */
  call(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function makeHarness(
  overrides: Partial<ServerOptions> = {},
  storage?: StorageHandle,
  now: () => number = Date.now,
): Promise<Harness> {
  const handle = storage ?? (await openDatabase({ memory: true }));
  const serverKey = 'dwk_test_server_key_0123456789abcdefghijklmnopqrstu';
  await ensureServerKey(handle, { adminKey: serverKey, now: now() });
  const deps: ServerDeps = {
    storage: handle,
    options: { ...defaultServerOptions, ...overrides },
    now,
    log: silentLogger,
    services: new Map(),
  };
  const app = createApp(deps);
  const call: Harness['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const key = options.key === undefined ? serverKey : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      if (typeof options.body === 'string' || options.body instanceof Uint8Array)
        body = options.body as BodyInit;
      else {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return { app, deps, serverKey, call, close: () => (storage ? Promise.resolve() : handle.close()) };
}
