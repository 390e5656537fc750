/**
 * Configuration of `driftwatch serve`, from flags, environment and an optional `driftwatch.yaml`, in that order of
 * precedence (flags > env > yaml > defaults). The YAML's `server:` section is validated with zod; an error names
 * the file and the key (`driftwatch.yaml: server.port: expected a number …`) and ends the run with exit code 2.
 *
 * ```yaml
 * server:
 *   port: 7700              # 0 = any free port
 *   host: 127.0.0.1
 *   dataDir: ./driftwatch-data
 *   database: postgres://user@host/db   # instead of SQLite
 *   noAuth: false           # only on loopback
 *   strictModels: false
 *   metricsPublic: false
 *   bodyLimit: 10MiB        # bytes, or with a unit: KB, KiB, MB, MiB, GB, GiB
 *   retentionDays: 30
 *   grace: 5m               # ms, s, m, h; a bare number is seconds
 *   logLevel: info          # debug | info | warn | error | silent
 * models:                  # optional: default check configurations (same fields as PUT …/models/{m}/config),
 *   '*': { drift: { driftShare: 0.3 } }          # every model; then '<project>/*'; then '<project>/<model>'
 *   demo/credit-default: { segments: [region] }  # what the API sets for a model still wins
 * ```
 * Other top-level sections are left to the modules that own them.
 * @module
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { InputError, UsageError } from '../core/errors.ts';
import { type DocumentKind, parseDocument, readDocumentText } from '../readers/yaml-file.ts';
import { isLogLevel, LOG_LEVELS, type LogLevel } from '../server/logger.ts';
import { CheckConfigSchema } from '../server/schemas/registry.ts';

export const DEFAULT_CONFIG_FILE = 'driftwatch.yaml';

const KIND: DocumentKind = {
  label: 'config file',
  notFound: 'DW_SERVE_CONFIG_NOT_FOUND',
  invalid: 'DW_SERVE_CONFIG_INVALID',
};

/** The options as given (flags or YAML), before defaults; strings are parsed by `resolveServeConfig`. */
export interface ServeInput {
  port?: number | string | undefined;
  host?: string | undefined;
  dataDir?: string | undefined;
  database?: string | undefined;
  noAuth?: boolean | undefined;
  strictModels?: boolean | undefined;
  metricsPublic?: boolean | undefined;
  bodyLimit?: number | string | undefined;
  retentionDays?: number | string | undefined;
  grace?: number | string | undefined;
  logLevel?: string | undefined;
  /** `models:` of the YAML: check configurations keyed `*`, `<project>/*` or `<project>/<model>`. */
  modelConfigs?: Readonly<Record<string, unknown>> | undefined;
}

export interface ServeConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly noAuth: boolean;
  readonly strictModels: boolean;
  readonly metricsPublic: boolean;
  readonly bodyLimitBytes: number;
  readonly retentionDays: number;
  readonly graceMs: number;
  readonly logLevel: LogLevel;
  /** From `DRIFTWATCH_ADMIN_KEY`; used on first start only. */
  readonly adminKey: string | undefined;
  /** The YAML file read, if any. */
  readonly configFile: string | undefined;
  /** `models:` of the YAML (validated), under what the API sets per model. */
  readonly modelConfigs: Readonly<Record<string, unknown>>;
}

export const SERVE_DEFAULTS = {
  port: 7700,
  host: '127.0.0.1',
  dataDir: './driftwatch-data',
  noAuth: false,
  strictModels: false,
  metricsPublic: false,
  bodyLimitBytes: 10 * 1024 * 1024,
  retentionDays: 30,
  graceMs: 5 * 60_000,
  logLevel: 'info' as LogLevel,
} as const;

const ServerSectionSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    host: z.string().min(1).optional(),
    dataDir: z.string().min(1).optional(),
    database: z
      .string()
      .regex(/^postgres(ql)?:\/\//i, 'expected a postgres:// or postgresql:// URL')
      .optional(),
    noAuth: z.boolean().optional(),
    strictModels: z.boolean().optional(),
    metricsPublic: z.boolean().optional(),
    bodyLimit: z.union([z.number().int().positive(), z.string()]).optional(),
    retentionDays: z.number().positive().optional(),
    grace: z.union([z.number().nonnegative(), z.string()]).optional(),
    logLevel: z.enum(LOG_LEVELS).optional(),
  })
  .strict();

const ConfigFileSchema = z.looseObject({
  server: ServerSectionSchema.optional(),
  // Default check configurations for models (the same schema as `PUT …/models/{m}/config`).
  models: z
    .record(
      z.string().regex(/^(\*|[^/]+\/(\*|.+))$/, 'keys are *, <project>/* or <project>/<model>'),
      CheckConfigSchema,
    )
    .optional(),
});

