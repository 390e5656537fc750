/**
 * Raw records, labels and feedback: the ingestion write path (one transaction for a group of batches) and the
 * read of one record with its label.
 *
 * Write path. `writeIngestOps` applies several requests' batches ("ops") in ONE transaction and returns what each op
 * stored, so the caller can answer every request after a single commit (group commit):
 * - predictions: `INSERT … ON CONFLICT DO NOTHING`; a row counts as accepted only when it was inserted, so a re-sent
 *   id (in an earlier commit, an earlier op of this commit, or earlier in the same op) is a duplicate and never stored
 *   twice. Every inserted row touches its windows (`touchWindows`) in the same transaction.
 * - labels: upsert, the last value wins. A label whose target equals the stored one is a duplicate (nothing is
 *   written, the first label time is kept); one that replaces a different value is audited (`label.update`,
 *   before/after). When the labelled record exists, the windows of the RECORD's timestamp and version are touched,
 *   so the evaluator re-evaluates that window's quality; a label before its prediction just waits (read-time join).
 * - feedback: rows with an app-generated id, or `<modelId>:<client id>` when the client sent one (idempotent per
 *   model: a re-sent feedback id is a duplicate; the prefix keeps one model's ids from colliding with another's).
 *
 * SQLite: the batch runs inside a Kysely transaction (which holds Kysely's single-connection mutex, so no other
 * query interleaves) and the hot inserts use cached better-sqlite3 prepared statements on the same connection —
 * no query building per row. PostgreSQL: set-based statements (`json_to_recordset` for records, `unnest(...)`
 * arrays for labels and feedback), `RETURNING` the inserted keys.
 * @module
 */
import type SqliteDatabase from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import { appendAudit } from './audit-store.ts';
import { newId } from './ids.ts';
import type { StorageHandle } from './open-database.ts';
import type { Database } from './schema.ts';
import { HOUR_MS, touchWindows, type WindowTouch } from './windows-store.ts';

/** One prediction row, already validated and serialised (JSON columns are JSON text). */
export interface PredictionRow {
  readonly recordId: string;
  readonly versionId: string;
  /** Epoch ms. */
  readonly ts: number;
  readonly receivedAt: number;
  readonly featuresJson: string;
  readonly predictionJson: string | null;
  readonly score: number | null;
  readonly scoresJson: string | null;
  readonly segmentsJson: string | null;
  readonly latencyMs: number | null;
  readonly error: string | null;
}

export interface LabelRow {
  readonly recordId: string;
  readonly targetJson: string;
  /** Epoch ms of the label (its own timestamp, else arrival). */
  readonly ts: number;
  readonly receivedAt: number;
}

export interface FeedbackRow {
  /** The client's id (made unique per model here), or undefined for a generated one. */
  readonly clientId: string | undefined;
  readonly recordId: string;
  readonly at: number;
  readonly receivedAt: number;
  readonly kind: string | null;
  readonly valueJson: string | null;
  readonly comment: string | null;
  readonly author: string | null;
}

/** One request's batch. `projectId`/`modelName`/`actor` are for the audit trail (label changes). */
export type IngestOp =
  | { readonly kind: 'predictions'; readonly modelId: string; readonly rows: readonly PredictionRow[] }
  | {
      readonly kind: 'labels';
      readonly modelId: string;
      readonly projectId: string;
      readonly modelName: string;
      readonly actor: string | null;
      readonly rows: readonly LabelRow[];
    }
  | { readonly kind: 'feedback'; readonly modelId: string; readonly rows: readonly FeedbackRow[] };

/** What one op stored: `accepted` rows written, `duplicates` rows that were already there. */
export interface IngestOutcome {
  readonly accepted: number;
  readonly duplicates: number;
}

/** Number of rows an op carries (queue accounting). */
export function opSize(op: IngestOp): number {
  return op.rows.length;
}

/**
 * Applies the ops in one transaction; returns one outcome per op, in order. Nothing is visible (or acknowledged)
 * before the commit; if the transaction fails, nothing of it is stored.
 */
export async function writeIngestOps(
  storage: StorageHandle,
  ops: readonly IngestOp[],
  now: number,
): Promise<IngestOutcome[]> {
  if (ops.length === 0) return [];
  return storage.db.transaction().execute(async (tx) => {
    const touches: WindowTouch[] = [];
    const outcomes =
      storage.dialect === 'sqlite'
        ? await writeSqlite(storage.sqlite!, tx, ops, touches, now)
        : await writePostgres(tx, ops, touches, now);
    if (touches.length > 0) await touchWindows(tx, dedupeTouches(touches));
    return outcomes;
  });
}

