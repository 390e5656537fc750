/**
 * The overview of a project: every model with its status badges, worst first, refreshed in place.
 * @module
 */
import { createHash } from 'node:crypto';
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import { modelOverview, sortWorstFirst } from '../data/overview-data.ts';
import { type Project, projectModels } from '../data/project-data.ts';
import { lastEvaluatedAt } from '../data/window-data.ts';
import { noModelsYet } from '../views/empty-states.ts';
import { overviewRows, overviewView } from '../views/overview-view.ts';
import { formatAgo, formatTime, formatTimeSeconds } from '../views/time-format.ts';
import type { UiContext } from './context.ts';

/** The overview polls for new windows this often. */
export const OVERVIEW_REFRESH_MS = 15_000;

export interface OverviewData {
  readonly rowsHtml: SafeHtml;
  readonly version: string;
  readonly updated: string;
  readonly modelCount: number;
  readonly rows: Awaited<ReturnType<typeof modelOverview>>[];
}

export async function overviewData(ctx: UiContext, project: Project): Promise<OverviewData> {
  const models = await projectModels(ctx.deps.storage, project);
  const rows = sortWorstFirst(
    await Promise.all(models.map((m) => modelOverview(ctx.deps.storage, m, ctx.now))),
  );
  const rowsHtml = overviewRows(project.name, rows);
  const asOf = await lastEvaluatedAt(
    ctx.deps.storage,
    models.map((m) => m.id),
  );
  const version = createHash('sha256').update(rowsHtml.value).digest('base64url').slice(0, 16);
  const updated = `Last updated ${formatTimeSeconds(ctx.now)} · newest window evaluated ${asOf === null ? 'never' : `${formatAgo(asOf, ctx.now)} (${formatTime(asOf)})`} · refreshes every ${OVERVIEW_REFRESH_MS / 1000} s`;
  return { rowsHtml, version, updated, modelCount: models.length, rows };
}

export async function overviewBody(ctx: UiContext, project: Project): Promise<SafeHtml> {
  const d = await overviewData(ctx, project);
  const origin = new URL(ctx.c.req.url).origin;
  return overviewView({
    project: project.name,
    rows: d.rows,
    version: d.version,
    updatedText: d.updated,
    empty: d.modelCount === 0 ? noModelsYet(origin, project.name) : null,
    refreshMs: OVERVIEW_REFRESH_MS,
  });
}

/** The JSON the live refresh polls. */
export async function overviewJson(
  ctx: UiContext,
  project: Project,
): Promise<{ version: string; html: string; updated: string }> {
  const d = await overviewData(ctx, project);
  return { version: d.version, html: html`${d.rowsHtml}`.value, updated: d.updated };
}