/** Loopback hosts: the only ones `--no-auth` may bind to. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  kib: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
};

/** `10MiB`, `512KB`, `1048576` → bytes; undefined when not a size. */
export function parseByteSize(v: number | string): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 ? v : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  const unit = SIZE_UNITS[m?.[2]?.toLowerCase() ?? 'x'];
  if (!m || unit === undefined) return undefined;
  const bytes = Math.round(Number(m[1]) * unit);
  return bytes > 0 ? bytes : undefined;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, '': 1000, m: 60_000, h: 3_600_000 };

/** `5m`, `300s`, `1500ms`, `1h`, `300` (seconds) → ms; undefined when not a duration. */
export function parseDurationMs(v: number | string): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v * 1000 : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|)\s*$/i.exec(v);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase()]!);
}

function issueMessage(source: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.path[0] === 'server') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(', ');
    return `${source}: unknown key ${keys} (known: ${Object.keys(ServerSectionSchema.shape).join(', ')})`;
  }
  const detail = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return `${source}: ${path || '(root)'}: ${detail}`;
}

/** Reads and validates the YAML's `server:` section. */
export function parseServeConfigText(text: string, source: string): ServeInput {
  const doc = parseDocument(text, source, KIND);
  if (doc === null || doc === undefined) return {};
  const parsed = ConfigFileSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(KIND.invalid, issueMessage(source, issue), { cause: parsed.error });
  }
  const s = parsed.data.server ?? {};
  // Values that need more than a type check are validated here, naming the key.
  const bad = (key: string, msg: string) => new InputError(KIND.invalid, `${source}: server.${key}: ${msg}`);
  if (s.bodyLimit !== undefined && parseByteSize(s.bodyLimit) === undefined)
    throw bad(
      'bodyLimit',
      `expected a size such as 10MiB or a number of bytes, got ${JSON.stringify(s.bodyLimit)}`,
    );
  if (s.grace !== undefined && parseDurationMs(s.grace) === undefined)
    throw bad('grace', `expected a duration such as 5m, 300s or 1500ms, got ${JSON.stringify(s.grace)}`);
  return { ...s, ...(parsed.data.models ? { modelConfigs: parsed.data.models } : {}) };
}

export async function readServeConfigFile(path: string): Promise<ServeInput> {
  return parseServeConfigText(await readDocumentText(path, KIND), path);
}

/** The environment variables `serve` reads. */
export function envInput(env: NodeJS.ProcessEnv): ServeInput & { adminKey?: string | undefined } {
  const v = (name: string) => {
    const x = env[name];
    return x === undefined || x === '' ? undefined : x;
  };
  return {
    port: v('DRIFTWATCH_PORT'),
    host: v('DRIFTWATCH_HOST'),
    dataDir: v('DRIFTWATCH_DATA_DIR'),
    database: v('DRIFTWATCH_DATABASE_URL'),
    logLevel: v('DRIFTWATCH_LOG_LEVEL'),
    adminKey: v('DRIFTWATCH_ADMIN_KEY'),
  };
}

function first<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

function badOption(name: string, msg: string): UsageError {
  return new UsageError('DW_SERVE_BAD_OPTION', `${name}: ${msg}`);
}

/**
 * Merges flags > env > yaml > defaults and checks the result.
 * @throws UsageError `DW_SERVE_BAD_OPTION` (a flag or environment value is malformed),
 *   `DW_SERVE_NO_AUTH_NOT_LOOPBACK` (`--no-auth` on a non-loopback host), `DW_SERVE_ADMIN_KEY_WEAK`.
 */