/** One touch per (model, version, hour): touchWindows derives the day from the hour. */
function dedupeTouches(touches: readonly WindowTouch[]): WindowTouch[] {
  const seen = new Map<string, WindowTouch>();
  for (const t of touches) {
    const hour = Math.floor(t.tsMs / HOUR_MS);
    const k = `${t.modelId}\u0000${t.versionId}\u0000${hour}`;
    if (!seen.has(k)) seen.set(k, t);
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// SQLite: prepared statements on the raw connection, inside the Kysely transaction.

interface SqliteStatements {
  readonly insertRecord: SqliteDatabase.Statement;
  readonly selectLabel: SqliteDatabase.Statement;
  readonly upsertLabel: SqliteDatabase.Statement;
  readonly selectRecordRef: SqliteDatabase.Statement;
  readonly insertFeedback: SqliteDatabase.Statement;
}

const statementCache = new WeakMap<SqliteDatabase.Database, SqliteStatements>();

function statements(db: SqliteDatabase.Database): SqliteStatements {
  let s = statementCache.get(db);
  if (!s) {
    s = {
      insertRecord: db.prepare(
        `insert into records (model_id, record_id, version_id, ts, received_at, features_json, prediction_json,
           score, scores_json, segments_json, latency_ms, error)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      ),
      selectLabel: db
        .prepare('select target_json, ts from labels where model_id = ? and record_id = ?')
        .raw(true),
      upsertLabel: db.prepare(
        `insert into labels (model_id, record_id, target_json, ts, received_at) values (?, ?, ?, ?, ?)
         on conflict (model_id, record_id) do update set
           target_json = excluded.target_json, ts = excluded.ts, received_at = excluded.received_at`,
      ),
      selectRecordRef: db
        .prepare('select version_id, ts from records where model_id = ? and record_id = ?')
        .raw(true),
      insertFeedback: db.prepare(
        `insert into feedback (id, model_id, record_id, at, received_at, kind, value_json, comment, author)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      ),
    };
    statementCache.set(db, s);
  }
  return s;
}

interface LabelChange {
  readonly op: Extract<IngestOp, { kind: 'labels' }>;
  readonly recordId: string;
  readonly before: { target: unknown; timestamp: number } | null;
  readonly after: { target: unknown; timestamp: number };
}

async function writeSqlite(
  db: SqliteDatabase.Database,
  tx: Transaction<Database>,
  ops: readonly IngestOp[],
  touches: WindowTouch[],
  now: number,
): Promise<IngestOutcome[]> {
  const st = statements(db);
  const outcomes: IngestOutcome[] = [];
  const changes: LabelChange[] = [];
  for (const op of ops) {
    let accepted = 0;
    if (op.kind === 'predictions') {
      const ins = st.insertRecord;
      const modelId = op.modelId;
      let lastHour = NaN;
      let lastVersion = '';
      for (const r of op.rows) {
        const res = ins.run(
          modelId,
          r.recordId,
          r.versionId,
          r.ts,
          r.receivedAt,
          r.featuresJson,
          r.predictionJson,
          r.score,
          r.scoresJson,
          r.segmentsJson,
          r.latencyMs,
          r.error,
        );
        if (res.changes === 1) {
          accepted++;
          // Consecutive records mostly share an hour and a version: push one touch per run (deduped again later).
          const hour = Math.floor(r.ts / HOUR_MS);
          if (hour !== lastHour || r.versionId !== lastVersion) {
            lastHour = hour;
            lastVersion = r.versionId;
            touches.push({ modelId, versionId: r.versionId, tsMs: r.ts });
          }
        }
      }
    } else if (op.kind === 'labels') {
      for (const r of op.rows) {
        const prev = st.selectLabel.get(op.modelId, r.recordId) as [string, number] | undefined;
        if (prev && prev[0] === r.targetJson) continue; // same value again: a duplicate
        st.upsertLabel.run(op.modelId, r.recordId, r.targetJson, r.ts, r.receivedAt);
        accepted++;
        if (prev) {
          changes.push({
            op,
            recordId: r.recordId,
            before: { target: JSON.parse(prev[0]), timestamp: prev[1] },
            after: { target: JSON.parse(r.targetJson), timestamp: r.ts },
          });
        }
        const rec = st.selectRecordRef.get(op.modelId, r.recordId) as [string, number] | undefined;
        if (rec) touches.push({ modelId: op.modelId, versionId: rec[0], tsMs: rec[1] });
      }
    } else {
      for (const r of op.rows) {
        const id = feedbackId(op.modelId, r, now);
        const res = st.insertFeedback.run(
          id,
          op.modelId,
          r.recordId,
          r.at,
          r.receivedAt,
          r.kind,
          r.valueJson,
          r.comment,
          r.author,
        );
        if (res.changes === 1) accepted++;
      }
    }
    outcomes.push({ accepted, duplicates: op.rows.length - accepted });
  }
  for (const c of changes) await auditLabelChange(tx, c, now);
  return outcomes;
}

function feedbackId(modelId: string, r: FeedbackRow, now: number): string {
  return r.clientId === undefined ? newId(now) : `${modelId}:${r.clientId}`;
}

async function auditLabelChange(tx: Transaction<Database>, c: LabelChange, now: number): Promise<void> {
  await appendAudit(tx, {
    projectId: c.op.projectId,
    actor: c.op.actor,
    action: 'label.update',
    targetType: 'label',
    targetId: c.recordId,
    before: { model: c.op.modelName, id: c.recordId, ...c.before },
    after: { model: c.op.modelName, id: c.recordId, ...c.after },
    at: now,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL: set-based statements.

const KEY_SEP = '\u0000';

async function writePostgres(
  tx: Transaction<Database>,
  ops: readonly IngestOp[],
  touches: WindowTouch[],
  now: number,
): Promise<IngestOutcome[]> {
  const accepted = new Array<number>(ops.length).fill(0);

  // Predictions of every op in one statement. The first occurrence of a key in this commit is the one inserted
  // (later ones are duplicates without asking the database); RETURNING tells which first occurrences were new.
  const firstIdx = new Map<string, { op: number; row: PredictionRow; modelId: string }>();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind !== 'predictions') continue;
    for (const row of op.rows) {
      const k = op.modelId + KEY_SEP + row.recordId;
      if (!firstIdx.has(k)) firstIdx.set(k, { op: i, row, modelId: op.modelId });
    }
  }
  if (firstIdx.size > 0) {
    const list = [...firstIdx.values()];
    const inserted = await insertRecordsPg(tx, list);
    for (const e of list) {
      if (!inserted.has(e.modelId + KEY_SEP + e.row.recordId)) continue;
      accepted[e.op]!++;
      touches.push({ modelId: e.modelId, versionId: e.row.versionId, tsMs: e.row.ts });
    }
  }

  // Labels: read the stored values, replay this commit's labels in order in memory (last wins, same value is a
  // duplicate), then upsert the final value per key and audit every change.
  const labelOps: number[] = [];
  for (let i = 0; i < ops.length; i++) if (ops[i]!.kind === 'labels') labelOps.push(i);
  if (labelOps.length > 0) await writeLabelsPg(tx, ops, labelOps, accepted, touches, now);

  // Feedback: one insert per op (rare, small).
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind !== 'feedback' || op.rows.length === 0) continue;
    const res = await sql<{ id: string }>`
      insert into feedback (id, model_id, record_id, at, received_at, kind, value_json, comment, author)
      select id, ${op.modelId}, record_id, at, received_at, kind, value_json, comment, author
      from unnest(${op.rows.map((r) => feedbackId(op.modelId, r, now))}::text[],
                  ${op.rows.map((r) => r.recordId)}::text[],
                  ${op.rows.map((r) => r.at)}::bigint[],
                  ${op.rows.map((r) => r.receivedAt)}::bigint[],
                  ${op.rows.map((r) => r.kind)}::text[],
                  ${op.rows.map((r) => r.valueJson)}::text[],
                  ${op.rows.map((r) => r.comment)}::text[],
                  ${op.rows.map((r) => r.author)}::text[])
        as t(id, record_id, at, received_at, kind, value_json, comment, author)
      on conflict do nothing
      returning id`.execute(tx);
    accepted[i]! += res.rows.length;
  }

  return ops.map((op, i) => ({ accepted: accepted[i]!, duplicates: op.rows.length - accepted[i]! }));
}

async function insertRecordsPg(
  tx: Transaction<Database>,
  list: readonly { row: PredictionRow; modelId: string }[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  // The rows travel as ONE JSON document expanded by json_to_recordset: a single native JSON.stringify here costs
  // about a third of the Node CPU of binding twelve unnest arrays (pg escapes every array element in JS).
  // Chunked so one statement stays moderate.
  for (let i = 0; i < list.length; i += 5000) {
    const part = list.slice(i, i + 5000);
    const doc = JSON.stringify(
      part.map(({ row: r, modelId }) => ({
        model_id: modelId,
        record_id: r.recordId,
        version_id: r.versionId,
        ts: r.ts,
        received_at: r.receivedAt,
        features_json: r.featuresJson,
        prediction_json: r.predictionJson,
        score: r.score,
        scores_json: r.scoresJson,
        segments_json: r.segmentsJson,
        latency_ms: r.latencyMs,
        error: r.error,
      })),
    );
    const res = await sql<{ model_id: string; record_id: string }>`
      insert into records (model_id, record_id, version_id, ts, received_at, features_json, prediction_json,
                           score, scores_json, segments_json, latency_ms, error)
      select * from json_to_recordset(${doc}::json) as t(
        model_id text, record_id text, version_id text, ts bigint, received_at bigint, features_json text,
        prediction_json text, score double precision, scores_json text, segments_json text,
        latency_ms double precision, error text)
      on conflict do nothing
      returning model_id, record_id`.execute(tx);
    for (const r of res.rows) inserted.add(r.model_id + KEY_SEP + r.record_id);
  }
  return inserted;
}

async function writeLabelsPg(
  tx: Transaction<Database>,
  ops: readonly IngestOp[],
  labelOps: readonly number[],
  accepted: number[],
  touches: WindowTouch[],
  now: number,
): Promise<void> {
  const modelIds: string[] = [];
  const recordIds: string[] = [];
  const keys = new Set<string>();
  for (const i of labelOps) {
    const op = ops[i]!;
    for (const r of op.rows) {
      const k = op.modelId + KEY_SEP + r.recordId;
      if (keys.has(k)) continue;
      keys.add(k);
      modelIds.push(op.modelId);
      recordIds.push(r.recordId);
    }
  }
  const stored = await sql<{ model_id: string; record_id: string; target_json: string; ts: number }>`
    select l.model_id, l.record_id, l.target_json, l.ts from labels l
    join unnest(${modelIds}::text[], ${recordIds}::text[]) as k(model_id, record_id)
      on l.model_id = k.model_id and l.record_id = k.record_id`.execute(tx);
  const current = new Map<string, { targetJson: string; ts: number }>();
  for (const r of stored.rows)
    current.set(r.model_id + KEY_SEP + r.record_id, { targetJson: r.target_json, ts: Number(r.ts) });

  const finalRows = new Map<string, { modelId: string; row: LabelRow }>();
  const changes: LabelChange[] = [];
  for (const i of labelOps) {
    const op = ops[i] as Extract<IngestOp, { kind: 'labels' }>;
    for (const r of op.rows) {
      const k = op.modelId + KEY_SEP + r.recordId;
      const prev = current.get(k);
      if (prev && prev.targetJson === r.targetJson) continue;
      accepted[i]!++;
      if (prev) {
        changes.push({
          op,
          recordId: r.recordId,
          before: { target: JSON.parse(prev.targetJson), timestamp: prev.ts },
          after: { target: JSON.parse(r.targetJson), timestamp: r.ts },
        });
      }
      current.set(k, { targetJson: r.targetJson, ts: r.ts });
      finalRows.set(k, { modelId: op.modelId, row: r });
    }
  }
  if (finalRows.size === 0) return;
  const list = [...finalRows.values()];
  await sql`
    insert into labels (model_id, record_id, target_json, ts, received_at)
    select * from unnest(${list.map((e) => e.modelId)}::text[], ${list.map((e) => e.row.recordId)}::text[],
                         ${list.map((e) => e.row.targetJson)}::text[], ${list.map((e) => e.row.ts)}::bigint[],
                         ${list.map((e) => e.row.receivedAt)}::bigint[])
    on conflict (model_id, record_id) do update set
      target_json = excluded.target_json, ts = excluded.ts, received_at = excluded.received_at`.execute(tx);
  const refs = await sql<{ model_id: string; version_id: string; ts: number }>`
    select r.model_id, r.version_id, r.ts from records r
    join unnest(${list.map((e) => e.modelId)}::text[], ${list.map((e) => e.row.recordId)}::text[])
      as k(model_id, record_id)
      on r.model_id = k.model_id and r.record_id = k.record_id`.execute(tx);
  for (const r of refs.rows)
    touches.push({ modelId: r.model_id, versionId: r.version_id, tsMs: Number(r.ts) });
  for (const c of changes) await auditLabelChange(tx, c, now);
}

// ---------------------------------------------------------------------------------------------------------------
// Reads.

export interface StoredRecord {
  readonly recordId: string;
  readonly versionId: string;
  readonly versionName: string | null;
  readonly ts: number;
  readonly receivedAt: number;
  readonly features: Record<string, unknown>;
  readonly prediction: unknown;
  readonly score: number | null;
  readonly scores: Record<string, number> | null;
  readonly segments: Record<string, unknown> | null;
  readonly latencyMs: number | null;
  readonly error: string | null;
  readonly label: { readonly target: unknown; readonly ts: number; readonly receivedAt: number } | null;
}

/** A record with its label (read-time join) and version name, or undefined. */
export async function findRecord(
  storage: StorageHandle,
  modelId: string,
  recordId: string,
): Promise<StoredRecord | undefined> {
  const row = await storage.db
    .selectFrom('records as r')
    .leftJoin('labels as l', (j) =>
      j.onRef('l.model_id', '=', 'r.model_id').onRef('l.record_id', '=', 'r.record_id'),
    )
    .leftJoin('versions as v', 'v.id', 'r.version_id')
    .select([
      'r.record_id',
      'r.version_id',
      'v.name as version_name',
      'r.ts',
      'r.received_at',
      'r.features_json',
      'r.prediction_json',
      'r.score',
      'r.scores_json',
      'r.segments_json',
      'r.latency_ms',
      'r.error',
      'l.target_json',
      'l.ts as label_ts',
      'l.received_at as label_received_at',
    ])
    .where('r.model_id', '=', modelId)
    .where('r.record_id', '=', recordId)
    .executeTakeFirst();
  if (!row) return undefined;
  const parse = (s: string | null) => (s === null ? null : JSON.parse(s));
  return {
    recordId: row.record_id,
    versionId: row.version_id,
    versionName: row.version_name ?? null,
    ts: Number(row.ts),
    receivedAt: Number(row.received_at),
    features: JSON.parse(row.features_json) as Record<string, unknown>,
    prediction: parse(row.prediction_json),
    score: row.score === null ? null : Number(row.score),
    scores: parse(row.scores_json) as Record<string, number> | null,
    segments: parse(row.segments_json) as Record<string, unknown> | null,
    latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    error: row.error,
    label:
      row.target_json === null || row.target_json === undefined
        ? null
        : {
            target: JSON.parse(row.target_json),
            ts: Number(row.label_ts),
            receivedAt: Number(row.label_received_at),
          },
  };
}

/** A label by record id (it may exist before its record), or undefined. */
export async function findLabel(
  storage: StorageHandle,
  modelId: string,
  recordId: string,
): Promise<{ target: unknown; ts: number; receivedAt: number } | undefined> {
  const row = await storage.db
    .selectFrom('labels')
    .select(['target_json', 'ts', 'received_at'])
    .where('model_id', '=', modelId)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return row
    ? { target: JSON.parse(row.target_json), ts: Number(row.ts), receivedAt: Number(row.received_at) }
    : undefined;
}

export interface StoredFeedback {
  readonly id: string;
  readonly recordId: string | null;
  readonly at: number;
  readonly kind: string | null;
  readonly value: unknown;
  readonly comment: string | null;
  readonly author: string | null;
}

/** Feedback on one record, oldest first (at most `limit`, default 100). */
export async function listRecordFeedback(
  storage: StorageHandle,
  modelId: string,
  recordId: string,
  limit = 100,
): Promise<StoredFeedback[]> {
  const rows = await storage.db
    .selectFrom('feedback')
    .selectAll()
    .where('model_id', '=', modelId)
    .where('record_id', '=', recordId)
    .orderBy('at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const prefix = `${modelId}:`;
  return rows.map((r) => ({
    id: r.id.startsWith(prefix) ? r.id.slice(prefix.length) : r.id,
    recordId: r.record_id,
    at: Number(r.at),
    kind: r.kind,
    value: r.value_json === null ? null : JSON.parse(r.value_json),
    comment: r.comment,
    author: r.author,
  }));
}

export interface VersionInfo {
  readonly id: string;
  readonly name: string;
  /** The version's contract as stored (JSON text), or null. */
  readonly contractJson: string | null;
}

/** Name and contract of a version (ingestion validates records against the contract). */
export async function findVersionInfo(
  storage: StorageHandle,
  versionId: string,
): Promise<VersionInfo | undefined> {
  const row = await storage.db
    .selectFrom('versions')
    .select(['id', 'name', 'contract_json'])
    .where('id', '=', versionId)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, contractJson: row.contract_json } : undefined;
}

/** Count of stored records of a model (tests, diagnostics). */
export async function countRecords(storage: StorageHandle, modelId: string): Promise<number> {
  const row = await storage.db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('model_id', '=', modelId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
