/**
 * Window results (`windows.result_json`: the CLI report's JSON shape) for the dashboard.
 * @module
 */
import type { ReportResult } from '../../core/report/result-schema.ts';
import type { StorageHandle } from '../../storage/open-database.ts';
import type { Granularity } from './series-data.ts';

export interface WindowResult {
  readonly start: number;
  readonly end: number;
  readonly status: string;
  readonly revision: number;
  readonly rows: number;
  readonly evaluatedAt: number | null;
  readonly result: ReportResult;
}

function parse(json: string | null): ReportResult | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as ReportResult;
  } catch {
    return null;
  }
}

type Row = {
  start_ms: number;
  end_ms: number;
  status: string;
  revision: number;
  rows: number;
  evaluated_at: number | null;
  result_json: string | null;
};

function toResult(r: Row): WindowResult | undefined {
  const result = parse(r.result_json);
  if (!result) return undefined;
  return {
    start: Number(r.start_ms),
    end: Number(r.end_ms),
    status: r.status,
    revision: Number(r.revision),
    rows: Number(r.rows),
    evaluatedAt: r.evaluated_at === null ? null : Number(r.evaluated_at),
    result,
  };
}

const COLUMNS = ['start_ms', 'end_ms', 'status', 'revision', 'rows', 'evaluated_at', 'result_json'] as const;

/** One window's result (all versions unless `versionKey`), or undefined when not evaluated. */
export async function windowResult(
  storage: StorageHandle,
  modelId: string,
  granularity: Granularity,
  start: number,
  versionKey = '*',
): Promise<WindowResult | undefined> {
  const row = await storage.db
    .selectFrom('windows')
    .select([...COLUMNS])
    .where('model_id', '=', modelId)
    .where('granularity', '=', granularity)
    .where('version_key', '=', versionKey)
    .where('start_ms', '=', start)
    .executeTakeFirst();
  return row ? toResult(row) : undefined;
}

/** The newest evaluated window with a result, starting before `before` (default: any). */
export async function latestWindowResult(
  storage: StorageHandle,
  modelId: string,
  granularity: Granularity,
  options: { before?: number; after?: number; versionKey?: string } = {},
): Promise<WindowResult | undefined> {
  let q = storage.db
    .selectFrom('windows')
    .select([...COLUMNS])
    .where('model_id', '=', modelId)
    .where('granularity', '=', granularity)
    .where('version_key', '=', options.versionKey ?? '*')
    .where('result_json', 'is not', null);
  if (options.before !== undefined) q = q.where('start_ms', '<', options.before);
  if (options.after !== undefined) q = q.where('start_ms', '>=', options.after);
  const row = await q.orderBy('start_ms', 'desc').limit(1).executeTakeFirst();
  return row ? toResult(row) : undefined;
}

/** Results of the given window starts (those evaluated), newest first. */
export async function windowResults(
  storage: StorageHandle,
  modelId: string,
  granularity: Granularity,
  starts: readonly number[],
  versionKey = '*',
): Promise<WindowResult[]> {
  if (starts.length === 0) return [];
  const rows = await storage.db
    .selectFrom('windows')
    .select([...COLUMNS])
    .where('model_id', '=', modelId)
    .where('granularity', '=', granularity)
    .where('version_key', '=', versionKey)
    .where('start_ms', 'in', [...starts])
    .orderBy('start_ms', 'desc')
    .execute();
  return rows.map(toResult).filter((r): r is WindowResult => r !== undefined);
}

/** When the newest window of these models was evaluated (the data's "as of"), or null. */
export async function lastEvaluatedAt(
  storage: StorageHandle,
  modelIds: readonly string[],
): Promise<number | null> {
  if (modelIds.length === 0) return null;
  const row = await storage.db
    .selectFrom('windows')
    .select((eb) => eb.fn.max('evaluated_at').as('at'))
    .where('model_id', 'in', [...modelIds])
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}
