/**
 * Table types of the driftwatch database, shared by SQLite and PostgreSQL through Kysely.
 * Timestamps are epoch-millisecond integers (`bigint` on PostgreSQL, read back as JS numbers — see
 * open-database.ts); JSON documents are `text` so the schema stays portable; ids are app-generated text.
 * @module
 */
import type { Generated } from 'kysely';

/** One row per project. */
export interface ProjectsTable {
  id: string;
  name: string;
  created_at: number;
  created_by: string | null;
}

/** API keys. `project_id` null marks the server-wide key made on first start. */
export interface ApiKeysTable {
  id: string;
  project_id: string | null;
  /** sha256 hex of the key; the key itself is never stored. */
  key_hash: string;
  /** JSON array of scopes: `ingest`, `read`, `admin`. */
  scopes: string;
  created_at: number;
  created_by: string | null;
  revoked_at: number | null;
}

export interface ModelsTable {
  id: string;
  project_id: string;
  name: string;
  created_at: number;
  /** JSON: the schema inferred from the first batch (`{ features: { name: dtype } , ... }`). */
  schema_json: string | null;
  /** JSON: the model's check configuration (drift methods, thresholds, windows, segments). */
  config_json: string | null;
}

export interface VersionsTable {
  id: string;
  model_id: string;
  name: string;
  created_at: number;
  created_by: string | null;
  /** JSON: the input contract (same format as `--contract`). */
  contract_json: string | null;
  /** JSON: a `DatasetProfile` used as the reference. */
  reference_json: string | null;
  /** JSON: where the reference came from (`{ kind: 'upload', file } | { kind: 'range', from, to }`). */
  reference_source_json: string | null;
  features_json: string | null;
  fingerprint: string | null;
  environment_json: string | null;
  evaluation_json: string | null;
  validation_json: string | null;
  tags_json: string | null;
  /** JSON: per-version check configuration overriding the model's. */
  config_json: string | null;
}

export interface AliasesTable {
  model_id: string;
  alias: string;
  version_id: string;
  updated_at: number;
  updated_by: string | null;
}

/** Append-only audit trail: who did what, when, with the before/after state. */
export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  project_id: string | null;
  at: number;
  actor: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** Raw prediction records: the source of truth, kept for audit and traceability (with a retention). */
export interface RecordsTable {
  model_id: string;
  record_id: string;
  version_id: string;
  ts: number;
  received_at: number;
  features_json: string;
  prediction_json: string | null;
  score: number | null;
  scores_json: string | null;
  segments_json: string | null;
  latency_ms: number | null;
  error: string | null;
}

/** Ground truth, joined to records at read time on (model_id, record_id); the last value sent wins. */
export interface LabelsTable {
  model_id: string;
  record_id: string;
  target_json: string;
  ts: number;
  received_at: number;
}

export interface FeedbackTable {
  id: string;
  model_id: string;
  record_id: string | null;
  at: number;
  received_at: number;
  kind: string | null;
  value_json: string | null;
  comment: string | null;
  author: string | null;
}

/** Window state: one row per (model, granularity, start, version scope). */
export interface WindowsTable {
  model_id: string;
  /** `1h` or `1d`. */
  granularity: string;
  start_ms: number;
  end_ms: number;
  /** `*` for all versions, else a version id. */
  version_key: string;
  /** `pending` | `evaluated` | `dirty`. */
  status: string;
  revision: number;
  rows: number;
  evaluated_at: number | null;
  /** Lease for multi-node evaluation (portable conditional UPDATE). */
  lease_owner: string | null;
  lease_until: number | null;
  /** JSON: the window's report (same shape as the CLI's result). */
  result_json: string | null;
  /** JSON: the window's `DatasetProfile` (mergeable). */
  profile_json: string | null;
}

/** Scalar metric time series derived from window evaluations. */
export interface SeriesTable {
  model_id: string;
  metric: string;
  granularity: string;
  version_key: string;
  /** '' for the whole window, else `column=value` (or two joined with `&`). */
  segment: string;
  start_ms: number;
  end_ms: number;
  value: number | null;
  /** 1 when computed from raw rows, 0 when from sketches. */
  exact: number;
  rows: number;
  method: string | null;
}

/** Batch reports pushed from the CLI (the dashboard's workspace of snapshots). */
export interface ReportsTable {
  id: string;
  project_id: string;
  created_at: number;
  title: string | null;
  tags_json: string | null;
  result_json: string;
  html: string | null;
}

/** Small server-wide key/value state. */
export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  models: ModelsTable;
  versions: VersionsTable;
  aliases: AliasesTable;
  audit_log: AuditLogTable;
  records: RecordsTable;
  labels: LabelsTable;
  feedback: FeedbackTable;
  windows: WindowsTable;
  series: SeriesTable;
  reports: ReportsTable;
  meta: MetaTable;
}
