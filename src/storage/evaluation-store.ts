/**
 * What the window evaluator reads and writes: due windows, the portable lease that makes each window evaluated
 * once across server processes, the window's records joined with their labels, the stored results, and the
 * retention of raw records.
 *
 * Lease protocol (portable: one conditional UPDATE, "rows affected = 1 ⇒ claimed"; PostgreSQL re-checks the WHERE
 * clause on the locked row, SQLite has one writer):
 * - claim: `lease_owner = node, lease_until = now + lease, status = 'evaluated'` only when the lease is free or
 *   expired and the window is `pending`/`dirty` (or holds an expired lease: a crashed evaluation).
 *   Setting `evaluated` at claim time (not at the end) is what keeps late data: ingestion turns an `evaluated`
 *   window `dirty` in the same transaction that stores a record or label, so a record that lands while the window
 *   is being evaluated leaves it `dirty` and it is evaluated again (revised) once the lease is released.
 * - complete: writes the result, `revision + 1`, clears the lease — only while this node still holds it.
 * - fail: clears the owner and keeps `lease_until` as a retry time; the window goes back to `pending`/`dirty`.
 * @module
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { type Granularity, granularityMs } from './windows-store.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Lease length; the evaluator renews it while it works. */
export const LEASE_MS = 60_000;

export interface WindowKey {
  readonly modelId: string;
  readonly granularity: Granularity;
  /** `*` (all versions) or a version id. */
  readonly versionKey: string;
  readonly startMs: number;
}

export interface WindowState extends WindowKey {
  readonly endMs: number;
  readonly status: 'pending' | 'evaluated' | 'dirty';
  readonly revision: number;
  readonly rows: number;
  readonly evaluatedAt: number | null;
  readonly leaseOwner: string | null;
  readonly leaseUntil: number | null;
}

export interface WindowDetail extends WindowState {
  readonly resultJson: string | null;
  readonly profileJson: string | null;
}

type WindowRow = Database['windows'];

function toState(r: Omit<WindowRow, 'result_json' | 'profile_json'>): WindowState {
  return {
    modelId: r.model_id,
    granularity: r.granularity as Granularity,
    versionKey: r.version_key,
    startMs: Number(r.start_ms),
    endMs: Number(r.end_ms),
    status: r.status as WindowState['status'],
    revision: Number(r.revision),
    rows: Number(r.rows),
    evaluatedAt: r.evaluated_at === null ? null : Number(r.evaluated_at),
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until === null ? null : Number(r.lease_until),
  };
}

const STATE_COLUMNS = [
  'model_id',
  'granularity',
  'version_key',
  'start_ms',
  'end_ms',
  'status',
  'revision',
  'rows',
  'evaluated_at',
  'lease_owner',
  'lease_until',
] as const;

function whereKey<Q extends { where(...args: unknown[]): Q }>(q: Q, key: WindowKey): Q {
  return q
    .where('model_id', '=', key.modelId)
    .where('granularity', '=', key.granularity)
    .where('version_key', '=', key.versionKey)
    .where('start_ms', '=', key.startMs);
}

/**
 * Windows waiting for evaluation whose end plus grace has passed: hourly windows `graceMs` after they end, daily
 * windows `dailyGraceMs` after the day ends. Newest first (a backlog shows the latest state soonest); hourly before
 * daily at equal ends. Windows whose lease is held (or in retry back-off) are left out.
 */
export async function findDueWindows(
  db: Db,
  options: { now: number; graceMs: number; dailyGraceMs: number; limit: number },
): Promise<WindowState[]> {
  const { now } = options;
  const rows = await db
    .selectFrom('windows')
    .select(STATE_COLUMNS)
    .where('status', 'in', ['pending', 'dirty'])
    .where('end_ms', '<=', now - Math.min(options.graceMs, options.dailyGraceMs))
    .where((eb) =>
      eb.or([
        eb.and([eb('granularity', '=', '1h'), eb('end_ms', '<=', now - options.graceMs)]),
        eb.and([eb('granularity', '=', '1d'), eb('end_ms', '<=', now - options.dailyGraceMs)]),
      ]),
    )
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('end_ms', 'desc')
    .orderBy('granularity', 'asc')
    .limit(options.limit)
    .execute();
  return rows.map(toState);
}

