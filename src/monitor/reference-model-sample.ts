/**
 * The reference's model columns kept row-aligned (target with score/prediction), for CBPE in window evaluations.
 * A profile keeps each column's values, not its rows, so it cannot calibrate CBPE (which needs each reference row's
 * score *and* label); an uploaded reference dataset therefore also stores these few columns as rows, up to a cap.
 * Stored in the `meta` table under `reference-model:<versionId>`.
 * @module
 */
import type { Column, Table } from '../core/table/column.ts';
import { isNumberColumn } from '../core/table/column.ts';
import type { StorageHandle } from '../storage/open-database.ts';
import { PREDICTION_COLUMN, SCORE_COLUMN, SCORE_COLUMN_PREFIX, TARGET_COLUMN } from './record-columns.ts';

/** References with more rows keep no sample (their profile is sketched anyway). */
export const MODEL_SAMPLE_MAX_ROWS = 100_000;

export interface ModelSample {
  readonly rows: number;
  /** Column name → values in row order (null = missing). */
  readonly columns: Readonly<Record<string, ReadonlyArray<number | string | null>>>;
}

export const modelSampleKey = (versionId: string) => `reference-model:${versionId}`;

/** The target and model-output columns of an uploaded reference, as rows; null when it has no target and score. */
export function modelSampleOf(table: Table): ModelSample | null {
  if (table.rowCount === 0 || table.rowCount > MODEL_SAMPLE_MAX_ROWS) return null;
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const scoreNames = table.columns
    .map((c) => c.name)
    .filter((n) => n === SCORE_COLUMN || n.startsWith(SCORE_COLUMN_PREFIX));
  if (!byName.has(TARGET_COLUMN) || scoreNames.length === 0) return null;
  const columns: Record<string, Array<number | string | null>> = {};
  for (const name of [TARGET_COLUMN, PREDICTION_COLUMN, ...scoreNames]) {
    const c = byName.get(name);
    if (!c) continue;
    const out: Array<number | string | null> = new Array(table.rowCount);
    if (isNumberColumn(c)) {
      for (let i = 0; i < table.rowCount; i++) {
        const v = c.values[i]!;
        out[i] = Number.isFinite(v) ? v : null;
      }
    } else {
      for (let i = 0; i < table.rowCount; i++) {
        const code = c.codes[i]!;
        out[i] = code < 0 ? null : c.dictionary[code]!;
      }
    }
    columns[name] = out;
  }
  return { rows: table.rowCount, columns };
}

/** Rebuilds a sample's columns (numbers as float columns, anything else dictionary-encoded). */
export function sampleColumns(sample: ModelSample): Column[] {
  const out: Column[] = [];
  for (const [name, values] of Object.entries(sample.columns)) {
    if (values.length !== sample.rows) continue;
    if (values.every((v) => v === null || typeof v === 'number')) {
      out.push({
        name,
        dtype: 'float',
        values: Float64Array.from(values, (v) => (v === null ? Number.NaN : (v as number))),
      });
    } else {
      const dictionary: string[] = [];
      const index = new Map<string, number>();
      const codes = new Int32Array(sample.rows);
      values.forEach((v, i) => {
        if (v === null) {
          codes[i] = -1;
          return;
        }
        const s = String(v);
        let code = index.get(s);
        if (code === undefined) {
          code = dictionary.length;
          dictionary.push(s);
          index.set(s, code);
        }
        codes[i] = code;
      });
      out.push({ name, dtype: 'string', codes, dictionary });
    }
  }
  return out;
}

export async function storeModelSample(
  storage: StorageHandle,
  versionId: string,
  sample: ModelSample | null,
): Promise<void> {
  const key = modelSampleKey(versionId);
  await storage.db.deleteFrom('meta').where('key', '=', key).execute();
  if (sample)
    await storage.db
      .insertInto('meta')
      .values({ key, value: JSON.stringify(sample) })
      .execute();
}

export async function loadModelSample(
  storage: StorageHandle,
  versionId: string,
): Promise<ModelSample | null> {
  const row = await storage.db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', modelSampleKey(versionId))
    .executeTakeFirst();
  if (!row) return null;
  try {
    const s = JSON.parse(row.value) as ModelSample;
    return typeof s.rows === 'number' && s.columns && typeof s.columns === 'object' ? s : null;
  } catch {
    return null;
  }
}
