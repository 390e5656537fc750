/**
 * The server's logger: one JSON object per line on stderr (`{ time, level, msg, ...fields }`), filtered by level,
 * and the request-log middleware.
 *
 * Secrets never reach a log line: the request log records method, path (without the query string), status and
 * duration — never headers — and every line goes through `redact()`, which masks fields named like secrets
 * (`authorization`, `key`, `secret`, `password`, `token`), any `dwk_…` API key inside a string, and the password of
 * a `postgres://user:password@…` URL. That second net catches a key that slips into an error message.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Logger } from './context.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface ServerLogger extends Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  readonly level: LogLevel;
}

export interface CreateLoggerOptions {
  /** Lowest level written. Default `info`. */
  readonly level?: LogLevel;
  /** Where lines go. Default `process.stderr.write`. */
  readonly write?: (line: string) => void;
  /** Clock for the `time` field. Default `Date.now`. */
  readonly now?: () => number;
}

export function isLogLevel(v: unknown): v is LogLevel {
  return typeof v === 'string' && (LOG_LEVELS as readonly string[]).includes(v);
}

const SECRET_FIELD = /authorization|api[-_]?key|^key$|secret|password|passwd|token|cookie/i;
const KEY_IN_TEXT = /dwk_[A-Za-z0-9_-]+/g;
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s/]*@/gi;

/** Masks secrets in a string: API keys and URL passwords. */
export function redactText(s: string): string {
  return s.replace(KEY_IN_TEXT, 'dwk_***').replace(URL_PASSWORD, '$1***@');
}

/** A deep copy of `value` with secret-looking fields and strings masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return redactText(String(value.stack ?? value.message));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_FIELD.test(k) && v !== null && v !== undefined ? '***' : redact(v, depth + 1);
  }
  return out;
}

export function createLogger(options: CreateLoggerOptions = {}): ServerLogger {
  const level = options.level ?? 'info';
  const min = RANK[level];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? Date.now;
  const emit = (lv: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[lv] < min) return;
    const extra = fields ? (redact(fields) as Record<string, unknown>) : {};
    let line: string;
    try {
      line = JSON.stringify({
        time: new Date(now()).toISOString(),
        level: lv,
        msg: redactText(msg),
        ...extra,
      });
    } catch {
      line = JSON.stringify({ time: new Date(now()).toISOString(), level: lv, msg: redactText(msg) });
    }
    write(`${line}\n`);
  };
  return {
    level,
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/**
 * One log line per request: `{ msg: 'request', method, path, status, durationMs }` — info for 1xx–4xx, error for 5xx.
 * Headers (and so `Authorization`) and query strings are never logged.
 */
export function requestLogMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const status = c.res?.status ?? 500;
      const fields = {
        method: c.req.method,
        path: c.req.path,
        status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      };
      const log = c.var.deps?.log;
      if (log) {
        if (status >= 500) log.error('request', fields);
        else log.info('request', fields);
      }
    }
  };
}