/** Windows whose evaluation crashed: a lease with an owner that has expired. (Not indexed; call it rarely.) */
export async function findExpiredLeases(db: Db, now: number, limit: number): Promise<WindowState[]> {
  const rows = await db
    .selectFrom('windows')
    .select(STATE_COLUMNS)
    .where('lease_owner', 'is not', null)
    .where('lease_until', '<', now)
    .limit(limit)
    .execute();
  return rows.map(toState);
}

/**
 * Claims a window for `owner`; true when this call got it. `force` (on-demand evaluation) also claims an
 * `evaluated` window, still only when no one holds the lease.
 */
export async function claimWindow(
  db: Db,
  key: WindowKey,
  options: { owner: string; now: number; leaseMs?: number; force?: boolean },
): Promise<boolean> {
  const { owner, now } = options;
  const result = await whereKey(
    db.updateTable('windows').set({
      lease_owner: owner,
      lease_until: now + (options.leaseMs ?? LEASE_MS),
      status: 'evaluated',
    }),
    key,
  )
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .where((eb) =>
      options.force
        ? sql<boolean>`1 = 1`
        : eb.or([eb('status', 'in', ['pending', 'dirty']), eb('lease_owner', 'is not', null)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Extends the lease while `owner` still holds it; false when it was lost. */
export async function renewWindowLease(
  db: Db,
  key: WindowKey,
  owner: string,
  until: number,
): Promise<boolean> {
  const result = await whereKey(db.updateTable('windows').set({ lease_until: until }), key)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Stores an evaluation and releases the lease, in one transaction with `also` (the series rows). Returns the new
 * revision, or null when `owner` no longer holds the lease (another node took over after it expired: this
 * result is dropped).
 */
export async function completeWindow(
  db: Kysely<Database>,
  key: WindowKey,
  owner: string,
  data: { now: number; rows: number; resultJson: string; profileJson: string | null },
  also?: (tx: Transaction<Database>) => Promise<void>,
): Promise<number | null> {
  return db.transaction().execute(async (tx) => {
    const result = await whereKey(
      tx.updateTable('windows').set((eb) => ({
        revision: eb('revision', '+', 1),
        rows: data.rows,
        evaluated_at: data.now,
        result_json: data.resultJson,
        profile_json: data.profileJson,
        lease_owner: null,
        lease_until: null,
      })),
      key,
    )
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    if (also) await also(tx);
    const row = await whereKey(tx.selectFrom('windows').select('revision'), key).executeTakeFirstOrThrow();
    return Number(row.revision);
  });
}

/** Gives the lease back without a result; the window is retried from `retryAt` (back-off after a failure). */
export async function failWindow(db: Db, key: WindowKey, owner: string, retryAt: number): Promise<void> {
  await whereKey(
    db.updateTable('windows').set({
      lease_owner: null,
      lease_until: retryAt,
      status: sql<string>`case when revision = 0 then 'pending' else 'dirty' end`,
    }),
    key,
  )
    .where('lease_owner', '=', owner)
    .execute();
}

/** Gives the lease back and leaves the stored result as it is (e.g. a window whose raw records are gone). */
export async function releaseWindow(db: Db, key: WindowKey, owner: string): Promise<void> {
  await whereKey(db.updateTable('windows').set({ lease_owner: null, lease_until: null }), key)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Creates the window row (pending) when it does not exist yet — on-demand evaluation of an untouched range. */
export async function ensureWindow(db: Db, key: WindowKey): Promise<void> {
  await db
    .insertInto('windows')
    .values({
      model_id: key.modelId,
      granularity: key.granularity,
      version_key: key.versionKey,
      start_ms: key.startMs,
      end_ms: key.startMs + granularityMs(key.granularity),
      status: 'pending',
      revision: 0,
      rows: 0,
    })
    .onConflict((oc) => oc.columns(['model_id', 'granularity', 'version_key', 'start_ms']).doNothing())
    .execute();
}

export async function getWindow(db: Db, key: WindowKey): Promise<WindowDetail | undefined> {
  const r = await whereKey(db.selectFrom('windows').selectAll(), key).executeTakeFirst();
  return r ? { ...toState(r), resultJson: r.result_json, profileJson: r.profile_json } : undefined;
}

/** Windows of one model and scope starting in `[fromMs, toMs)`, oldest first. */
export async function listWindows(
  db: Db,
  q: {
    modelId: string;
    granularity: Granularity;
    versionKey: string;
    fromMs: number;
    toMs: number;
    limit?: number;
  },
): Promise<WindowState[]> {
  const rows = await db
    .selectFrom('windows')
    .select(STATE_COLUMNS)
    .where('model_id', '=', q.modelId)
    .where('granularity', '=', q.granularity)
    .where('version_key', '=', q.versionKey)
    .where('start_ms', '>', q.fromMs - granularityMs(q.granularity))
    .where('start_ms', '<', q.toMs)
    .orderBy('start_ms')
    .limit(q.limit ?? 10_000)
    .execute();
  return rows.map(toState);
}

/**
 * Marks a model's evaluated windows whose stored result contains `marker` as dirty (re-evaluated when due).
 * Used once per model when the first-day reference becomes available, for the windows evaluated without one.
 */
export async function markWindowsDirtyWhere(db: Db, modelId: string, marker: string): Promise<number> {
  const result = await db
    .updateTable('windows')
    .set({ status: 'dirty' })
    .where('model_id', '=', modelId)
    .where('status', '=', 'evaluated')
    .where('result_json', 'like', `%${marker}%`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** One stored record with its label (if any), as the evaluator reads it. */
export interface WindowRecordRow {
  readonly record_id: string;
  readonly version_id: string;
  readonly ts: number;
  readonly received_at: number;
  readonly features_json: string;
  readonly prediction_json: string | null;
  readonly score: number | null;
  readonly scores_json: string | null;
  readonly segments_json: string | null;
  readonly latency_ms: number | null;
  readonly error: string | null;
  readonly target_json: string | null;
  readonly label_received_at: number | null;
}

export interface RecordRange {
  readonly modelId: string;
  /** A version id, or undefined / `*` for all versions. */
  readonly versionId?: string | undefined;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Reads the records with event time in `[fromMs, toMs)` joined with their labels (LEFT JOIN on
 * (model_id, record_id)), in pages of `pageSize` ordered by (ts, record_id) — keyset paging, so memory stays
 * bounded by one page however large the window is.
 */
export async function forEachRecordPage(
  db: Db,
  range: RecordRange,
  onPage: (rows: readonly WindowRecordRow[]) => void | Promise<void>,
  pageSize = 10_000,
): Promise<number> {
  let total = 0;
  let cursor: { ts: number; id: string } | null = null;
  const version = range.versionId && range.versionId !== '*' ? range.versionId : null;
  for (;;) {
    let q = db
      .selectFrom('records as r')
      .leftJoin('labels as l', (j) =>
        j.onRef('l.model_id', '=', 'r.model_id').onRef('l.record_id', '=', 'r.record_id'),
      )
      .select([
        'r.record_id',
        'r.version_id',
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
        'l.received_at as label_received_at',
      ])
      .where('r.model_id', '=', range.modelId)
      .where('r.ts', '>=', range.fromMs)
      .where('r.ts', '<', range.toMs);
    if (version) q = q.where('r.version_id', '=', version);
    if (cursor) {
      const c = cursor;
      q = q.where((eb) =>
        eb.or([eb('r.ts', '>', c.ts), eb.and([eb('r.ts', '=', c.ts), eb('r.record_id', '>', c.id)])]),
      );
    }
    const rows = (await q
      .orderBy('r.ts')
      .orderBy('r.record_id')
      .limit(pageSize)
      .execute()) as WindowRecordRow[];
    if (rows.length === 0) break;
    total += rows.length;
    await onPage(rows);
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1]!;
    cursor = { ts: Number(last.ts), id: last.record_id };
  }
  return total;
}

/** Latency and error of the records in a range (system health), in pages like `forEachRecordPage`. */
export async function forEachHealthPage(
  db: Db,
  range: RecordRange,
  onPage: (rows: readonly { ts: number; latency_ms: number | null; error: string | null }[]) => void,
  pageSize = 50_000,
): Promise<number> {
  let total = 0;
  let cursor: { ts: number; id: string } | null = null;
  const version = range.versionId && range.versionId !== '*' ? range.versionId : null;
  for (;;) {
    let q = db
      .selectFrom('records')
      .select(['ts', 'record_id', 'latency_ms', 'error'])
      .where('model_id', '=', range.modelId)
      .where('ts', '>=', range.fromMs)
      .where('ts', '<', range.toMs);
    if (version) q = q.where('version_id', '=', version);
    if (cursor) {
      const c = cursor;
      q = q.where((eb) =>
        eb.or([eb('ts', '>', c.ts), eb.and([eb('ts', '=', c.ts), eb('record_id', '>', c.id)])]),
      );
    }
    const rows = await q.orderBy('ts').orderBy('record_id').limit(pageSize).execute();
    if (rows.length === 0) break;
    total += rows.length;
    onPage(rows);
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1]!;
    cursor = { ts: Number(last.ts), id: last.record_id };
  }
  return total;
}

/** Event time of the model's (or version's) first record at or after `atOrAfter`, or null. */
export async function firstRecordTs(
  db: Db,
  modelId: string,
  atOrAfter = Number.MIN_SAFE_INTEGER,
  versionId?: string,
): Promise<number | null> {
  let q = db
    .selectFrom('records')
    .select((eb) => eb.fn.min('ts').as('first'))
    .where('model_id', '=', modelId)
    .where('ts', '>=', atOrAfter);
  if (versionId) q = q.where('version_id', '=', versionId);
  const row = await q.executeTakeFirst();
  return row?.first === null || row?.first === undefined ? null : Number(row.first);
}

/** Counts the records of a range (cheap existence check for references). */
export async function countRecords(db: Db, range: RecordRange): Promise<number> {
  let q = db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('model_id', '=', range.modelId)
    .where('ts', '>=', range.fromMs)
    .where('ts', '<', range.toMs);
  if (range.versionId && range.versionId !== '*') q = q.where('version_id', '=', range.versionId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function getMeta(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Sets a meta value unless one exists; returns the stored value (the first writer wins across nodes). */
export async function putMetaIfAbsent(db: Db, key: string, value: string): Promise<string> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getMeta(db, key)) ?? value;
}

export async function deleteMeta(db: Db, key: string): Promise<void> {
  await db.deleteFrom('meta').where('key', '=', key).execute();
}

/** Model ids (for jobs that run per model). */
export async function listModelIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('models').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Deletes up to `batch` of a model's raw records with event time before `cutoffMs`, and their labels. Returns the
 * number of records deleted (call again until 0). Windows, profiles and series are kept.
 */
export async function deleteRecordsBefore(
  db: Kysely<Database>,
  modelId: string,
  cutoffMs: number,
  batch = 5_000,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const ids = (
      await tx
        .selectFrom('records')
        .select('record_id')
        .where('model_id', '=', modelId)
        .where('ts', '<', cutoffMs)
        .limit(batch)
        .execute()
    ).map((r) => r.record_id);
    if (ids.length === 0) return 0;
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      await tx.deleteFrom('labels').where('model_id', '=', modelId).where('record_id', 'in', part).execute();
      await tx.deleteFrom('records').where('model_id', '=', modelId).where('record_id', 'in', part).execute();
    }
    return ids.length;
  });
}

/** Deletes labels older than `cutoffMs` (label time) whose record never arrived or is gone. */
export async function deleteOrphanLabelsBefore(db: Db, modelId: string, cutoffMs: number): Promise<number> {
  const result = await db
    .deleteFrom('labels')
    .where('model_id', '=', modelId)
    .where('ts', '<', cutoffMs)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('records')
            .select('records.record_id')
            .whereRef('records.model_id', '=', 'labels.model_id')
            .whereRef('records.record_id', '=', 'labels.record_id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
