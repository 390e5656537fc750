/**
 * What every route can reach: storage, configuration, clock, logger and the shared services.
 * @module
 */
import type { StorageHandle } from '../storage/open-database.ts';
import type { Project } from '../storage/projects-store.ts';
import type { Principal } from './principal.ts';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export interface ServerOptions {
  /** No API keys (allowed only on loopback; the CLI checks that). */
  readonly noAuth: boolean;
  /** Unknown model names answer 404 instead of creating the model. */
  readonly strictModels: boolean;
  /** `/metrics` without a key. */
  readonly metricsPublic: boolean;
  /** Request body limit after gunzip, bytes. Default 10 MiB. */
  readonly bodyLimitBytes: number;
  /** Records waiting for the writer before ingestion answers 429. */
  readonly maxQueuedRecords: number;
  /** Grace period after an hourly window ends before it is evaluated, ms. Default 5 min. */
  readonly graceMs: number;
  /** Raw-record retention, days (profiles and series are kept). Default 30. */
  readonly retentionDays: number;
  /** Identifies this process in leases (multi-node). */
  readonly nodeId: string;
  /**
   * Check configurations from the server's `driftwatch.yaml` (`models:`), keyed `*`, `<project>/*` or
   * `<project>/<model>`; they sit under what the API sets for a model (defaults ← file ← model ← version).
   */
  readonly modelConfigs: Readonly<Record<string, unknown>>;
}

export const defaultServerOptions: ServerOptions = {
  noAuth: false,
  strictModels: false,
  metricsPublic: false,
  bodyLimitBytes: 10 * 1024 * 1024,
  maxQueuedRecords: 200_000,
  graceMs: 5 * 60_000,
  retentionDays: 30,
  nodeId: 'node',
  modelConfigs: {},
};

export interface ServerDeps {
  readonly storage: StorageHandle;
  readonly options: ServerOptions;
  readonly now: () => number;
  readonly log: Logger;
  /** Shared services added by other modules (ingest queue, evaluator, metrics registry), keyed by name. */
  readonly services: Map<string, unknown>;
}

export type AppEnv = {
  Variables: {
    principal: Principal | undefined;
    deps: ServerDeps;
    /** The path's project, resolved once by the `/v1` gate. */
    project: Project | undefined;
  };
};