export function resolveServeConfig(input: {
  flags: ServeInput;
  env: ServeInput & { adminKey?: string | undefined };
  file?: ServeInput;
  configFile?: string | undefined;
}): ServeConfig {
  const { flags, env } = input;
  const file = input.file ?? {};
  const where = (flag: string, envName: string | undefined, yamlKey: string) =>
    flags[yamlKey as keyof ServeInput] !== undefined
      ? flag
      : envName && env[yamlKey as keyof ServeInput] !== undefined
        ? envName
        : `${input.configFile ?? DEFAULT_CONFIG_FILE}: server.${yamlKey}`;

  const portRaw = first(flags.port, env.port, file.port);
  let port: number = SERVE_DEFAULTS.port;
  if (portRaw !== undefined) {
    const n = typeof portRaw === 'number' ? portRaw : Number(portRaw.trim() === '' ? Number.NaN : portRaw);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw badOption(
        where('--port', 'DRIFTWATCH_PORT', 'port'),
        `expected a port 0–65535, got '${portRaw}'`,
      );
    port = n;
  }

  const host = first(flags.host, env.host, file.host) ?? SERVE_DEFAULTS.host;
  if (host.trim() === '') throw badOption(where('--host', 'DRIFTWATCH_HOST', 'host'), 'must not be empty');

  const databaseUrl = first(flags.database, env.database, file.database);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl))
    throw badOption(
      where('--database', 'DRIFTWATCH_DATABASE_URL', 'database'),
      'expected a postgres:// or postgresql:// URL (SQLite is the default: use --data-dir)',
    );

  const bodyRaw = first(flags.bodyLimit, file.bodyLimit);
  let bodyLimitBytes: number = SERVE_DEFAULTS.bodyLimitBytes;
  if (bodyRaw !== undefined) {
    const b = parseByteSize(bodyRaw);
    if (b === undefined)
      throw badOption(
        where('--body-limit', undefined, 'bodyLimit'),
        `expected a size such as 10MiB or a number of bytes, got '${bodyRaw}'`,
      );
    bodyLimitBytes = b;
  }

  const retRaw = first(flags.retentionDays, file.retentionDays);
  let retentionDays: number = SERVE_DEFAULTS.retentionDays;
  if (retRaw !== undefined) {
    const n = typeof retRaw === 'number' ? retRaw : Number(retRaw);
    if (!Number.isFinite(n) || n <= 0)
      throw badOption(
        where('--retention-days', undefined, 'retentionDays'),
        `expected a positive number of days, got '${retRaw}'`,
      );
    retentionDays = n;
  }

  const graceRaw = first(flags.grace, file.grace);
  let graceMs: number = SERVE_DEFAULTS.graceMs;
  if (graceRaw !== undefined) {
    const g = parseDurationMs(graceRaw);
    if (g === undefined)
      throw badOption(
        where('--grace', undefined, 'grace'),
        `expected a duration such as 5m, 300s or 1500ms, got '${graceRaw}'`,
      );
    graceMs = g;
  }

  const levelRaw = first(flags.logLevel, env.logLevel, file.logLevel) ?? SERVE_DEFAULTS.logLevel;
  if (!isLogLevel(levelRaw))
    throw badOption(
      where('--log-level', 'DRIFTWATCH_LOG_LEVEL', 'logLevel'),
      `expected one of ${LOG_LEVELS.join(', ')}, got '${levelRaw}'`,
    );

  const noAuth = first(flags.noAuth, file.noAuth) ?? SERVE_DEFAULTS.noAuth;
  if (noAuth && !isLoopbackHost(host))
    throw new UsageError(
      'DW_SERVE_NO_AUTH_NOT_LOOPBACK',
      `--no-auth is allowed only on a loopback host (127.0.0.1, ::1, localhost), not ${host}: anyone who can reach the port could read and write every project`,
    );

  const adminKey = env.adminKey;
  if (adminKey !== undefined && (adminKey.length < 16 || /\s/.test(adminKey)))
    throw new UsageError(
      'DW_SERVE_ADMIN_KEY_WEAK',
      'DRIFTWATCH_ADMIN_KEY must be at least 16 characters without spaces',
    );

  return {
    port,
    host,
    dataDir: first(flags.dataDir, env.dataDir, file.dataDir) ?? SERVE_DEFAULTS.dataDir,
    databaseUrl,
    noAuth,
    strictModels: first(flags.strictModels, file.strictModels) ?? SERVE_DEFAULTS.strictModels,
    metricsPublic: first(flags.metricsPublic, file.metricsPublic) ?? SERVE_DEFAULTS.metricsPublic,
    bodyLimitBytes,
    retentionDays,
    graceMs,
    logLevel: levelRaw,
    adminKey,
    configFile: input.configFile,
    modelConfigs: file.modelConfigs ?? {},
  };
}

/** Loads the YAML (the given path, else `./driftwatch.yaml` when present) and resolves the configuration. */
export async function loadServeConfig(
  flags: ServeInput & { config?: string | undefined },
  env: NodeJS.ProcessEnv,
  cwdFile: (name: string) => string = (n) => n,
): Promise<ServeConfig> {
  let configFile = flags.config;
  if (configFile === undefined && existsSync(cwdFile(DEFAULT_CONFIG_FILE)))
    configFile = cwdFile(DEFAULT_CONFIG_FILE);
  const file = configFile !== undefined ? await readServeConfigFile(configFile) : {};
  return resolveServeConfig({ flags, env: envInput(env), file, configFile });
}
