/**
 * Starts the monitoring server: opens (and migrates) the database, makes the server key on first start, builds the
 * app, listens, and starts the window evaluator. `close()` shuts down gracefully: stop accepting connections and
 * let in-flight requests finish, flush the ingest queue, stop the evaluator, close the database.
 *
 * The first-start key is returned (`firstStartKey`) for the caller to show once — it never goes through the logger.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { createAdaptorServer } from '@hono/node-server';
import { UsageError } from '../core/errors.ts';
import { EVALUATOR_SERVICE, getEvaluator } from '../monitor/evaluator.ts';
import { openDatabase, type StorageHandle } from '../storage/open-database.ts';
import { createApp } from './app.ts';
import { ensureServerKey } from './bootstrap.ts';
import {
  defaultServerOptions,
  type Logger,
  type ServerDeps,
  type ServerOptions,
  silentLogger,
} from './context.ts';

export interface StartServerConfig {
  /** TCP port; 0 picks a free one (read it back from the result). Default 7700. */
  readonly port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  readonly host?: string;
  /** `postgres://…` URL; when absent the embedded SQLite database in `dataDir` is used. */
  readonly databaseUrl?: string | undefined;
  /** SQLite data directory. Default `./driftwatch-data`. */
  readonly dataDir?: string | undefined;
  /** In-memory SQLite (tests). */
  readonly memory?: boolean;
  /** An already-open database (tests); the server closes it on `close()` unless `keepStorageOpen`. */
  readonly storage?: StorageHandle;
  readonly keepStorageOpen?: boolean;
  /** The server key to create on first start (`DRIFTWATCH_ADMIN_KEY`); random when absent. */
  readonly adminKey?: string | undefined;
  /** Server options (defaults: `defaultServerOptions`; `nodeId` defaults to `<hostname>-<pid>-<random>`). */
  readonly options?: Partial<ServerOptions>;
  /** Logger (JSON lines); default silent. */
  readonly log?: Logger;
  /** Clock; default `Date.now`. */
  readonly now?: () => number;
  /** Start the window evaluator (src/monitor/evaluator.ts). Default true. */
  readonly startEvaluator?: boolean;
  /** Services registered before the app is built (route modules may replace them); for tests. */
  readonly services?: Iterable<readonly [string, unknown]>;
  /** How long `close()` waits for in-flight requests before cutting connections, ms. Default 10 000. */
  readonly shutdownTimeoutMs?: number;
}

export interface RunningServer {
  /** `http://host:port` (IPv6 hosts in brackets). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly deps: ServerDeps;
  readonly app: ReturnType<typeof createApp>;
  /** The server-wide key when this start created it (first start), else undefined. Show it once. */
  readonly firstStartKey: string | undefined;
  /** Graceful shutdown; safe to call more than once. */
  close(): Promise<void>;
}

interface StartStop {
  start?: () => unknown;
  stop?: () => unknown;
}
interface Closable {
  close?: () => unknown;
  flush?: () => unknown;
}

export function defaultNodeId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export function formatUrl(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE')
        reject(
          new UsageError('DW_SERVE_PORT_IN_USE', `Port ${port} on ${host} is already in use`, { cause: e }),
        );
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN')
        reject(new UsageError('DW_SERVE_BAD_HOST', `Cannot bind to host ${host}: ${e.code}`, { cause: e }));
      else if (e.code === 'EACCES')
        reject(new UsageError('DW_SERVE_PORT_DENIED', `No permission to bind ${host}:${port}`, { cause: e }));
      else reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startServer(config: StartServerConfig = {}): Promise<RunningServer> {
  const now = config.now ?? Date.now;
  const log = config.log ?? silentLogger;
  const host = config.host ?? '127.0.0.1';
  const port = config.port ?? 7700;
  const storage =
    config.storage ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      ...(config.memory ? { memory: true } : {}),
    }));
  const closeStorage = async () => {
    if (!config.keepStorageOpen) await storage.close();
  };

  let firstStartKey: string | undefined;
  try {
    const key = await ensureServerKey(storage, { adminKey: config.adminKey, now: now() });
    if (key.created) firstStartKey = key.secret;
  } catch (e) {
    await closeStorage();
    throw e;
  }

  const deps: ServerDeps = {
    storage,
    options: { ...defaultServerOptions, nodeId: defaultNodeId(), ...(config.options ?? {}) },
    now,
    log,
    services: new Map(config.services ?? []),
  };
  const app = createApp(deps);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
  // Connections idle longer than this are dropped; keeps shutdown prompt and bounds idle sockets.
  server.keepAliveTimeout = 5000;

  let boundPort: number;
  try {
    boundPort = await listen(server, port, host);
  } catch (e) {
    await stopServices(deps.services, log);
    await closeStorage();
    throw e;
  }

  // The evaluator is created on first use (the on-demand evaluation route may have made it already, and tests may
  // register their own); the server's start-up is what starts its loops.
  if (config.startEvaluator !== false) {
    const evaluator = (deps.services.get(EVALUATOR_SERVICE) as StartStop | undefined) ?? getEvaluator(deps);
    try {
      await evaluator.start?.();
    } catch (e) {
      await closeHttp(server, 0);
      await stopServices(deps.services, log);
      await closeStorage();
      throw e;
    }
  }

  const url = formatUrl(host, boundPort);
  log.info('listening', {
    url,
    database: storage.location,
    dialect: storage.dialect,
    nodeId: deps.options.nodeId,
    noAuth: deps.options.noAuth,
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      log.info('shutting down', { url });
      await closeHttp(server, config.shutdownTimeoutMs ?? 10_000);
      await stopServices(deps.services, log);
      await closeStorage();
      log.info('stopped', { url });
    })();
    return closing;
  };

  return { url, host, port: boundPort, deps, app, firstStartKey, close };
}

/** Stop accepting, let in-flight requests finish (up to `timeoutMs`), then cut what is left. */
function closeHttp(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    timer.unref();
    // Keep-alive sockets become idle as their last response goes out: close them as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    sweep.unref();
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Flush the ingest queue first (acknowledged writes), then stop the evaluator; errors are logged, not thrown. */
async function stopServices(services: Map<string, unknown>, log: Logger): Promise<void> {
  const queue = services.get('ingest.queue') as Closable | undefined;
  try {
    if (typeof queue?.close === 'function') await queue.close();
    else if (typeof queue?.flush === 'function') await queue.flush();
  } catch (e) {
    log.error('ingest queue close failed', { error: String((e as Error)?.message ?? e) });
  }
  const evaluator = services.get(EVALUATOR_SERVICE) as StartStop | undefined;
  try {
    if (typeof evaluator?.stop === 'function') await evaluator.stop();
  } catch (e) {
    log.error('evaluator stop failed', { error: String((e as Error)?.message ?? e) });
  }
}
