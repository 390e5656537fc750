/**
 * Reads for the retraining export (`GET …/models/{model}/export`): a model's raw records of a time range with
 * their labels (read-time join on (model_id, record_id)) and version names, one page at a time.
 *
 * Pages are ordered by (ts, record_id) and continue from the last row of the previous page (keyset pagination on
 * the `records_pk` / `records_model_ts` indexes), so an export of millions of rows never holds more than one page
 * in memory and never re-reads skipped rows the way `OFFSET` would. Each page is its own statement: on SQLite
 * (one connection) ingestion interleaves between pages instead of waiting for the whole export. The export is
 * therefore not one snapshot: a record inserted behind the cursor while the export runs is not in it, one ahead
 * of it is, and a label changed meanwhile shows its newest value if its record was not yet read. Rows are never
 * returned twice or skipped, because (ts, record_id) is unique per model and immutable.
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Which records an export reads. */
export interface ExportRange {
  readonly modelId: string;
  /** Inclusive lower bound on the record's event time (epoch ms); undefined = from the first record. */
  readonly fromMs?: number | undefined;
  /** Exclusive upper bound (epoch ms); undefined = to the last record. */
  readonly toMs?: number | undefined;
  /** Only this version's records; undefined = every version. */
  readonly versionId?: string | undefined;
  /** Only records that have a label (inner join instead of left join). */
  readonly labeledOnly: boolean;
}

/** One exported record as stored: JSON columns are still JSON text, timestamps epoch ms. */
export interface ExportRow {
  readonly recordId: string;
  readonly ts: number;
  readonly versionName: string | null;
  readonly featuresJson: string;
  readonly predictionJson: string | null;
  readonly score: number | null;
  readonly scoresJson: string | null;
  readonly segmentsJson: string | null;
  readonly latencyMs: number | null;
  readonly error: string | null;
  /** null when the record has no label. */
  readonly targetJson: string | null;
  readonly labelTs: number | null;
}

/** Position after the last row read: the next page starts strictly after (ts, recordId). */
export interface ExportCursor {
  readonly ts: number;
  readonly recordId: string;
}

/** Default rows per page: small enough that one page query holds SQLite's only connection for a few ms. */
export const EXPORT_PAGE_ROWS = 2000;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * One page of the range after `cursor` (null: from the start), at most `limit` rows, ordered by (ts, record_id).
 * Fewer than `limit` rows means the range is exhausted.
 */
export async function readExportPage(
  db: Db,
  range: ExportRange,
  cursor: ExportCursor | null,
  limit = EXPORT_PAGE_ROWS,
): Promise<ExportRow[]> {
  const base = db.selectFrom('records as r');
  const joined = range.labeledOnly
    ? base.innerJoin('labels as l', (j) =>
        j.onRef('l.model_id', '=', 'r.model_id').onRef('l.record_id', '=', 'r.record_id'),
      )
    : base.leftJoin('labels as l', (j) =>
        j.onRef('l.model_id', '=', 'r.model_id').onRef('l.record_id', '=', 'r.record_id'),
      );
  let q = joined
    .leftJoin('versions as v', 'v.id', 'r.version_id')
    .select([
      'r.record_id',
      'r.ts',
      'v.name as version_name',
      'r.features_json',
      'r.prediction_json',
      'r.score',
      'r.scores_json',
      'r.segments_json',
      'r.latency_ms',
      'r.error',
      'l.target_json',
      'l.ts as label_ts',
    ])
    .where('r.model_id', '=', range.modelId);
  if (range.fromMs !== undefined) q = q.where('r.ts', '>=', range.fromMs);
  if (range.toMs !== undefined) q = q.where('r.ts', '<', range.toMs);
  if (range.versionId !== undefined) q = q.where('r.version_id', '=', range.versionId);
  if (cursor) {
    const c = cursor;
    // `ts >= c.ts` is implied by the OR below but, unlike the OR, is an index range on (model_id, ts): without it
    // SQLite searches the index by model_id alone and re-scans every earlier row on each page (quadratic).
    q = q
      .where('r.ts', '>=', c.ts)
      .where((eb) =>
        eb.or([eb('r.ts', '>', c.ts), eb.and([eb('r.ts', '=', c.ts), eb('r.record_id', '>', c.recordId)])]),
      );
  }
  const rows = await q.orderBy('r.ts').orderBy('r.record_id').limit(limit).execute();
  return rows.map((r) => ({
    recordId: r.record_id,
    ts: Number(r.ts),
    versionName: r.version_name ?? null,
    featuresJson: r.features_json,
    predictionJson: r.prediction_json,
    score: num(r.score),
    scoresJson: r.scores_json,
    segmentsJson: r.segments_json,
    latencyMs: num(r.latency_ms),
    error: r.error,
    targetJson: r.target_json ?? null,
    labelTs: num(r.label_ts),
  }));
}

/** Every page of the range in order (keyset pagination; one page in memory at a time). */
export async function* exportPages(
  db: Db,
  range: ExportRange,
  pageRows = EXPORT_PAGE_ROWS,
): AsyncGenerator<ExportRow[], void, undefined> {
  let cursor: ExportCursor | null = null;
  for (;;) {
    const page = await readExportPage(db, range, cursor, pageRows);
    if (page.length > 0) yield page;
    if (page.length < pageRows) return;
    const last = page[page.length - 1]!;
    cursor = { ts: last.ts, recordId: last.recordId };
  }
}

/** Keys seen in a range's records: the export's columns when the model has no inferred schema. */
export interface ExportKeys {
  readonly features: readonly string[];
  readonly scoreClasses: readonly string[];
  readonly segments: readonly string[];
  /** Some record has a scalar `score`. */
  readonly hasScore: boolean;
}

/**
 * Union of the feature, score-class and segment keys of the range's records, in first-seen order (a full pass
 * over the range, page by page — only needed when the model has no stored schema).
 */
export async function scanExportKeys(
  db: Db,
  range: ExportRange,
  pageRows = EXPORT_PAGE_ROWS,
): Promise<ExportKeys> {
  const features = new Set<string>();
  const scoreClasses = new Set<string>();
  const segments = new Set<string>();
  let hasScore = false;
  const addKeys = (json: string | null, into: Set<string>) => {
    if (json === null) return;
    const o: unknown = JSON.parse(json);
    if (o !== null && typeof o === 'object' && !Array.isArray(o)) for (const k of Object.keys(o)) into.add(k);
  };
  for await (const page of exportPages(db, range, pageRows)) {
    for (const r of page) {
      addKeys(r.featuresJson, features);
      addKeys(r.scoresJson, scoreClasses);
      addKeys(r.segmentsJson, segments);
      if (r.score !== null) hasScore = true;
    }
  }
  return { features: [...features], scoreClasses: [...scoreClasses], segments: [...segments], hasScore };
}
