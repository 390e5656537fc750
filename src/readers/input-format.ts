/**
 * File formats the readers understand, and how a path's extension selects one.
 * @module
 */

export type InputFormat = 'csv' | 'parquet' | 'jsonl';

/** Extensions (lower case, with the dot) per format. */
export const FORMAT_EXTENSIONS: Readonly<Record<InputFormat, readonly string[]>> = Object.freeze({
  csv: Object.freeze(['.csv']),
  parquet: Object.freeze(['.parquet', '.pq']),
  jsonl: Object.freeze(['.jsonl', '.ndjson']),
});

/** The format a path's extension names (case-insensitive), or `undefined`. */
export function formatFromPath(path: string): InputFormat | undefined {
  const lower = path.toLowerCase();
  for (const format of Object.keys(FORMAT_EXTENSIONS) as InputFormat[]) {
    if (FORMAT_EXTENSIONS[format].some((ext) => lower.endsWith(ext))) return format;
  }
  return undefined;
}
