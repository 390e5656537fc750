/**
 * Batch reports pushed from the CLI (`driftwatch report … --push`): the project's workspace of snapshots.
 * @module
 */
import { newId } from '../../storage/ids.ts';
import type { StorageHandle } from '../../storage/open-database.ts';

export interface ReportSummary {
  readonly id: string;
  readonly createdAt: number;
  readonly title: string | null;
  readonly tags: readonly string[];
  /** Headline figures read from the stored result. */
  readonly datasetDrift: boolean | null;
  readonly driftedCount: number | null;
  readonly columnCount: number | null;
  readonly referenceRows: number | null;
  readonly currentRows: number | null;
}

function tagsOf(json: string | null): string[] {
  if (json === null) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export async function insertReport(
  storage: StorageHandle,
  input: {
    projectId: string;
    title: string | null;
    tags: readonly string[];
    resultJson: string;
    html: string;
    now: number;
  },
): Promise<string> {
  const id = newId(input.now);
  await storage.db
    .insertInto('reports')
    .values({
      id,
      project_id: input.projectId,
      created_at: input.now,
      title: input.title,
      tags_json: JSON.stringify(input.tags),
      result_json: input.resultJson,
      html: input.html,
    })
    .execute();
  return id;
}

/**
 * Reports of a project, newest first, optionally with a tag. Headline figures are read from the stored result
 * (a few kB per report: the result holds summaries, never rows).
 */
export async function listReports(
  storage: StorageHandle,
  projectId: string,
  options: { tag?: string; limit?: number } = {},
): Promise<ReportSummary[]> {
  const rows = await storage.db
    .selectFrom('reports')
    .select(['id', 'created_at', 'title', 'tags_json', 'result_json'])
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.tag ? 5000 : (options.limit ?? 200))
    .execute();
  const out: ReportSummary[] = [];
  for (const r of rows) {
    const tags = tagsOf(r.tags_json);
    if (options.tag && !tags.includes(options.tag)) continue;
    let drift: { datasetDrift?: unknown; driftedCount?: unknown; columnCount?: unknown } | undefined;
    let refRows: unknown;
    let curRows: unknown;
    try {
      const res = JSON.parse(r.result_json) as {
        drift?: typeof drift;
        reference?: { rows?: unknown };
        current?: { rows?: unknown };
      };
      drift = res.drift;
      refRows = res.reference?.rows;
      curRows = res.current?.rows;
    } catch {}
    const n = (x: unknown) => (typeof x === 'number' ? x : null);
    out.push({
      id: r.id,
      createdAt: Number(r.created_at),
      title: r.title,
      tags,
      datasetDrift: typeof drift?.datasetDrift === 'boolean' ? drift.datasetDrift : null,
      driftedCount: n(drift?.driftedCount),
      columnCount: n(drift?.columnCount),
      referenceRows: n(refRows),
      currentRows: n(curRows),
    });
    if (out.length >= (options.limit ?? 200)) break;
  }
  return out;
}

export async function findReport(
  storage: StorageHandle,
  projectId: string,
  id: string,
): Promise<
  | {
      id: string;
      createdAt: number;
      title: string | null;
      tags: string[];
      resultJson: string;
      html: string | null;
    }
  | undefined
> {
  const r = await storage.db
    .selectFrom('reports')
    .select(['id', 'created_at', 'title', 'tags_json', 'result_json', 'html'])
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    createdAt: Number(r.created_at),
    title: r.title,
    tags: tagsOf(r.tags_json),
    resultJson: r.result_json,
    html: r.html,
  };
}
